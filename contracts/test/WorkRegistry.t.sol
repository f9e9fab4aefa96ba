// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IWorkRegistry} from "../src/IWorkRegistry.sol";
import {WorkRegistry} from "../src/WorkRegistry.sol";
import {TestBase} from "./utils/TestBase.sol";

/// @notice Unit tests of WorkRegistry's roles, checkpoint anchoring and views.
contract WorkRegistryTest is TestBase {
    address internal constant ADMIN = address(0xAD);
    address internal constant ANCHORER = address(0xA1);
    address internal constant STRANGER = address(0x57);

    bytes32 internal constant ROOT_A = keccak256("root a");
    bytes32 internal constant ROOT_B = keccak256("root b");
    bytes32 internal constant ROOT_C = keccak256("root c");

    WorkRegistry internal registry;

    function setUp() public {
        registry = new WorkRegistry(ADMIN, ANCHORER);
    }

    function _anchor(uint64 treeSize, bytes32 root) internal {
        vm.prank(ANCHORER);
        registry.anchor(treeSize, root);
    }

    // ---- constructor and roles ----

    function test_constructor_grantsAdminAndAnchorerRoles() public view {
        vm.assertTrue(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), ADMIN), "admin has DEFAULT_ADMIN_ROLE");
        vm.assertTrue(registry.hasRole(registry.ANCHORER_ROLE(), ANCHORER), "anchorer has ANCHORER_ROLE");
        vm.assertFalse(registry.hasRole(registry.ANCHORER_ROLE(), ADMIN), "admin is not an anchorer");
        vm.assertFalse(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), ANCHORER), "anchorer is not an admin");
        vm.assertFalse(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), address(this)), "deployer gets no role");
    }

    function test_anchorerRole_isKeccakOfItsName() public view {
        vm.assertEq(registry.ANCHORER_ROLE(), keccak256("ANCHORER_ROLE"), "ANCHORER_ROLE");
    }

    function test_constructor_revertsOnZeroAdmin() public {
        vm.expectRevert(IWorkRegistry.WorkRegistryZeroAdmin.selector);
        new WorkRegistry(address(0), ANCHORER);
    }

    function test_constructor_revertsOnZeroAnchorer() public {
        vm.expectRevert(IWorkRegistry.WorkRegistryZeroAnchorer.selector);
        new WorkRegistry(ADMIN, address(0));
    }

    function test_supportsInterface_accessControl() public view {
        vm.assertTrue(registry.supportsInterface(type(IAccessControl).interfaceId), "IAccessControl");
    }

    // ---- initial state ----

    function test_initialState_isEmpty() public view {
        (uint64 treeSize, bytes32 root) = registry.latestCheckpoint();
        vm.assertEq(treeSize, 0, "latest tree size");
        vm.assertEq(root, bytes32(0), "latest root");
        vm.assertEq(registry.checkpointCount(), 0, "checkpoint count");
        vm.assertEq(registry.rootAt(0), bytes32(0), "rootAt(0)");
        vm.assertEq(registry.rootAt(1), bytes32(0), "rootAt(1)");
    }

    // ---- anchor ----

    function test_anchor_storesCheckpoint() public {
        _anchor(5, ROOT_A);

        vm.assertEq(registry.rootAt(5), ROOT_A, "rootAt(5)");
        (uint64 treeSize, bytes32 root) = registry.latestCheckpoint();
        vm.assertEq(treeSize, 5, "latest tree size");
        vm.assertEq(root, ROOT_A, "latest root");
        vm.assertEq(registry.checkpointCount(), 1, "checkpoint count");
        vm.assertEq(registry.rootAt(4), bytes32(0), "rootAt(4) never anchored");
        vm.assertEq(registry.rootAt(6), bytes32(0), "rootAt(6) never anchored");
    }

    function test_anchor_emitsCheckpointAnchored() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IWorkRegistry.CheckpointAnchored(7, ROOT_A, ANCHORER);
        _anchor(7, ROOT_A);
    }

    function test_anchor_keepsEveryCheckpoint() public {
        _anchor(1, ROOT_A);
        _anchor(2, ROOT_B);
        _anchor(1000, ROOT_C);

        vm.assertEq(registry.rootAt(1), ROOT_A, "rootAt(1)");
        vm.assertEq(registry.rootAt(2), ROOT_B, "rootAt(2)");
        vm.assertEq(registry.rootAt(1000), ROOT_C, "rootAt(1000)");
        vm.assertEq(registry.rootAt(3), bytes32(0), "rootAt(3) skipped");
        (uint64 treeSize, bytes32 root) = registry.latestCheckpoint();
        vm.assertEq(treeSize, 1000, "latest tree size");
        vm.assertEq(root, ROOT_C, "latest root");
        vm.assertEq(registry.checkpointCount(), 3, "checkpoint count");
    }

    function test_anchor_acceptsLargestTreeSize() public {
        _anchor(type(uint64).max, ROOT_A);
        vm.assertEq(registry.rootAt(type(uint64).max), ROOT_A, "rootAt(max)");

        vm.expectRevert(
            abi.encodeWithSelector(
                IWorkRegistry.WorkRegistryTreeSizeNotGrowing.selector, type(uint64).max, type(uint64).max
            )
        );
        _anchor(type(uint64).max, ROOT_B);
    }

    function test_anchor_revertsForAccountWithoutAnchorerRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, registry.ANCHORER_ROLE()
            )
        );
        vm.prank(STRANGER);
        registry.anchor(1, ROOT_A);
    }

    function test_anchor_revertsForAdminWithoutAnchorerRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, ADMIN, registry.ANCHORER_ROLE()
            )
        );
        vm.prank(ADMIN);
        registry.anchor(1, ROOT_A);
    }

    function test_anchor_followsRoleGrantAndRevoke() public {
        bytes32 role = registry.ANCHORER_ROLE();
        vm.prank(ADMIN);
        registry.grantRole(role, STRANGER);
        vm.prank(STRANGER);
        registry.anchor(1, ROOT_A);
        vm.assertEq(registry.rootAt(1), ROOT_A, "anchored by the new anchorer");

        vm.prank(ADMIN);
        registry.revokeRole(role, STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, role)
        );
        vm.prank(STRANGER);
        registry.anchor(2, ROOT_B);
    }

    function test_anchor_revertsOnZeroRoot() public {
        vm.expectRevert(IWorkRegistry.WorkRegistryZeroRoot.selector);
        _anchor(1, bytes32(0));
    }

    function test_anchor_revertsOnTreeSizeZero() public {
        vm.expectRevert(abi.encodeWithSelector(IWorkRegistry.WorkRegistryTreeSizeNotGrowing.selector, 0, 0));
        _anchor(0, ROOT_A);
    }

    function test_anchor_revertsOnEqualTreeSize() public {
        _anchor(10, ROOT_A);
        vm.expectRevert(abi.encodeWithSelector(IWorkRegistry.WorkRegistryTreeSizeNotGrowing.selector, 10, 10));
        _anchor(10, ROOT_B);
        vm.assertEq(registry.rootAt(10), ROOT_A, "first root kept");
    }

    function test_anchor_revertsOnSmallerTreeSize() public {
        _anchor(10, ROOT_A);
        vm.expectRevert(abi.encodeWithSelector(IWorkRegistry.WorkRegistryTreeSizeNotGrowing.selector, 9, 10));
        _anchor(9, ROOT_B);
        vm.assertEq(registry.rootAt(9), bytes32(0), "nothing stored for 9");
        vm.assertEq(registry.checkpointCount(), 1, "checkpoint count unchanged");
    }

    function testFuzz_anchor_growingSequenceIsKeptAndShrinkingIsRejected(uint64 first, uint64 step, bytes32 root)
        public
    {
        first = uint64(bound(first, 1, type(uint64).max - 1));
        step = uint64(bound(step, 1, type(uint64).max - first));
        vm.assume(root != bytes32(0));
        bytes32 secondRoot = keccak256(abi.encode(root));

        _anchor(first, root);
        _anchor(first + step, secondRoot);
        vm.assertEq(registry.rootAt(first), root, "first root");
        vm.assertEq(registry.rootAt(first + step), secondRoot, "second root");
        vm.assertEq(registry.checkpointCount(), 2, "count");

        vm.expectRevert(
            abi.encodeWithSelector(IWorkRegistry.WorkRegistryTreeSizeNotGrowing.selector, first, first + step)
        );
        _anchor(first, secondRoot);
    }

    // ---- verifyInclusion, contract level (proof arithmetic is tested in Rfc6962Test) ----

    function test_verifyInclusion_revertsForUnknownCheckpoint() public {
        _anchor(4, ROOT_A);
        vm.expectRevert(abi.encodeWithSelector(IWorkRegistry.WorkRegistryUnknownCheckpoint.selector, 3));
        registry.verifyInclusion(ROOT_B, 0, 3, new bytes32[](0));
    }

    function test_verifyInclusion_revertsForTreeSizeZero() public {
        vm.expectRevert(abi.encodeWithSelector(IWorkRegistry.WorkRegistryUnknownCheckpoint.selector, 0));
        registry.verifyInclusion(ROOT_B, 0, 0, new bytes32[](0));
    }

    function test_verifyInclusion_singleLeafTreeProvesItsOnlyLeaf() public {
        // The root of a one-leaf tree is the leaf hash itself, and its audit path is empty.
        _anchor(1, ROOT_A);
        vm.assertTrue(registry.verifyInclusion(ROOT_A, 0, 1, new bytes32[](0)), "the leaf");
        vm.assertFalse(registry.verifyInclusion(ROOT_B, 0, 1, new bytes32[](0)), "another leaf");
        vm.assertFalse(registry.verifyInclusion(ROOT_A, 1, 1, new bytes32[](0)), "index == treeSize");
        bytes32[] memory extended = new bytes32[](1);
        extended[0] = ROOT_B;
        vm.assertFalse(registry.verifyInclusion(ROOT_A, 0, 1, extended), "a needless proof element");
    }

    function test_verifyInclusion_checksAgainstTheRequestedCheckpoint() public {
        // A one-leaf proof of ROOT_A holds at tree size 1 and not at tree size 2, whose root differs.
        _anchor(1, ROOT_A);
        _anchor(2, ROOT_B);
        vm.assertTrue(registry.verifyInclusion(ROOT_A, 0, 1, new bytes32[](0)), "at size 1");
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = ROOT_C;
        vm.assertFalse(registry.verifyInclusion(ROOT_A, 0, 2, proof), "at size 2");
    }
}
