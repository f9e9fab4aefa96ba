// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title Rfc6962Reference
 * @notice A deliberately plain RFC 6962 section 2.1 implementation used as the oracle for the tests: the Merkle Tree
 * Hash MTH by recursion and the audit path PATH(m, D[n]) of section 2.1.1, both splitting at k, the largest power of
 * two smaller than n. It shares no code with src/Rfc6962.sol (which verifies bottom-up with the RFC 9162 index
 * arithmetic) and hashes with `sha256` rather than the precompile call, so a bug has to be made twice to pass.
 * Inputs are leaf hashes, already SHA-256(0x00 || leaf).
 */
library Rfc6962Reference {
    function node(bytes32 left, bytes32 right) internal pure returns (bytes32) {
        return sha256(abi.encodePacked(bytes1(0x01), left, right));
    }

    /// @dev The largest power of two smaller than n (n > 1).
    function split(uint256 n) internal pure returns (uint256 k) {
        k = 1;
        while (k << 1 < n) k <<= 1;
    }

    /// @dev MTH(D[start:end]) for a non-empty range of leaf hashes.
    function root(bytes32[] memory leafHashes, uint256 start, uint256 end) internal pure returns (bytes32) {
        uint256 n = end - start;
        require(n > 0, "Rfc6962Reference: empty range");
        if (n == 1) return leafHashes[start];
        uint256 k = split(n);
        return node(root(leafHashes, start, start + k), root(leafHashes, start + k, end));
    }

    function root(bytes32[] memory leafHashes) internal pure returns (bytes32) {
        return root(leafHashes, 0, leafHashes.length);
    }

    /// @dev PATH(m, D[n]) of section 2.1.1, bottom first: for m < k, PATH(m, D[0:k]) : MTH(D[k:n]);
    /// otherwise PATH(m - k, D[k:n]) : MTH(D[0:k]); the path of a single leaf is empty.
    function path(bytes32[] memory leafHashes, uint256 m) internal pure returns (bytes32[] memory) {
        require(m < leafHashes.length, "Rfc6962Reference: index out of range");
        return _path(leafHashes, m, 0, leafHashes.length);
    }

    function _path(bytes32[] memory leafHashes, uint256 m, uint256 start, uint256 end)
        private
        pure
        returns (bytes32[] memory)
    {
        uint256 n = end - start;
        if (n == 1) return new bytes32[](0);
        uint256 k = split(n);
        bytes32[] memory sub;
        bytes32 sibling;
        if (m < k) {
            sub = _path(leafHashes, m, start, start + k);
            sibling = root(leafHashes, start + k, end);
        } else {
            sub = _path(leafHashes, m - k, start + k, end);
            sibling = root(leafHashes, start, start + k);
        }
        bytes32[] memory result = new bytes32[](sub.length + 1);
        for (uint256 i = 0; i < sub.length; ++i) {
            result[i] = sub[i];
        }
        result[sub.length] = sibling;
        return result;
    }

    /// @dev n pseudo-random, distinct leaf hashes derived from `seed`.
    function randomLeaves(uint256 seed, uint256 n) internal pure returns (bytes32[] memory leafHashes) {
        leafHashes = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            leafHashes[i] = sha256(bytes.concat(bytes1(0x00), abi.encode(seed, i)));
        }
    }
}
