// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {WorkRegistry} from "../src/WorkRegistry.sol";
import {TestBase} from "./utils/TestBase.sol";
import {Rfc6962Reference} from "./utils/Rfc6962Reference.sol";

/**
 * @notice Gas ceilings for the calls the node pays for or serves, so that a change making them dearer fails here.
 * Each figure is the gas used inside the registry's call frame, with the registry's account and storage made cold
 * first (`vm.cool`) as at the start of a real transaction. A transaction adds its intrinsic cost: 21,000 plus 16 per
 * non-zero and 4 per zero calldata byte (about 21,700 for anchor).
 */
contract WorkRegistryGasTest is TestBase {
    address internal constant ANCHORER = address(0xA1);

    WorkRegistry internal registry;

    function setUp() public {
        registry = new WorkRegistry(address(0xAD), ANCHORER);
    }

    /// @dev Calls the registry with `data` from `caller` and returns the gas used inside the call frame.
    function _frameGas(address caller, bytes memory data) internal returns (uint256 used, bytes memory result) {
        vm.cool(address(registry));
        vm.prank(caller);
        bool ok;
        (ok, result) = address(registry).call(data);
        require(ok, "call reverted");
        used = vm.lastCallGas().gasTotalUsed;
        if (_isolated()) used -= _intrinsicGas(data);
    }

    /// @dev `forge test --gas-report` runs every state-changing top-level call as its own transaction (isolation)
    /// and then reports the transaction's gas, intrinsic cost included. An empty call to an account without code
    /// costs nothing in a frame and at least 21,000 as a transaction, which tells the two apart.
    function _isolated() internal returns (bool) {
        (bool ok,) = address(0xDEAD).call("");
        require(ok, "probe call failed");
        return vm.lastCallGas().gasTotalUsed >= 21_000;
    }

    function _intrinsicGas(bytes memory data) internal pure returns (uint256 gas) {
        gas = 21_000;
        for (uint256 i = 0; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }

    function _anchorGas(uint64 treeSize, bytes32 root) internal returns (uint256 used) {
        (used,) = _frameGas(ANCHORER, abi.encodeCall(WorkRegistry.anchor, (treeSize, root)));
    }

    function test_gas_anchor() public {
        uint256 first = _anchorGas(1000, keccak256("root 1"));
        uint256 second = _anchorGas(2000, keccak256("root 2"));
        uint256 third = _anchorGas(3000, keccak256("root 3"));
        // Two cold slots read (role, head), one new slot written (root), one slot rewritten (head), one event.
        vm.assertLt(first, 33_000, "first anchor");
        vm.assertEq(first, second, "the first anchor costs no more than later ones");
        vm.assertEq(second, third, "every later anchor costs the same");
    }

    function test_gas_verifyInclusion_1024Leaves() public {
        bytes32[] memory leaves = Rfc6962Reference.randomLeaves(42, 1024);
        bytes32 root = Rfc6962Reference.root(leaves);
        bytes32[] memory proof = Rfc6962Reference.path(leaves, 777);
        vm.assertEq(proof.length, 10, "audit path of a 1024-leaf tree");
        vm.prank(ANCHORER);
        registry.anchor(1024, root);

        (uint256 used, bytes memory result) =
            _frameGas(address(this), abi.encodeCall(WorkRegistry.verifyInclusion, (leaves[777], 777, 1024, proof)));

        vm.assertTrue(abi.decode(result, (bool)), "honest proof verifies");
        vm.assertLt(used, 10_000, "verifyInclusion, 1024 leaves");
    }

    function test_gas_verifyInclusion_stopsAtTheRoot() public {
        // RFC 9162 fails the proof as soon as the root is reached, so padding a proof does not buy hashing work.
        vm.prank(ANCHORER);
        registry.anchor(1, keccak256("leaf"));
        bytes32[] memory padded = new bytes32[](100);

        (uint256 used, bytes memory result) =
            _frameGas(address(this), abi.encodeCall(WorkRegistry.verifyInclusion, (keccak256("leaf"), 0, 1, padded)));

        vm.assertFalse(abi.decode(result, (bool)), "padded proof fails");
        vm.assertLt(used, 5_000, "verifyInclusion with 100 needless elements");
    }
}
