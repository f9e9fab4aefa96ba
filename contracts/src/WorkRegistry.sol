// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {IWorkRegistry} from "./IWorkRegistry.sol";
import {Rfc6962} from "./Rfc6962.sol";

/**
 * @title WorkRegistry
 * @notice Anchors the checkpoints of AIRM's append-only RFC 6962 attribution log, keeps every one, and verifies
 * inclusion proofs against them. Also exposes the EIP-712 hashing of {IWorkRegistry.WorkRegistration} in the domain
 * ("AIRM WorkRegistry", "1", chain id, this address) so off-chain signers can check their digests.
 */
contract WorkRegistry is IWorkRegistry, AccessControl, EIP712 {
    /// @inheritdoc IWorkRegistry
    bytes32 public constant ANCHORER_ROLE = keccak256("ANCHORER_ROLE");

    /// @inheritdoc IWorkRegistry
    bytes32 public constant WORK_REGISTRATION_TYPEHASH = keccak256(
        "WorkRegistration(address creator,bytes32 contentHash,string cid,bytes32 metadataHash,string licence,"
        "bool aiTraining,bytes32[] parents,uint256 nonce,uint256 deadline)"
    );

    /**
     * @dev Both counters share one storage slot, so an anchor writes two slots: this one and the root. `deployed` is
     * set by the constructor and never cleared; it keeps the slot non-zero so that the first anchor, like every later
     * one, pays for a non-zero to non-zero write (2,900 gas) instead of a zero to non-zero one (20,000 gas).
     */
    struct Head {
        uint64 latestTreeSize;
        uint64 checkpointCount;
        bool deployed;
    }

    mapping(uint64 treeSize => bytes32 root) private _roots;
    Head private _head;

    /**
     * @notice Deploys the registry with `admin` as the role admin and `anchorer` as the first anchorer.
     * @param admin account given DEFAULT_ADMIN_ROLE, which can grant and revoke the anchorer role
     * @param anchorer account given ANCHORER_ROLE
     */
    constructor(address admin, address anchorer) EIP712("AIRM WorkRegistry", "1") {
        if (admin == address(0)) revert WorkRegistryZeroAdmin();
        if (anchorer == address(0)) revert WorkRegistryZeroAnchorer();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ANCHORER_ROLE, anchorer);
        _head.deployed = true;
    }

    /// @inheritdoc IWorkRegistry
    function anchor(uint64 treeSize, bytes32 root) external onlyRole(ANCHORER_ROLE) {
        if (root == bytes32(0)) revert WorkRegistryZeroRoot();
        Head memory head = _head;
        if (treeSize <= head.latestTreeSize) revert WorkRegistryTreeSizeNotGrowing(treeSize, head.latestTreeSize);
        _roots[treeSize] = root;
        // Every anchor raises latestTreeSize by at least one, so checkpointCount + 1 <= treeSize: no overflow.
        unchecked {
            _head = Head({latestTreeSize: treeSize, checkpointCount: head.checkpointCount + 1, deployed: true});
        }
        emit CheckpointAnchored(treeSize, root, msg.sender);
    }

    /// @inheritdoc IWorkRegistry
    function rootAt(uint64 treeSize) external view returns (bytes32) {
        return _roots[treeSize];
    }

    /// @inheritdoc IWorkRegistry
    function latestCheckpoint() external view returns (uint64 treeSize, bytes32 root) {
        treeSize = _head.latestTreeSize;
        root = _roots[treeSize];
    }

    /// @inheritdoc IWorkRegistry
    function checkpointCount() external view returns (uint64) {
        return _head.checkpointCount;
    }

    /// @inheritdoc IWorkRegistry
    function verifyInclusion(bytes32 leafHash, uint64 index, uint64 treeSize, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        bytes32 root = _roots[treeSize];
        if (root == bytes32(0)) revert WorkRegistryUnknownCheckpoint(treeSize);
        return Rfc6962.verifyInclusionCalldata(leafHash, index, treeSize, proof, root);
    }

    /// @inheritdoc IWorkRegistry
    function hashWorkRegistration(WorkRegistration calldata registration) external view returns (bytes32) {
        return _hashTypedDataV4(_structHash(registration));
    }

    /**
     * @dev EIP-712 `hashStruct`: dynamic members (string, array) are replaced by the keccak256 of their encoding.
     * `abi.encodePacked` of a bytes32[] is the plain concatenation of its 32-byte elements, which is exactly
     * EIP-712's `encodeData` of an array of atomic values; every element has a fixed width, so it is unambiguous.
     */
    function _structHash(WorkRegistration calldata registration) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                WORK_REGISTRATION_TYPEHASH,
                registration.creator,
                registration.contentHash,
                keccak256(bytes(registration.cid)),
                registration.metadataHash,
                keccak256(bytes(registration.licence)),
                registration.aiTraining,
                keccak256(abi.encodePacked(registration.parents)),
                registration.nonce,
                registration.deadline
            )
        );
    }
}
