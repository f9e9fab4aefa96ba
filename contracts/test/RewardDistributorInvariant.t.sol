// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRewardDistributor} from "../src/IRewardDistributor.sol";
import {RewardDistributor} from "../src/RewardDistributor.sol";
import {MockERC20, FeeOnTransferToken} from "./rewards/MockTokens.sol";
import {RewardDistributorHandler} from "./rewards/RewardDistributorHandler.sol";
import {RewardDistributorTestBase} from "./rewards/RewardDistributorTestBase.sol";

/// @notice Invariants of RewardDistributor under the random call sequences of RewardDistributorHandler.
contract RewardDistributorInvariantTest is RewardDistributorTestBase {
    RewardDistributorHandler internal handler;
    MockERC20 internal plain;
    FeeOnTransferToken internal fee;

    function setUp() public {
        rvm.warp(START);
        plain = new MockERC20();
        fee = new FeeOnTransferToken(1000);
        // The handler takes the distributor as a constructor argument, so deploy with this contract in every role
        // first, then grant the handler the roles it drives (the guardian role stays here: no pauses).
        distributor = new RewardDistributor(address(this), address(this), address(this), address(this), WINDOW, 1 days);
        handler = new RewardDistributorHandler(distributor, address(plain), address(fee));
        distributor.grantRole(distributor.SETTLEMENT_OPERATOR_ROLE(), address(handler));
        distributor.grantRole(distributor.AUDITOR_ROLE(), address(handler));
        distributor.grantRole(distributor.DEFAULT_ADMIN_ROLE(), address(handler));
    }

    /// @dev Read by forge: only the handler is called.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function _balance(address token) internal view returns (uint256) {
        return token == address(0) ? address(distributor).balance : MockERC20(token).balanceOf(address(distributor));
    }

    /// forge-config: default.invariant.runs = 64
    /// forge-config: default.invariant.depth = 64
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_balanceEqualsDepositsMinusClaimsMinusRefunds() public view {
        address[3] memory tokens = [address(0), address(plain), address(fee)];
        for (uint256 i = 0; i < 3; ++i) {
            address t = tokens[i];
            vm.assertEq(_balance(t), handler.deposits(t) - handler.claims(t) - handler.refunds(t), "balance");
        }
    }

    /// forge-config: default.invariant.runs = 64
    /// forge-config: default.invariant.depth = 64
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_claimsNeverExceedFundsOrTotal_andEachLeafPaysOnce() public view {
        vm.assertFalse(handler.doublePaid(), "a leaf was paid twice");
        vm.assertFalse(handler.inflatedClaimPaid(), "an inflated claim was paid");
        for (uint256 poolId = 1; poolId <= 3; ++poolId) {
            IRewardDistributor.Pool memory p = distributor.pool(poolId);
            vm.assertTrue(p.claimed + p.refunded <= p.funded, "claimed + refunded <= funded");
            IRewardDistributor.Distribution memory d = distributor.distribution(poolId);
            if (d.status != IRewardDistributor.DistributionStatus.None) {
                vm.assertTrue(p.claimed <= d.total, "claimed <= total");
            } else {
                vm.assertEq(p.claimed, 0, "no claims without a distribution");
            }
        }
    }
}
