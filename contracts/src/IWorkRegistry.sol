// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IWorkRegistry
 * @notice Anchors the checkpoints (tree size, root hash) of AIRM's append-only RFC 6962 log on chain,
 * verifies inclusion proofs against them, and hashes work registrations as EIP-712 typed data.
 */
interface IWorkRegistry {
    /**
     * @dev A creator's request to register a work, signed as EIP-712 typed data. The Java node hashes the same
     * struct; {hashWorkRegistration} lets it cross-check its digest against the contract's.
     */
    struct WorkRegistration {
        address creator;
        bytes32 contentHash;
        string cid;
        bytes32 metadataHash;
        string licence;
        bool aiTraining;
        bytes32[] parents;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice Emitted after the root of the log at `treeSize` entries has been stored.
    event CheckpointAnchored(uint64 indexed treeSize, bytes32 root, address indexed anchorer);

    /// @dev The constructor was given the zero address as admin.
    error WorkRegistryZeroAdmin();

    /// @dev The constructor was given the zero address as anchorer.
    error WorkRegistryZeroAnchorer();

    /// @dev {anchor} was called with a zero root, which no SHA-256 tree head can be.
    error WorkRegistryZeroRoot();

    /// @dev {anchor} was called with a tree size not larger than the latest anchored one: the log only grows.
    error WorkRegistryTreeSizeNotGrowing(uint64 treeSize, uint64 latestTreeSize);

    /// @dev {verifyInclusion} was asked about a tree size that was never anchored.
    error WorkRegistryUnknownCheckpoint(uint64 treeSize);

    /**
     * @notice Anchors the root hash of the log when it held `treeSize` entries.
     * @dev Only accounts with the anchorer role. `treeSize` must exceed the latest anchored size and `root` must be
     * non-zero. Every checkpoint is kept. Emits {CheckpointAnchored}.
     * @param treeSize number of leaves in the log at this checkpoint
     * @param root RFC 6962 Merkle tree hash (SHA-256) of those leaves
     */
    function anchor(uint64 treeSize, bytes32 root) external;

    /**
     * @notice Returns the root anchored for `treeSize`, or zero if that size was never anchored.
     * @param treeSize number of leaves of the checkpoint
     */
    function rootAt(uint64 treeSize) external view returns (bytes32);

    /**
     * @notice Returns the most recent checkpoint, or (0, 0) before the first anchor.
     * @return treeSize number of leaves of the latest checkpoint
     * @return root root hash of the latest checkpoint
     */
    function latestCheckpoint() external view returns (uint64 treeSize, bytes32 root);

    /// @notice Returns how many checkpoints have been anchored.
    function checkpointCount() external view returns (uint64);

    /**
     * @notice Checks an RFC 9162 section 2.1.3.2 inclusion proof against the root anchored for `treeSize`.
     * @dev Reverts with {WorkRegistryUnknownCheckpoint} if `treeSize` was never anchored. Returns false, rather than
     * reverting, for an index outside the tree, a proof of the wrong length or hashes that do not lead to the root.
     * @param leafHash the leaf's hash, already SHA-256(0x00 || leaf)
     * @param index zero-based position of the leaf in the log
     * @param treeSize size of an anchored checkpoint
     * @param proof audit path from the leaf up to the root, bottom first
     * @return true if the proof leads from `leafHash` to the anchored root
     */
    function verifyInclusion(bytes32 leafHash, uint64 index, uint64 treeSize, bytes32[] calldata proof)
        external
        view
        returns (bool);

    /**
     * @notice Returns the EIP-712 digest (`\x19\x01 || domainSeparator || structHash`) of `registration` in this
     * contract's domain, the hash a creator signs.
     * @param registration the work registration to hash
     */
    function hashWorkRegistration(WorkRegistration calldata registration) external view returns (bytes32);

    /// @notice Returns the EIP-712 type hash of {WorkRegistration}.
    function WORK_REGISTRATION_TYPEHASH() external view returns (bytes32);

    /// @notice Returns the role allowed to call {anchor}.
    function ANCHORER_ROLE() external view returns (bytes32);
}
