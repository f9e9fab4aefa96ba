// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

import {IRewardDistributor} from "../src/IRewardDistributor.sol";
import {RewardDistributor} from "../src/RewardDistributor.sol";
import {
    MockERC20, NoReturnToken, FalseReturnToken, FeeOnTransferToken, ReentrantToken
} from "./rewards/MockTokens.sol";
import {RewardDistributorTestBase} from "./rewards/RewardDistributorTestBase.sol";

/// @notice Hostile ERC-20s: no return value, false return, fee on transfer, reentrancy on transfer.
contract RewardDistributorTokensTest is RewardDistributorTestBase {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    address[] internal accounts;
    uint256[] internal amounts;
    bytes32 internal root;

    function setUp() public {
        _deploy();
        accounts = [ALICE, BOB];
        amounts = [uint256(300), 200];
        (root,) = _rootAndProof(accounts, amounts, 0);
    }

    function _proof(uint256 k) internal view returns (bytes32[] memory proof) {
        (, proof) = _rootAndProof(accounts, amounts, k);
    }

    function _toRefund(uint256 poolId) internal {
        rvm.warp(EXPIRY);
        vm.prank(FUNDER);
        distributor.requestRefund(poolId);
        rvm.warp(EXPIRY + REFUND_DELAY);
    }

    function test_noReturnToken_fundsClaimsAndRefunds() public {
        NoReturnToken token = new NoReturnToken();
        uint256 poolId = _createPool(address(token));
        token.mint(FUNDER, 1000);
        rvm.startPrank(FUNDER);
        token.approve(address(distributor), 1000);
        distributor.fund(poolId, 1000);
        rvm.stopPrank();
        _post(poolId, root, 500);
        _afterWindow();
        distributor.claim(poolId, 0, ALICE, 300, _proof(0));
        vm.assertEq(token.balanceOf(ALICE), 300, "alice paid");
        _toRefund(poolId);
        distributor.refund(poolId);
        vm.assertEq(token.balanceOf(FUNDER), 700, "funder refunded");
        vm.assertEq(token.balanceOf(address(distributor)), 0, "empty");
    }

    function test_noReturnToken_failingTransferFrom_reverts() public {
        NoReturnToken token = new NoReturnToken();
        uint256 poolId = _createPool(address(token));
        vm.expectRevert(bytes("allowance or balance"));
        vm.prank(FUNDER);
        distributor.fund(poolId, 1000); // no allowance, no balance
    }

    function test_falseReturnToken_fund_revertsWithSafeErc20Error() public {
        FalseReturnToken token = new FalseReturnToken();
        uint256 poolId = _createPool(address(token));
        token.setFailing(true);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(token)));
        vm.prank(FUNDER);
        distributor.fund(poolId, 1000);
        vm.assertEq(distributor.pool(poolId).funded, 0, "nothing credited");
    }

    function test_falseReturnToken_claimAndRefund_revertAndChangeNothing() public {
        FalseReturnToken token = new FalseReturnToken();
        uint256 poolId = _createPool(address(token));
        _fundToken(poolId, token, 1000);
        _post(poolId, root, 500);
        _afterWindow();
        token.setFailing(true);
        bytes32[] memory proof = _proof(0);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(token)));
        distributor.claim(poolId, 0, ALICE, 300, proof);
        vm.assertFalse(distributor.isClaimed(poolId, 0), "leaf still unclaimed");
        vm.assertEq(distributor.pool(poolId).claimed, 0, "nothing claimed");
        _toRefund(poolId);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(token)));
        distributor.refund(poolId);
        vm.assertEq(distributor.pool(poolId).refunded, 0, "nothing refunded");
        token.setFailing(false);
        distributor.refund(poolId);
        vm.assertEq(token.balanceOf(FUNDER), 1000, "refund after the token recovers");
    }

    function test_feeOnTransfer_poolsCannotOverdrawEachOther() public {
        FeeOnTransferToken token = new FeeOnTransferToken(1000); // 10 %
        uint256 a = _createPool(address(token));
        uint256 b = _createPool(address(token));
        token.mint(FUNDER, 2000);
        rvm.startPrank(FUNDER);
        token.approve(address(distributor), 2000);
        distributor.fund(a, 1000);
        distributor.fund(b, 1000);
        rvm.stopPrank();
        vm.assertEq(distributor.pool(a).funded, 900, "a credited net");
        vm.assertEq(distributor.pool(b).funded, 900, "b credited net");
        vm.assertEq(token.balanceOf(address(distributor)), 1800, "balance == credits");
        _post(a, root, 500);
        _afterWindow();
        distributor.claim(a, 0, ALICE, 300, _proof(0));
        distributor.claim(a, 1, BOB, 200, _proof(1));
        vm.assertEq(token.balanceOf(ALICE), 270, "alice gets 300 less the token's fee");
        vm.assertEq(token.balanceOf(address(distributor)), 1300, "balance == credits - claims");
        _toRefund(a);
        distributor.refund(a);
        _toRefund(b);
        distributor.refund(b);
        vm.assertEq(token.balanceOf(address(distributor)), 0, "exactly drained, never overdrawn");
    }

    function test_reentrantToken_claimIntoClaim_isBlocked() public {
        ReentrantToken token = new ReentrantToken();
        uint256 poolId = _createPool(address(token));
        _fundToken(poolId, token, 1000);
        _post(poolId, root, 500);
        _afterWindow();
        bytes32[] memory proof = _proof(0);
        // Re-enter with the same leaf (double pay) while the outer claim transfers.
        token.arm(address(distributor), abi.encodeCall(RewardDistributor.claim, (poolId, 0, ALICE, 300, proof)));
        distributor.claim(poolId, 0, ALICE, 300, proof);
        vm.assertEq(token.attempts(), 1, "re-entry attempted");
        vm.assertFalse(token.lastReentrySucceeded(), "re-entry failed");
        vm.assertEq(
            keccak256(token.lastReentryRevert()),
            keccak256(abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector)),
            "nonReentrant stopped it"
        );
        vm.assertEq(token.balanceOf(ALICE), 300, "paid once");
        vm.assertEq(distributor.pool(poolId).claimed, 300, "claimed once");
    }

    function test_reentrantToken_claimIntoRefund_andRefundIntoRefund_areBlocked() public {
        ReentrantToken token = new ReentrantToken();
        uint256 poolId = _createPool(address(token));
        _fundToken(poolId, token, 1000);
        _post(poolId, root, 500);
        _afterWindow();
        token.arm(address(distributor), abi.encodeCall(RewardDistributor.refund, (poolId)));
        distributor.claim(poolId, 1, BOB, 200, _proof(1));
        vm.assertFalse(token.lastReentrySucceeded(), "claim -> refund failed");
        _toRefund(poolId);
        token.arm(address(distributor), abi.encodeCall(RewardDistributor.refund, (poolId)));
        distributor.refund(poolId);
        vm.assertEq(token.attempts(), 2, "two attempts");
        vm.assertFalse(token.lastReentrySucceeded(), "refund -> refund failed");
        vm.assertEq(
            keccak256(token.lastReentryRevert()),
            keccak256(abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector)),
            "nonReentrant stopped it"
        );
        vm.assertEq(token.balanceOf(FUNDER), 800, "refunded once");
        vm.assertEq(token.balanceOf(address(distributor)), 0, "nothing left, nothing overpaid");
    }

    function test_reentrantToken_claimIntoFund_isBlocked() public {
        ReentrantToken token = new ReentrantToken();
        uint256 poolId = _createPool(address(token));
        token.mint(FUNDER, 1000);
        vm.prank(FUNDER);
        token.approve(address(distributor), 1000);
        // The token re-enters on outbound transfers only, so this checks a claim re-entering fund.
        _fundTokenAsFunder(poolId, 500);
        _post(poolId, root, 500);
        _afterWindow();
        token.arm(address(distributor), abi.encodeCall(RewardDistributor.fund, (poolId, 1)));
        distributor.claim(poolId, 0, ALICE, 300, _proof(0));
        vm.assertFalse(token.lastReentrySucceeded(), "claim -> fund failed");
        vm.assertEq(distributor.pool(poolId).funded, 500, "no extra credit");
    }

    function _fundTokenAsFunder(uint256 poolId, uint256 amount) internal {
        vm.prank(FUNDER);
        distributor.fund(poolId, amount);
    }

    function test_mockErc20_sanity() public {
        MockERC20 token = new MockERC20();
        uint256 poolId = _createPool(address(token));
        _fundToken(poolId, token, 10);
        vm.assertEq(distributor.unclaimedRemainder(poolId), 10, "remainder");
    }
}
