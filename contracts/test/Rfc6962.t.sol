// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Rfc6962} from "../src/Rfc6962.sol";
import {WorkRegistry} from "../src/WorkRegistry.sol";
import {TestBase} from "./utils/TestBase.sol";
import {Rfc6962Reference} from "./utils/Rfc6962Reference.sol";

/**
 * @notice RFC 6962 hashing and inclusion proofs: known answers from the Certificate Transparency test vectors, and
 * fuzzed random trees checked against the reference implementation in test/utils, through both the library and
 * WorkRegistry.verifyInclusion.
 */
contract Rfc6962Test is TestBase {
    address internal constant ANCHORER = address(0xA1);
    uint256 internal constant MAX_LEAVES = 64;

    WorkRegistry internal registry;

    function setUp() public {
        registry = new WorkRegistry(address(0xAD), ANCHORER);
    }

    // ---- known answers ----
    //
    // The eight leaves of the Certificate Transparency merkle_tree_test vectors (hex):
    //   "", 00, 10, 2021, 3031, 40414243, 5051525354555657, 606162636465666768696a6b6c6d6e6f
    // The leaf hashes, roots and paths below are those published with the vectors; they were recomputed with
    // python3's hashlib by test/vectors/rfc6962_vectors.py (an independent implementation of MTH and PATH), which
    // printed exactly these values.

    function _ctLeaves() internal pure returns (bytes[] memory leaves) {
        leaves = new bytes[](8);
        leaves[0] = hex"";
        leaves[1] = hex"00";
        leaves[2] = hex"10";
        leaves[3] = hex"2021";
        leaves[4] = hex"3031";
        leaves[5] = hex"40414243";
        leaves[6] = hex"5051525354555657";
        leaves[7] = hex"606162636465666768696a6b6c6d6e6f";
    }

    function _ctLeafHashes() internal pure returns (bytes32[] memory hashes) {
        hashes = new bytes32[](8);
        hashes[0] = 0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d;
        hashes[1] = 0x96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7;
        hashes[2] = 0x0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7;
        hashes[3] = 0x07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7;
        hashes[4] = 0xbc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b;
        hashes[5] = 0x4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658;
        hashes[6] = 0xb08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f;
        hashes[7] = 0x46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1;
    }

    /// @dev ctRoots[n - 1] = MTH of the first n CT leaves.
    function _ctRoots() internal pure returns (bytes32[] memory roots) {
        roots = new bytes32[](8);
        roots[0] = 0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d;
        roots[1] = 0xfac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125;
        roots[2] = 0xaeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77;
        roots[3] = 0xd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7;
        roots[4] = 0x4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4;
        roots[5] = 0x76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef;
        roots[6] = 0xddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c;
        roots[7] = 0x5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328;
    }

    function test_hashLeaf_matchesCtLeafHashes() public pure {
        bytes[] memory leaves = _ctLeaves();
        bytes32[] memory expected = _ctLeafHashes();
        for (uint256 i = 0; i < leaves.length; ++i) {
            vm.assertEq(Rfc6962.hashLeaf(leaves[i]), expected[i], "leaf hash");
        }
    }

    function test_hashNode_isSha256OfOnePrefixedPair() public view {
        bytes32[] memory h = _ctLeafHashes();
        vm.assertEq(Rfc6962.hashNode(h[0], h[1]), _ctRoots()[1], "MTH of two CT leaves");
        vm.assertEq(Rfc6962.hashNode(h[0], h[1]), sha256(abi.encodePacked(uint8(1), h[0], h[1])), "sha256");
        vm.assertNotEq(Rfc6962.hashNode(h[0], h[1]), Rfc6962.hashNode(h[1], h[0]), "order matters");
    }

    function test_referenceRoot_matchesCtRoots() public pure {
        bytes32[] memory hashes = _ctLeafHashes();
        bytes32[] memory roots = _ctRoots();
        for (uint256 n = 1; n <= 8; ++n) {
            vm.assertEq(Rfc6962Reference.root(hashes, 0, n), roots[n - 1], "MTH of the first n CT leaves");
        }
    }

    // Interior nodes of the CT trees that appear in the published audit paths: MTH of the leaves in the name.
    bytes32 internal constant CT_NODE_23 = 0x5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e;
    bytes32 internal constant CT_NODE_45 = 0x0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a;
    bytes32 internal constant CT_NODE_67 = 0xca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0;
    bytes32 internal constant CT_NODE_4567 = 0x6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4;

    function test_verifyInclusion_ctPaths() public {
        bytes32[] memory h = _ctLeafHashes();
        bytes32[] memory roots = _ctRoots(); // roots[1] is node 01, roots[3] is node 0123
        _anchorKnown(roots);

        _assertCtPath(h[0], 0, 8, _path(h[1], CT_NODE_23, CT_NODE_4567), roots[7]);
        _assertCtPath(h[5], 5, 8, _path(h[4], CT_NODE_67, roots[3]), roots[7]);
        _assertCtPath(h[2], 2, 3, _path(roots[1]), roots[2]);
        _assertCtPath(h[1], 1, 5, _path(h[0], CT_NODE_23, h[4]), roots[4]);
        _assertCtPath(h[4], 4, 5, _path(roots[3]), roots[4]);
        _assertCtPath(h[6], 6, 7, _path(CT_NODE_45, roots[3]), roots[6]);
    }

    function test_verifyInclusion_rejectsInteriorNodePassedAsLeaf() public {
        // A node of the tree is not a leaf of it: its shortened path reaches the root, but the proof is too short
        // for the tree size (RFC 9162 requires sn == 0 at the end), so the proof must fail.
        bytes32[] memory h = _ctLeafHashes();
        bytes32[] memory roots = _ctRoots();
        _anchorKnown(roots);
        bytes32 node01 = roots[1];

        vm.assertTrue(registry.verifyInclusion(h[0], 0, 4, _path(h[1], CT_NODE_23)), "leaf 0 in 4, honest");
        vm.assertFalse(registry.verifyInclusion(node01, 0, 4, _path(CT_NODE_23)), "node 01 as leaf 0 of 4");
        vm.assertFalse(registry.verifyInclusion(CT_NODE_23, 1, 4, _path(node01)), "node 23 as leaf 1 of 4");
        vm.assertFalse(registry.verifyInclusion(roots[3], 0, 8, _path(CT_NODE_4567)), "node 0123 as leaf 0 of 8");
        vm.assertFalse(registry.verifyInclusion(roots[7], 0, 8, new bytes32[](0)), "root as leaf 0 of 8");
    }

    function test_verifyInclusion_everyCtLeafInEveryCtTree() public {
        bytes32[] memory h = _ctLeafHashes();
        _anchorKnown(_ctRoots());
        for (uint256 n = 1; n <= 8; ++n) {
            bytes32[] memory tree = new bytes32[](n);
            for (uint256 i = 0; i < n; ++i) {
                tree[i] = h[i];
            }
            for (uint256 i = 0; i < n; ++i) {
                bytes32[] memory proof = Rfc6962Reference.path(tree, i);
                vm.assertTrue(registry.verifyInclusion(h[i], uint64(i), uint64(n), proof), "CT leaf in CT tree");
            }
        }
    }

    function _anchorKnown(bytes32[] memory roots) internal {
        for (uint256 n = 1; n <= roots.length; ++n) {
            vm.prank(ANCHORER);
            registry.anchor(uint64(n), roots[n - 1]);
        }
    }

    function _assertCtPath(bytes32 leafHash, uint64 index, uint64 treeSize, bytes32[] memory proof, bytes32 root)
        internal
        view
    {
        bytes32[] memory leaves = new bytes32[](treeSize);
        bytes32[] memory all = _ctLeafHashes();
        for (uint256 i = 0; i < treeSize; ++i) {
            leaves[i] = all[i];
        }
        bytes32[] memory expectedPath = Rfc6962Reference.path(leaves, index);
        vm.assertEq(expectedPath.length, proof.length, "reference path length");
        for (uint256 i = 0; i < proof.length; ++i) {
            vm.assertEq(expectedPath[i], proof[i], "reference path element");
        }
        vm.assertTrue(Rfc6962.verifyInclusion(leafHash, index, treeSize, proof, root), "library");
        vm.assertTrue(registry.verifyInclusion(leafHash, index, treeSize, proof), "registry");
    }

    function _path(bytes32 a) internal pure returns (bytes32[] memory p) {
        p = new bytes32[](1);
        p[0] = a;
    }

    function _path(bytes32 a, bytes32 b) internal pure returns (bytes32[] memory p) {
        p = new bytes32[](2);
        (p[0], p[1]) = (a, b);
    }

    function _path(bytes32 a, bytes32 b, bytes32 c) internal pure returns (bytes32[] memory p) {
        p = new bytes32[](3);
        (p[0], p[1], p[2]) = (a, b, c);
    }

    // ---- random trees ----

    /// @dev A random tree of 1..MAX_LEAVES leaves, anchored in the registry.
    function _randomAnchoredTree(uint256 seed, uint256 size) internal returns (bytes32[] memory leaves, bytes32 root) {
        leaves = Rfc6962Reference.randomLeaves(seed, bound(size, 1, MAX_LEAVES));
        root = Rfc6962Reference.root(leaves);
        vm.prank(ANCHORER);
        registry.anchor(uint64(leaves.length), root);
    }

    /// @dev Asserts that both the library and the registry reject the proof.
    function _assertRejected(
        bytes32 leafHash,
        uint64 index,
        uint64 treeSize,
        bytes32[] memory proof,
        bytes32 root,
        string memory what
    ) internal view {
        vm.assertFalse(
            Rfc6962.verifyInclusion(leafHash, index, treeSize, proof, root), string.concat("library: ", what)
        );
        vm.assertFalse(registry.verifyInclusion(leafHash, index, treeSize, proof), string.concat("registry: ", what));
    }

    function testFuzz_verifyInclusion_everyHonestProofVerifies(uint256 seed, uint256 size) public {
        (bytes32[] memory leaves, bytes32 root) = _randomAnchoredTree(seed, size);
        uint64 n = uint64(leaves.length);
        for (uint64 i = 0; i < n; ++i) {
            bytes32[] memory proof = Rfc6962Reference.path(leaves, i);
            vm.assertTrue(Rfc6962.verifyInclusion(leaves[i], i, n, proof, root), "library accepts honest proof");
            vm.assertTrue(registry.verifyInclusion(leaves[i], i, n, proof), "registry accepts honest proof");
        }
    }

    function testFuzz_verifyInclusion_rejectsProofWithOneByteChanged(
        uint256 seed,
        uint256 size,
        uint256 index,
        uint256 element,
        uint256 bytePos,
        uint8 mask
    ) public {
        size = bound(size, 2, MAX_LEAVES); // a one-leaf tree has an empty proof, with no byte to change
        (bytes32[] memory leaves, bytes32 root) = _randomAnchoredTree(seed, size);
        uint64 n = uint64(leaves.length);
        uint64 i = uint64(bound(index, 0, n - 1));
        bytes32[] memory proof = Rfc6962Reference.path(leaves, i);

        element = bound(element, 0, proof.length - 1);
        bytePos = bound(bytePos, 0, 31);
        mask = uint8(bound(mask, 1, 255));
        proof[element] ^= bytes32(bytes1(mask)) >> (8 * bytePos);

        _assertRejected(leaves[i], i, n, proof, root, "a changed byte");
    }

    function testFuzz_verifyInclusion_rejectsChangedLeaf(uint256 seed, uint256 size, uint256 index, bytes32 other)
        public
    {
        (bytes32[] memory leaves, bytes32 root) = _randomAnchoredTree(seed, size);
        uint64 n = uint64(leaves.length);
        uint64 i = uint64(bound(index, 0, n - 1));
        vm.assume(other != leaves[i]);
        bytes32[] memory proof = Rfc6962Reference.path(leaves, i);

        _assertRejected(other, i, n, proof, root, "another leaf");
    }

    function testFuzz_verifyInclusion_rejectsWrongIndex(uint256 seed, uint256 size, uint256 index, uint256 wrong)
        public
    {
        size = bound(size, 2, MAX_LEAVES);
        (bytes32[] memory leaves, bytes32 root) = _randomAnchoredTree(seed, size);
        uint64 n = uint64(leaves.length);
        uint64 i = uint64(bound(index, 0, n - 1));
        // Any other index, including ones past the end of the tree.
        uint64 j = uint64(bound(wrong, 0, type(uint64).max - 1));
        if (j >= i) ++j;
        bytes32[] memory proof = Rfc6962Reference.path(leaves, i);

        _assertRejected(leaves[i], j, n, proof, root, "a wrong index");
    }

    function testFuzz_verifyInclusion_rejectsTruncatedProof(uint256 seed, uint256 size, uint256 index, uint256 keep)
        public
    {
        size = bound(size, 2, MAX_LEAVES);
        (bytes32[] memory leaves, bytes32 root) = _randomAnchoredTree(seed, size);
        uint64 n = uint64(leaves.length);
        uint64 i = uint64(bound(index, 0, n - 1));
        bytes32[] memory proof = Rfc6962Reference.path(leaves, i);

        keep = bound(keep, 0, proof.length - 1);
        bytes32[] memory truncated = new bytes32[](keep);
        for (uint256 k = 0; k < keep; ++k) {
            truncated[k] = proof[k];
        }
        _assertRejected(leaves[i], i, n, truncated, root, "a truncated proof");
    }

    function testFuzz_verifyInclusion_rejectsExtendedProof(
        uint256 seed,
        uint256 size,
        uint256 index,
        uint256 extra,
        bytes32 filler
    ) public {
        (bytes32[] memory leaves, bytes32 root) = _randomAnchoredTree(seed, size);
        uint64 n = uint64(leaves.length);
        uint64 i = uint64(bound(index, 0, n - 1));
        bytes32[] memory proof = Rfc6962Reference.path(leaves, i);

        extra = bound(extra, 1, 3);
        bytes32[] memory extended = new bytes32[](proof.length + extra);
        for (uint256 k = 0; k < proof.length; ++k) {
            extended[k] = proof[k];
        }
        for (uint256 k = proof.length; k < extended.length; ++k) {
            extended[k] = filler;
        }
        _assertRejected(leaves[i], i, n, extended, root, "an extended proof");
    }

    function testFuzz_verifyInclusion_rejectsProofForAnotherTreeSize(uint256 seed, uint256 size, uint256 index) public {
        // The honest proof of leaf i in the first n - 1 leaves, checked against the n-leaf checkpoint.
        size = bound(size, 3, MAX_LEAVES);
        (bytes32[] memory leaves, bytes32 root) = _randomAnchoredTree(seed, size);
        uint64 n = uint64(leaves.length);
        bytes32[] memory smaller = new bytes32[](n - 1);
        for (uint256 k = 0; k < n - 1; ++k) {
            smaller[k] = leaves[k];
        }
        uint64 i = uint64(bound(index, 0, n - 2));
        bytes32[] memory proof = Rfc6962Reference.path(smaller, i);

        _assertRejected(leaves[i], i, n, proof, root, "a proof for n - 1 leaves");
    }

    function testFuzz_verifyInclusion_rejectsRootPassedAsLeaf(uint256 seed, uint256 size, uint256 index) public {
        size = bound(size, 2, MAX_LEAVES);
        (bytes32[] memory leaves, bytes32 root) = _randomAnchoredTree(seed, size);
        uint64 n = uint64(leaves.length);
        uint64 i = uint64(bound(index, 0, n - 1));

        _assertRejected(root, i, n, new bytes32[](0), root, "the root as a leaf");
    }

    function testFuzz_verifyInclusion_libraryRejectsIndexOutOfRange(uint256 index, uint256 treeSize) public view {
        treeSize = bound(treeSize, 0, type(uint64).max);
        index = bound(index, treeSize, type(uint256).max);
        vm.assertFalse(Rfc6962.verifyInclusion(bytes32(0), index, treeSize, new bytes32[](0), bytes32(0)), "index");
    }
}
