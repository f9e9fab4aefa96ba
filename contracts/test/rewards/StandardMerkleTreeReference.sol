// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title StandardMerkleTreeReference
 * @notice An independent Solidity rendering of OpenZeppelin's StandardMerkleTree (@openzeppelin/merkle-tree) for
 * (uint256 index, address account, uint256 amount) leaves, as the chain adapter's AllocationTree builds it:
 * leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, amount)))); leaves sorted ascending by hash and
 * laid out in reverse at the end of a 2n - 1 node array; node i's children are 2i + 1 and 2i + 2; an inner node is
 * the keccak256 of its children in ascending order (commutative keccak); the root is node 0.
 */
library StandardMerkleTreeReference {
    function leaf(uint256 index, address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @return tree the 2n - 1 nodes; @return positionOf positionOf[k] is the node holding leaves[k]
    function build(bytes32[] memory leaves)
        internal
        pure
        returns (bytes32[] memory tree, uint256[] memory positionOf)
    {
        uint256 n = leaves.length;
        require(n > 0, "empty tree");
        uint256[] memory order = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            order[i] = i;
        }
        _sort(leaves, order, 0, int256(n) - 1);
        tree = new bytes32[](2 * n - 1);
        positionOf = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 position = tree.length - 1 - i;
            tree[position] = leaves[order[i]];
            positionOf[order[i]] = position;
        }
        for (uint256 i = tree.length - n; i > 0; --i) {
            tree[i - 1] = hashPair(tree[2 * i - 1], tree[2 * i]);
        }
    }

    function proof(bytes32[] memory tree, uint256 position) internal pure returns (bytes32[] memory path) {
        uint256 depth = 0;
        for (uint256 i = position; i > 0; i = (i - 1) / 2) {
            ++depth;
        }
        path = new bytes32[](depth);
        uint256 k = 0;
        for (uint256 i = position; i > 0; i = (i - 1) / 2) {
            path[k++] = tree[i % 2 == 1 ? i + 1 : i - 1];
        }
    }

    /// @dev Builds the tree of `leaves` and returns its root and the proof of leaves[k].
    function rootAndProof(bytes32[] memory leaves, uint256 k)
        internal
        pure
        returns (bytes32 root, bytes32[] memory path)
    {
        (bytes32[] memory tree, uint256[] memory positionOf) = build(leaves);
        root = tree[0];
        path = proof(tree, positionOf[k]);
    }

    function rootAndProofRoot(bytes32[] memory leaves) internal pure returns (bytes32 root) {
        (bytes32[] memory tree,) = build(leaves);
        root = tree[0];
    }

    /// @dev Quicksort of `order` by leaves[order[i]] ascending (bytes32 compares as unsigned big-endian bytes).
    function _sort(bytes32[] memory leaves, uint256[] memory order, int256 lo, int256 hi) private pure {
        while (lo < hi) {
            bytes32 pivot = leaves[order[uint256(lo + (hi - lo) / 2)]];
            int256 i = lo;
            int256 j = hi;
            while (i <= j) {
                while (leaves[order[uint256(i)]] < pivot) ++i;
                while (leaves[order[uint256(j)]] > pivot) --j;
                if (i <= j) {
                    (order[uint256(i)], order[uint256(j)]) = (order[uint256(j)], order[uint256(i)]);
                    ++i;
                    --j;
                }
            }
            if (j - lo < hi - i) {
                _sort(leaves, order, lo, j);
                lo = i;
            } else {
                _sort(leaves, order, i, hi);
                hi = j;
            }
        }
    }
}
