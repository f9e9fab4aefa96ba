// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRewardDistributor} from "../../src/IRewardDistributor.sol";
import {RewardDistributor} from "../../src/RewardDistributor.sol";
import {TestBase} from "../utils/TestBase.sol";
import {MockERC20} from "./MockTokens.sol";
import {RewardsVm} from "./RewardsVm.sol";
import {StandardMerkleTreeReference as Tree} from "./StandardMerkleTreeReference.sol";

/// @notice Shared fixture of the RewardDistributor tests: a deployed distributor, its role holders and tree helpers.
abstract contract RewardDistributorTestBase is TestBase {
    RewardsVm internal constant rvm = RewardsVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address internal constant ADMIN = address(0xAD);
    address internal constant OPERATOR = address(0x0B);
    address internal constant AUDITOR = address(0xA0D);
    address internal constant GUARDIAN = address(0x6A);
    address internal constant FUNDER = address(0xF0);
    address internal constant STRANGER = address(0x57);

    uint64 internal constant WINDOW = 1 days;
    uint64 internal constant REFUND_DELAY = 7 days;
    uint64 internal constant START = 1_700_000_000;
    uint64 internal constant EXPIRY = START + 30 days;
    uint256 internal constant ATTESTATION = 42;

    RewardDistributor internal distributor;

    function _deploy() internal {
        rvm.warp(START);
        distributor = new RewardDistributor(ADMIN, OPERATOR, AUDITOR, GUARDIAN, WINDOW, REFUND_DELAY);
    }

    function _createPool(address token) internal returns (uint256 poolId) {
        vm.prank(FUNDER);
        poolId = distributor.createPool(ATTESTATION, token, EXPIRY);
    }

    function _fundEth(uint256 poolId, uint256 amount) internal {
        rvm.deal(FUNDER, FUNDER.balance + amount);
        vm.prank(FUNDER);
        distributor.fund{value: amount}(poolId, amount);
    }

    function _fundToken(uint256 poolId, MockERC20 token, uint256 amount) internal {
        token.mint(FUNDER, amount);
        rvm.startPrank(FUNDER);
        token.approve(address(distributor), amount);
        distributor.fund(poolId, amount);
        rvm.stopPrank();
    }

    function _post(uint256 poolId, bytes32 root, uint256 total) internal {
        vm.prank(OPERATOR);
        distributor.postDistribution(poolId, root, total, keccak256("report"), "bafyreport");
    }

    /// @dev Leaves for `accounts`/`amounts` with indices 0..n-1.
    function _leaves(address[] memory accounts, uint256[] memory amounts) internal pure returns (bytes32[] memory l) {
        l = new bytes32[](accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            l[i] = Tree.leaf(i, accounts[i], amounts[i]);
        }
    }

    function _rootAndProof(address[] memory accounts, uint256[] memory amounts, uint256 k)
        internal
        pure
        returns (bytes32 root, bytes32[] memory proof)
    {
        return Tree.rootAndProof(_leaves(accounts, amounts), k);
    }

    function _afterWindow() internal {
        rvm.warp(block.timestamp + WINDOW);
    }
}
