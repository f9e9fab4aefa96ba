// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title Rfc6962
 * @notice Merkle tree hashing and inclusion-proof verification of RFC 6962 / RFC 9162 (Certificate Transparency),
 * with SHA-256 as the hash.
 * @dev Leaf hash = SHA-256(0x00 || leaf), interior node = SHA-256(0x01 || left || right) (RFC 9162 section 2.1.1).
 * The domain-separation bytes keep a leaf from ever being mistaken for an interior node.
 */
library Rfc6962 {
    /// @dev Returns SHA-256(0x00 || data), the hash of a leaf holding `data`.
    function hashLeaf(bytes memory data) internal pure returns (bytes32) {
        // The RFC fixes this byte layout; one fixed prefix and a single variable-length part cannot collide.
        return sha256(bytes.concat(bytes1(0x00), data));
    }

    /// @dev Returns SHA-256(0x01 || left || right), the hash of an interior node.
    function hashNode(bytes32 left, bytes32 right) internal view returns (bytes32 result) {
        // Hand-written rather than sha256(abi.encodePacked(...)): the 65-byte preimage is built in memory past the
        // free memory pointer, which is never advanced, so a proof of any length costs no memory expansion.
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore8(ptr, 0x01)
            mstore(add(ptr, 0x01), left)
            mstore(add(ptr, 0x21), right)
            // 0x02 is the SHA-256 precompile; it only fails when out of gas.
            if iszero(staticcall(gas(), 0x02, ptr, 0x41, 0x00, 0x20)) { revert(0, 0) }
            result := mload(0x00)
        }
    }

    /**
     * @dev Returns true if `proof` is the audit path of the leaf with hash `leafHash` at `index` in a tree of
     * `treeSize` leaves whose root is `root`. False for `index >= treeSize`, a proof of the wrong length or wrong
     * hashes. The algorithm is RFC 9162 section 2.1.3.2, which also rejects proofs that are too long or too short.
     */
    function verifyInclusion(bytes32 leafHash, uint256 index, uint256 treeSize, bytes32[] memory proof, bytes32 root)
        internal
        view
        returns (bool)
    {
        if (index >= treeSize) return false;
        uint256 fn = index;
        uint256 sn = treeSize - 1;
        bytes32 r = leafHash;
        for (uint256 i = 0; i < proof.length; ++i) {
            if (sn == 0) return false;
            (r, fn, sn) = _step(r, proof[i], fn, sn);
        }
        return sn == 0 && r == root;
    }

    /// @dev As {verifyInclusion}, with the proof read from calldata (no copy to memory).
    function verifyInclusionCalldata(
        bytes32 leafHash,
        uint256 index,
        uint256 treeSize,
        bytes32[] calldata proof,
        bytes32 root
    ) internal view returns (bool) {
        if (index >= treeSize) return false;
        uint256 fn = index;
        uint256 sn = treeSize - 1;
        bytes32 r = leafHash;
        for (uint256 i = 0; i < proof.length; ++i) {
            if (sn == 0) return false;
            (r, fn, sn) = _step(r, proof[i], fn, sn);
        }
        return sn == 0 && r == root;
    }

    /**
     * @dev One iteration of RFC 9162 section 2.1.3.2. `fn` is the node's index and `sn` the index of the last node
     * at the current level. If the node is a right child, or the last node on its level (so `p` is the root of a
     * complete subtree to its left), `p` goes on the left, and levels where the node has no sibling are skipped.
     */
    function _step(bytes32 r, bytes32 p, uint256 fn, uint256 sn) private view returns (bytes32, uint256, uint256) {
        if (fn & 1 == 1 || fn == sn) {
            r = hashNode(p, r);
            // The RFC's "if LSB(fn) is not set, right-shift fn and sn until LSB(fn) is set or fn is 0"; for an odd
            // fn the loop condition is false at once, so the RFC's outer test is left out.
            while (fn & 1 == 0 && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            r = hashNode(r, p);
        }
        return (r, fn >> 1, sn >> 1);
    }
}
