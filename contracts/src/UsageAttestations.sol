// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {IUsageAttestations} from "./IUsageAttestations.sol";

/**
 * @title UsageAttestations
 * @notice Records AI companies' attestations of which registered works a model version used. The admin
 * (DEFAULT_ADMIN_ROLE) grants {ATTESTER_ROLE}; attesters attest directly or sign EIP-712 messages in the domain
 * ("AIRM UsageAttestations", "1", chain id, this address) that the registry node relays.
 * @dev Storage per attestation is seven slots (see {IUsageAttestations.Attestation}); the model version is stored as
 * its keccak256 and emitted in full. Every record keeps the EIP-712 digest of its message, which no two records share:
 * both ways of attesting consume the attester's sequential nonce. Signatures are checked with OpenZeppelin's ECDSA,
 * which rejects high-s (malleable) signatures; replay is prevented by that nonce and the domain's chain id and
 * contract address.
 */
contract UsageAttestations is IUsageAttestations, AccessControl, EIP712, Nonces {
    /// @inheritdoc IUsageAttestations
    bytes32 public constant ATTESTER_ROLE = keccak256("ATTESTER_ROLE");

    /// @inheritdoc IUsageAttestations
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(bytes32 modelId,string modelVersion,bytes32 worksRoot,uint32 workCount,bytes32 evidenceDigest,"
        "address attester,uint256 nonce,uint256 deadline)"
    );

    mapping(uint256 id => Attestation) private _attestations;

    /**
     * @dev The id the next attestation gets. Starts at 1 (set in the constructor), so it is never zero and every
     * attestation, the first included, pays for a non-zero to non-zero write of this slot.
     */
    uint256 private _nextId;

    /**
     * @notice Deploys the contract with `admin` as the role admin, who grants {ATTESTER_ROLE}.
     * @param admin account given DEFAULT_ADMIN_ROLE
     */
    constructor(address admin) EIP712("AIRM UsageAttestations", "1") {
        if (admin == address(0)) revert UsageAttestationsZeroAdmin();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _nextId = 1;
    }

    /// @inheritdoc IUsageAttestations
    function attest(AttestationRequest calldata request) external onlyRole(ATTESTER_ROLE) returns (uint256 id) {
        _checkRequest(request);
        bytes32 versionHash = keccak256(bytes(request.modelVersion));
        // The message the caller could have signed for this block: its next nonce, a deadline of now.
        bytes32 digest =
            _hashTypedDataV4(_structHash(request, versionHash, msg.sender, _useNonce(msg.sender), block.timestamp));
        id = _store(request, versionHash, msg.sender, digest);
    }

    /// @inheritdoc IUsageAttestations
    function attestBySig(
        AttestationRequest calldata request,
        address attester,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 id) {
        // A deadline is hours or days away; a proposer's few seconds of leeway over the timestamp do not matter.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > deadline) revert UsageAttestationsExpiredSignature(deadline);
        _checkRequest(request);
        bytes32 versionHash = keccak256(bytes(request.modelVersion));
        bytes32 digest =
            _hashTypedDataV4(_structHash(request, versionHash, attester, _useNonce(attester), deadline));
        address signer = ECDSA.recover(digest, signature);
        if (signer != attester) revert UsageAttestationsInvalidSigner(signer, attester);
        _checkRole(ATTESTER_ROLE, attester);
        id = _store(request, versionHash, attester, digest);
    }

    /// @inheritdoc IUsageAttestations
    function revoke(uint256 id) external {
        Attestation storage record = _attestations[id];
        address attester = record.attester;
        if (attester == address(0)) revert UsageAttestationsUnknownAttestation(id);
        if (attester != msg.sender) revert UsageAttestationsNotAttester(id, msg.sender);
        if (record.revoked) revert UsageAttestationsAlreadyRevoked(id);
        record.revoked = true;
        emit Revoked(id, attester);
    }

    /// @inheritdoc IUsageAttestations
    function attestation(uint256 id) external view returns (Attestation memory record) {
        record = _attestations[id];
        if (record.attester == address(0)) revert UsageAttestationsUnknownAttestation(id);
    }

    /// @inheritdoc IUsageAttestations
    function attestationCount() external view returns (uint256) {
        return _nextId - 1;
    }

    /// @inheritdoc IUsageAttestations
    function hashAttestation(AttestationRequest calldata request, address attester, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(
            _structHash(request, keccak256(bytes(request.modelVersion)), attester, nonce, deadline)
        );
    }

    /// @inheritdoc IUsageAttestations
    function nonces(address owner) public view override(IUsageAttestations, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _checkRequest(AttestationRequest calldata request) private pure {
        if (request.worksRoot == bytes32(0)) revert UsageAttestationsZeroWorksRoot();
        if (request.workCount == 0) revert UsageAttestationsZeroWorkCount();
        if (request.evidenceDigest == bytes32(0)) revert UsageAttestationsZeroEvidenceDigest();
    }

    /// @dev Writes the record (seven new slots), advances the id and emits {Attested}.
    function _store(AttestationRequest calldata request, bytes32 versionHash, address attester, bytes32 digest)
        private
        returns (uint256 id)
    {
        id = _nextId;
        // 2^256 attestations cannot be made.
        unchecked {
            _nextId = id + 1;
        }
        _attestations[id] = Attestation({
            attester: attester,
            attestedAt: uint64(block.timestamp),
            revoked: false,
            workCount: request.workCount,
            modelId: request.modelId,
            modelVersionHash: versionHash,
            worksRoot: request.worksRoot,
            evidenceDigest: request.evidenceDigest,
            digest: digest
        });
        emit Attested(
            id,
            attester,
            digest,
            request.modelId,
            request.modelVersion,
            request.worksRoot,
            request.workCount,
            request.evidenceDigest
        );
    }

    /// @dev EIP-712 `hashStruct` of the signed message; the string member is replaced by `versionHash`, its keccak256.
    function _structHash(
        AttestationRequest calldata request,
        bytes32 versionHash,
        address attester,
        uint256 nonce,
        uint256 deadline
    ) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                ATTESTATION_TYPEHASH,
                request.modelId,
                versionHash,
                request.worksRoot,
                request.workCount,
                request.evidenceDigest,
                attester,
                nonce,
                deadline
            )
        );
    }
}
