// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IRewardDistributor} from "../src/IRewardDistributor.sol";
import {RewardDistributor} from "../src/RewardDistributor.sol";
import {MockERC20, FeeOnTransferToken} from "./rewards/MockTokens.sol";
import {RewardDistributorTestBase} from "./rewards/RewardDistributorTestBase.sol";

/// @notice Unit tests of RewardDistributor: every path and every revert, one role check per gated function.
contract RewardDistributorTest is RewardDistributorTestBase {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA401);
    address internal constant DAVE = address(0xDA7E);

    address[] internal accounts;
    uint256[] internal amounts;
    bytes32 internal root;
    uint256 internal constant TOTAL = 10 ether;
    uint256 internal constant FUNDED = 12 ether;

    uint256 internal ethPool;

    function setUp() public {
        _deploy();
        accounts = [ALICE, BOB, CAROL, DAVE];
        amounts = [uint256(1 ether), 2 ether, 3 ether, 4 ether];
        (root,) = _rootAndProof(accounts, amounts, 0);
        ethPool = _createPool(address(0));
        _fundEth(ethPool, FUNDED);
    }

    function _proof(uint256 k) internal view returns (bytes32[] memory proof) {
        (, proof) = _rootAndProof(accounts, amounts, k);
    }

    function _claim(uint256 k) internal {
        distributor.claim(ethPool, k, accounts[k], amounts[k], _proof(k));
    }

    function _postAndOpen() internal {
        _post(ethPool, root, TOTAL);
        _afterWindow();
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    // ---- constructor, roles, views ----

    function test_constructor_grantsRolesAndStoresDelays() public view {
        vm.assertTrue(distributor.hasRole(distributor.DEFAULT_ADMIN_ROLE(), ADMIN), "admin");
        vm.assertTrue(distributor.hasRole(distributor.SETTLEMENT_OPERATOR_ROLE(), OPERATOR), "operator");
        vm.assertTrue(distributor.hasRole(distributor.AUDITOR_ROLE(), AUDITOR), "auditor");
        vm.assertTrue(distributor.hasRole(distributor.GUARDIAN_ROLE(), GUARDIAN), "guardian");
        vm.assertFalse(distributor.hasRole(distributor.DEFAULT_ADMIN_ROLE(), address(this)), "deployer gets nothing");
        vm.assertEq(distributor.SETTLEMENT_OPERATOR_ROLE(), keccak256("SETTLEMENT_OPERATOR_ROLE"), "operator role");
        vm.assertEq(distributor.AUDITOR_ROLE(), keccak256("AUDITOR_ROLE"), "auditor role");
        vm.assertEq(distributor.GUARDIAN_ROLE(), keccak256("GUARDIAN_ROLE"), "guardian role");
        vm.assertEq(distributor.challengeWindow(), WINDOW, "window");
        vm.assertEq(distributor.refundDelay(), REFUND_DELAY, "refund delay");
        vm.assertTrue(distributor.supportsInterface(type(IAccessControl).interfaceId), "IAccessControl");
    }

    function test_constructor_revertsOnEachZeroAccount() public {
        bytes4 sel = IRewardDistributor.RewardDistributorZeroAddress.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, bytes32(0)));
        new RewardDistributor(address(0), OPERATOR, AUDITOR, GUARDIAN, WINDOW, REFUND_DELAY);
        vm.expectRevert(abi.encodeWithSelector(sel, keccak256("SETTLEMENT_OPERATOR_ROLE")));
        new RewardDistributor(ADMIN, address(0), AUDITOR, GUARDIAN, WINDOW, REFUND_DELAY);
        vm.expectRevert(abi.encodeWithSelector(sel, keccak256("AUDITOR_ROLE")));
        new RewardDistributor(ADMIN, OPERATOR, address(0), GUARDIAN, WINDOW, REFUND_DELAY);
        vm.expectRevert(abi.encodeWithSelector(sel, keccak256("GUARDIAN_ROLE")));
        new RewardDistributor(ADMIN, OPERATOR, AUDITOR, address(0), WINDOW, REFUND_DELAY);
    }

    function test_leafHash_matchesTheChainAdaptersKnownAnswer() public view {
        // The vector of chain-adapter AllocationTreeTest (cast keccak of cast keccak of the ABI encoding).
        vm.assertEq(
            distributor.leafHash(3, 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, 1 ether),
            0xd34166c0e8764cb711ecd3a0b520cfbe8fa290a7b051f6825ed34974858dff69,
            "leaf"
        );
    }

    function test_views_revertForAnUnknownPool() public {
        bytes memory err = abi.encodeWithSelector(IRewardDistributor.RewardDistributorUnknownPool.selector, 99);
        vm.expectRevert(err);
        distributor.pool(99);
        vm.expectRevert(err);
        distributor.distribution(99);
        vm.expectRevert(err);
        distributor.unclaimedRemainder(99);
        vm.assertFalse(distributor.claimsOpen(99), "claimsOpen");
        vm.assertFalse(distributor.isClaimed(99, 0), "isClaimed");
    }

    // ---- createPool ----

    function test_createPool_storesThePoolAndEmits() public {
        MockERC20 token = new MockERC20();
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.PoolCreated(2, 7, FUNDER, address(token), EXPIRY);
        vm.prank(FUNDER);
        uint256 poolId = distributor.createPool(7, address(token), EXPIRY);
        vm.assertEq(poolId, 2, "second pool");
        vm.assertEq(distributor.poolCount(), 2, "count");
        IRewardDistributor.Pool memory p = distributor.pool(poolId);
        vm.assertEq(p.token, address(token), "token");
        vm.assertEq(p.expiry, EXPIRY, "expiry");
        vm.assertEq(p.funder, FUNDER, "funder");
        vm.assertEq(p.attestationId, 7, "attestation");
        vm.assertEq(p.funded + p.claimed + p.refunded + p.refundAvailableAt, 0, "empty");
        vm.assertEq(uint256(distributor.distribution(poolId).status), 0, "no distribution");
    }

    function test_createPool_revertsOnATokenWithoutCode() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorTokenNotContract.selector, BOB));
        distributor.createPool(1, BOB, EXPIRY);
    }

    function test_createPool_revertsOnAnExpiryNotInTheFuture() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorExpiryNotInFuture.selector, START, START)
        );
        distributor.createPool(1, address(0), START);
    }

    // ---- fund ----

    function test_fund_eth_creditsAndEmits() public {
        rvm.deal(FUNDER, 1 ether);
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.PoolFunded(ethPool, FUNDER, 1 ether);
        vm.prank(FUNDER);
        distributor.fund{value: 1 ether}(ethPool, 1 ether);
        vm.assertEq(distributor.pool(ethPool).funded, FUNDED + 1 ether, "funded");
        vm.assertEq(address(distributor).balance, FUNDED + 1 ether, "balance");
        vm.assertEq(distributor.unclaimedRemainder(ethPool), FUNDED + 1 ether, "remainder");
    }

    function test_fund_token_creditsTheBalanceIncrease() public {
        MockERC20 token = new MockERC20();
        uint256 poolId = _createPool(address(token));
        _fundToken(poolId, token, 500);
        vm.assertEq(distributor.pool(poolId).funded, 500, "funded");
        vm.assertEq(token.balanceOf(address(distributor)), 500, "balance");
    }

    function test_fund_feeOnTransfer_creditsOnlyWhatArrived() public {
        FeeOnTransferToken token = new FeeOnTransferToken(100); // 1 %
        uint256 poolId = _createPool(address(token));
        token.mint(FUNDER, 1000);
        rvm.startPrank(FUNDER);
        token.approve(address(distributor), 1000);
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.PoolFunded(poolId, FUNDER, 990);
        distributor.fund(poolId, 1000);
        rvm.stopPrank();
        vm.assertEq(distributor.pool(poolId).funded, 990, "credited net");
        // The operator cannot post more than arrived.
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorTotalExceedsPool.selector, poolId, 1000, 990)
        );
        _post(poolId, root, 1000);
    }

    function test_fund_revertsOnAnUnknownPool() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorUnknownPool.selector, 9));
        distributor.fund(9, 1);
    }

    function test_fund_revertsForAnyoneButTheFunder() public {
        rvm.deal(STRANGER, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorNotFunder.selector, ethPool, STRANGER)
        );
        vm.prank(STRANGER);
        distributor.fund{value: 1}(ethPool, 1);
    }

    function test_fund_revertsOnceExpired() public {
        rvm.warp(EXPIRY);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorPoolExpired.selector, ethPool, EXPIRY)
        );
        vm.prank(FUNDER);
        distributor.fund(ethPool, 1);
    }

    function test_fund_revertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorZeroAmount.selector, ethPool));
        vm.prank(FUNDER);
        distributor.fund(ethPool, 0);
    }

    function test_fund_eth_revertsWhenValueDiffersFromAmount() public {
        rvm.deal(FUNDER, 5);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorValueMismatch.selector, ethPool, 4, 5)
        );
        vm.prank(FUNDER);
        distributor.fund{value: 4}(ethPool, 5);
    }

    function test_fund_token_revertsWhenEthIsSent() public {
        MockERC20 token = new MockERC20();
        uint256 poolId = _createPool(address(token));
        rvm.deal(FUNDER, 5);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorValueMismatch.selector, poolId, 5, 0)
        );
        vm.prank(FUNDER);
        distributor.fund{value: 5}(poolId, 5);
    }

    function test_fund_revertsWhenPaused() public {
        vm.prank(GUARDIAN);
        distributor.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(FUNDER);
        distributor.fund(ethPool, 1);
    }

    // ---- postDistribution ----

    function test_postDistribution_storesAndEmits() public {
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.DistributionPosted(
            ethPool, root, TOTAL, keccak256("report"), "bafyreport", START + WINDOW, OPERATOR
        );
        _post(ethPool, root, TOTAL);
        IRewardDistributor.Distribution memory d = distributor.distribution(ethPool);
        vm.assertEq(d.root, root, "root");
        vm.assertEq(d.total, TOTAL, "total");
        vm.assertEq(d.reportDigest, keccak256("report"), "digest");
        vm.assertEq(d.postedAt, START, "postedAt");
        vm.assertEq(d.challengeEndsAt, START + WINDOW, "challengeEndsAt");
        vm.assertEq(uint256(d.status), uint256(IRewardDistributor.DistributionStatus.Posted), "status");
        vm.assertFalse(distributor.claimsOpen(ethPool), "claims wait for the window");
    }

    function test_postDistribution_acceptsTheWholePool() public {
        _post(ethPool, root, FUNDED);
        vm.assertEq(distributor.distribution(ethPool).total, FUNDED, "total");
    }

    function test_postDistribution_revertsOnAnUnknownPool() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorUnknownPool.selector, 9));
        _post(9, root, 1);
    }

    function test_postDistribution_revertsOnZeroRoot() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorZeroRoot.selector, ethPool));
        _post(ethPool, bytes32(0), 1);
    }

    function test_postDistribution_revertsWhileADistributionIsLive() public {
        _post(ethPool, root, TOTAL);
        bytes4 sel = IRewardDistributor.RewardDistributorDistributionExists.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, ethPool, IRewardDistributor.DistributionStatus.Posted));
        _post(ethPool, keccak256("other"), 1);
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "wrong");
        vm.expectRevert(abi.encodeWithSelector(sel, ethPool, IRewardDistributor.DistributionStatus.Challenged));
        _post(ethPool, keccak256("other"), 1);
    }

    function test_postDistribution_revertsOnceExpired() public {
        rvm.warp(EXPIRY);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorPoolExpired.selector, ethPool, EXPIRY)
        );
        _post(ethPool, root, TOTAL);
    }

    function test_postDistribution_revertsWhenTheWindowWouldReachExpiry() public {
        rvm.warp(EXPIRY - WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorWindowPastExpiry.selector, ethPool, EXPIRY, EXPIRY
            )
        );
        _post(ethPool, root, TOTAL);
        rvm.warp(EXPIRY - WINDOW - 1);
        _post(ethPool, root, TOTAL); // one second of claims remains
    }

    function test_postDistribution_revertsWhenTotalExceedsThePool() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorTotalExceedsPool.selector, ethPool, FUNDED + 1, FUNDED
            )
        );
        _post(ethPool, root, FUNDED + 1);
    }

    function test_postDistribution_revertsWhenPaused() public {
        vm.prank(GUARDIAN);
        distributor.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _post(ethPool, root, TOTAL);
    }

    // ---- challenge and resolveChallenge ----

    function test_challenge_freezesAndEmits() public {
        _post(ethPool, root, TOTAL);
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.DistributionChallenged(ethPool, root, AUDITOR, "double counted");
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "double counted");
        vm.assertEq(
            uint256(distributor.distribution(ethPool).status),
            uint256(IRewardDistributor.DistributionStatus.Challenged),
            "frozen"
        );
        _afterWindow();
        bytes32[] memory proof = _proof(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorWrongStatus.selector,
                ethPool,
                IRewardDistributor.DistributionStatus.Posted,
                IRewardDistributor.DistributionStatus.Challenged
            )
        );
        distributor.claim(ethPool, 0, ALICE, 1 ether, proof);
    }

    function test_challenge_revertsWithoutADistribution() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorWrongStatus.selector,
                ethPool,
                IRewardDistributor.DistributionStatus.Posted,
                IRewardDistributor.DistributionStatus.None
            )
        );
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "none");
    }

    function test_challenge_revertsWhenAlreadyFrozen() public {
        _post(ethPool, root, TOTAL);
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "first");
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorWrongStatus.selector,
                ethPool,
                IRewardDistributor.DistributionStatus.Posted,
                IRewardDistributor.DistributionStatus.Challenged
            )
        );
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "second");
    }

    function test_challenge_revertsAfterTheWindow() public {
        _postAndOpen();
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorChallengeWindowClosed.selector, ethPool, START + WINDOW
            )
        );
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "late");
    }

    function test_challenge_revertsOnAnUnknownPool() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorUnknownPool.selector, 9));
        vm.prank(AUDITOR);
        distributor.challenge(9, "x");
    }

    function test_challengeAndResolve_workWhilePaused() public {
        _post(ethPool, root, TOTAL);
        vm.prank(GUARDIAN);
        distributor.pause();
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "during pause");
        vm.prank(ADMIN);
        distributor.resolveChallenge(ethPool, true);
        vm.assertEq(uint256(distributor.distribution(ethPool).status), 0, "discarded");
    }

    function test_resolveChallenge_upheld_discardsAndAllowsANewPost() public {
        _post(ethPool, root, TOTAL);
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "bad");
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.ChallengeResolved(ethPool, root, true);
        vm.prank(ADMIN);
        distributor.resolveChallenge(ethPool, true);
        IRewardDistributor.Distribution memory d = distributor.distribution(ethPool);
        vm.assertEq(d.root, bytes32(0), "root cleared");
        vm.assertEq(d.total, 0, "total cleared");
        // The operator posts a corrected tree, which gets a fresh window.
        rvm.warp(START + 100);
        _post(ethPool, root, TOTAL);
        vm.assertEq(distributor.distribution(ethPool).challengeEndsAt, START + 100 + WINDOW, "fresh window");
    }

    function test_resolveChallenge_notUpheld_opensClaimsAfterTheOriginalWindow() public {
        _post(ethPool, root, TOTAL);
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "bad");
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.ChallengeResolved(ethPool, root, false);
        vm.prank(ADMIN);
        distributor.resolveChallenge(ethPool, false);
        IRewardDistributor.Distribution memory d = distributor.distribution(ethPool);
        vm.assertEq(uint256(d.status), uint256(IRewardDistributor.DistributionStatus.Posted), "unfrozen");
        vm.assertEq(d.challengeEndsAt, START + WINDOW, "original window");
        vm.assertFalse(distributor.claimsOpen(ethPool), "still in the window");
        rvm.warp(START + WINDOW);
        vm.assertTrue(distributor.claimsOpen(ethPool), "open");
        _claim(0);
        vm.assertEq(ALICE.balance, 1 ether, "paid");
    }

    function test_resolveChallenge_lateResolution_opensClaimsAtOnce() public {
        _post(ethPool, root, TOTAL);
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "bad");
        rvm.warp(START + 3 * WINDOW);
        vm.prank(ADMIN);
        distributor.resolveChallenge(ethPool, false);
        _claim(1);
        vm.assertEq(BOB.balance, 2 ether, "paid");
    }

    function test_resolveChallenge_revertsWithoutAChallenge() public {
        _post(ethPool, root, TOTAL);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorWrongStatus.selector,
                ethPool,
                IRewardDistributor.DistributionStatus.Challenged,
                IRewardDistributor.DistributionStatus.Posted
            )
        );
        vm.prank(ADMIN);
        distributor.resolveChallenge(ethPool, true);
    }

    function test_resolveChallenge_revertsOnAnUnknownPool() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorUnknownPool.selector, 9));
        vm.prank(ADMIN);
        distributor.resolveChallenge(9, true);
    }

    // ---- claim ----

    function test_claim_paysTheAccountAndEmits() public {
        _postAndOpen();
        vm.assertTrue(distributor.claimsOpen(ethPool), "open");
        vm.assertTrue(distributor.verifyClaim(ethPool, 2, CAROL, 3 ether, _proof(2)), "verifyClaim");
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.Claimed(ethPool, 2, CAROL, 3 ether);
        vm.prank(STRANGER); // anyone may submit; the money goes to the leaf's account
        _claim(2);
        vm.assertEq(CAROL.balance, 3 ether, "carol paid");
        vm.assertEq(STRANGER.balance, 0, "caller not paid");
        vm.assertTrue(distributor.isClaimed(ethPool, 2), "bit set");
        vm.assertFalse(distributor.isClaimed(ethPool, 1), "other bit clear");
        vm.assertEq(distributor.pool(ethPool).claimed, 3 ether, "claimed");
        vm.assertEq(distributor.unclaimedRemainder(ethPool), FUNDED - 3 ether, "remainder");
    }

    function test_claim_everyLeafOnce_paysExactlyTheTotal() public {
        _postAndOpen();
        for (uint256 k = 0; k < accounts.length; ++k) {
            _claim(k);
        }
        vm.assertEq(distributor.pool(ethPool).claimed, TOTAL, "claimed");
        vm.assertEq(address(distributor).balance, FUNDED - TOTAL, "left");
    }

    function test_claim_revertsOnASecondClaim() public {
        _postAndOpen();
        _claim(3);
        bytes32[] memory proof = _proof(3);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorAlreadyClaimed.selector, ethPool, 3)
        );
        distributor.claim(ethPool, 3, DAVE, 4 ether, proof);
    }

    function test_claim_revertsOnAWrongAmount() public {
        _postAndOpen();
        bytes32[] memory proof = _proof(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorInvalidProof.selector, ethPool, 0, ALICE, 2 ether
            )
        );
        distributor.claim(ethPool, 0, ALICE, 2 ether, proof);
        vm.assertFalse(distributor.verifyClaim(ethPool, 0, ALICE, 2 ether, proof), "verifyClaim");
    }

    function test_claim_revertsOnAnUnknownPool() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorUnknownPool.selector, 9));
        distributor.claim(9, 0, ALICE, 1, new bytes32[](0));
    }

    function test_claim_revertsWithoutADistribution() public {
        bytes32[] memory proof = _proof(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorWrongStatus.selector,
                ethPool,
                IRewardDistributor.DistributionStatus.Posted,
                IRewardDistributor.DistributionStatus.None
            )
        );
        distributor.claim(ethPool, 0, ALICE, 1 ether, proof);
    }

    function test_claim_revertsDuringTheChallengeWindow() public {
        _post(ethPool, root, TOTAL);
        rvm.warp(START + WINDOW - 1);
        bytes32[] memory proof = _proof(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorChallengeWindowOpen.selector, ethPool, START + WINDOW
            )
        );
        distributor.claim(ethPool, 0, ALICE, 1 ether, proof);
    }

    function test_claim_revertsAtExpiry() public {
        _postAndOpen();
        rvm.warp(EXPIRY);
        bytes32[] memory proof = _proof(0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorPoolExpired.selector, ethPool, EXPIRY)
        );
        distributor.claim(ethPool, 0, ALICE, 1 ether, proof);
        vm.assertFalse(distributor.claimsOpen(ethPool), "closed");
    }

    function test_claim_revertsWhenPaused_andResumesAfterUnpause() public {
        _postAndOpen();
        vm.prank(GUARDIAN);
        distributor.pause();
        vm.assertFalse(distributor.claimsOpen(ethPool), "closed while paused");
        bytes32[] memory proof = _proof(0);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        distributor.claim(ethPool, 0, ALICE, 1 ether, proof);
        vm.prank(ADMIN);
        distributor.unpause();
        _claim(0);
        vm.assertEq(ALICE.balance, 1 ether, "paid after unpause");
    }

    function test_claim_neverPaysPastTheTotal() public {
        // The operator under-declares the total: the tree sums to 10 ether, the total says 5.
        _post(ethPool, root, 5 ether);
        _afterWindow();
        _claim(3); // 4 ether
        bytes32[] memory proof = _proof(2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorTotalExceeded.selector, ethPool, 7 ether, 5 ether
            )
        );
        distributor.claim(ethPool, 2, CAROL, 3 ether, proof);
        _claim(0); // 1 ether still fits
        vm.assertEq(distributor.pool(ethPool).claimed, 5 ether, "claimed == total");
    }

    function test_claim_toAnAccountRejectingEth_revertsAndLeavesTheLeafUnclaimed() public {
        address rejecter = address(new EthRejecter());
        address[] memory a = new address[](2);
        uint256[] memory m = new uint256[](2);
        (a[0], a[1], m[0], m[1]) = (rejecter, ALICE, 1 ether, 1 ether);
        (bytes32 r, bytes32[] memory proof) = _rootAndProof(a, m, 0);
        _post(ethPool, r, 2 ether);
        _afterWindow();
        vm.expectRevert(abi.encodeWithSignature("FailedCall()"));
        distributor.claim(ethPool, 0, rejecter, 1 ether, proof);
        vm.assertFalse(distributor.isClaimed(ethPool, 0), "not claimed");
        vm.assertEq(distributor.pool(ethPool).claimed, 0, "nothing claimed");
    }

    // ---- requestRefund and refund ----

    function test_refund_paysTheUnclaimedRemainderToTheFunder() public {
        _postAndOpen();
        _claim(0);
        _claim(1);
        rvm.warp(EXPIRY);
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.RefundRequested(ethPool, FUNDER, EXPIRY + REFUND_DELAY);
        vm.prank(FUNDER);
        distributor.requestRefund(ethPool);
        vm.assertEq(distributor.pool(ethPool).refundAvailableAt, EXPIRY + REFUND_DELAY, "refundAvailableAt");
        rvm.warp(EXPIRY + REFUND_DELAY);
        uint256 before = FUNDER.balance;
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IRewardDistributor.Refunded(ethPool, FUNDER, FUNDED - 3 ether);
        vm.prank(STRANGER); // anyone may trigger it; the money goes to the funder
        distributor.refund(ethPool);
        vm.assertEq(FUNDER.balance - before, FUNDED - 3 ether, "funder refunded");
        vm.assertEq(address(distributor).balance, 0, "empty");
        IRewardDistributor.Pool memory p = distributor.pool(ethPool);
        vm.assertEq(p.refunded, FUNDED - 3 ether, "refunded");
        vm.assertEq(distributor.unclaimedRemainder(ethPool), 0, "nothing left");
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorNothingToRefund.selector, ethPool)
        );
        distributor.refund(ethPool);
    }

    function test_refund_ofAPoolWithoutADistribution_returnsEverything() public {
        rvm.warp(EXPIRY);
        vm.prank(FUNDER);
        distributor.requestRefund(ethPool);
        rvm.warp(EXPIRY + REFUND_DELAY);
        distributor.refund(ethPool);
        vm.assertEq(FUNDER.balance, FUNDED, "all back");
    }

    function test_requestRefund_revertsForAnyoneButTheFunder() public {
        rvm.warp(EXPIRY);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorNotFunder.selector, ethPool, STRANGER)
        );
        vm.prank(STRANGER);
        distributor.requestRefund(ethPool);
    }

    function test_requestRefund_revertsBeforeExpiry() public {
        rvm.warp(EXPIRY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorPoolNotExpired.selector, ethPool, EXPIRY)
        );
        vm.prank(FUNDER);
        distributor.requestRefund(ethPool);
    }

    function test_requestRefund_revertsTheSecondTime() public {
        rvm.warp(EXPIRY);
        vm.prank(FUNDER);
        distributor.requestRefund(ethPool);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorRefundAlreadyRequested.selector, ethPool, EXPIRY + REFUND_DELAY
            )
        );
        vm.prank(FUNDER);
        distributor.requestRefund(ethPool);
    }

    function test_requestRefund_revertsOnAnUnknownPool() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorUnknownPool.selector, 9));
        distributor.requestRefund(9);
    }

    function test_requestRefund_worksWhilePaused() public {
        vm.prank(GUARDIAN);
        distributor.pause();
        rvm.warp(EXPIRY);
        vm.prank(FUNDER);
        distributor.requestRefund(ethPool);
        vm.assertEq(distributor.pool(ethPool).refundAvailableAt, EXPIRY + REFUND_DELAY, "requested");
    }

    function test_refund_revertsWithoutARequest() public {
        rvm.warp(EXPIRY + REFUND_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorRefundNotAvailable.selector, ethPool, 0)
        );
        distributor.refund(ethPool);
    }

    function test_refund_revertsBeforeTheDelay() public {
        rvm.warp(EXPIRY);
        vm.prank(FUNDER);
        distributor.requestRefund(ethPool);
        rvm.warp(EXPIRY + REFUND_DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorRefundNotAvailable.selector, ethPool, EXPIRY + REFUND_DELAY
            )
        );
        distributor.refund(ethPool);
    }

    function test_refund_revertsWhenEverythingWasClaimed() public {
        _post(ethPool, root, TOTAL);
        _afterWindow();
        for (uint256 k = 0; k < 4; ++k) {
            _claim(k);
        }
        // Every leaf is paid; the pool held 12 ether and the tree 10, so 2 ether remain for the funder.
        rvm.warp(EXPIRY);
        vm.prank(FUNDER);
        distributor.requestRefund(ethPool);
        rvm.warp(EXPIRY + REFUND_DELAY);
        distributor.refund(ethPool);
        vm.assertEq(FUNDER.balance, 2 ether, "the 2 ether nobody was allocated");
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorNothingToRefund.selector, ethPool)
        );
        distributor.refund(ethPool);
    }

    function test_refund_revertsWhenPaused() public {
        rvm.warp(EXPIRY);
        vm.prank(FUNDER);
        distributor.requestRefund(ethPool);
        rvm.warp(EXPIRY + REFUND_DELAY);
        vm.prank(GUARDIAN);
        distributor.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        distributor.refund(ethPool);
    }

    function test_refund_revertsOnAnUnknownPool() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDistributorUnknownPool.selector, 9));
        distributor.refund(9);
    }

    // ---- pause ----

    function test_pause_byGuardian_unpause_byAdminOnly() public {
        vm.prank(GUARDIAN);
        distributor.pause();
        vm.assertTrue(distributor.paused(), "paused");
        vm.expectRevert(_unauthorized(GUARDIAN, bytes32(0)));
        vm.prank(GUARDIAN);
        distributor.unpause();
        vm.prank(ADMIN);
        distributor.unpause();
        vm.assertFalse(distributor.paused(), "unpaused");
    }

    function test_pause_revertsWhenAlreadyPaused_unpauseWhenNot() public {
        vm.expectRevert(Pausable.ExpectedPause.selector);
        vm.prank(ADMIN);
        distributor.unpause();
        vm.prank(GUARDIAN);
        distributor.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(GUARDIAN);
        distributor.pause();
    }

    // ---- access control: every role-gated function, called by a non-holder ----

    function test_access_postDistribution_needsOperator() public {
        vm.expectRevert(_unauthorized(ADMIN, keccak256("SETTLEMENT_OPERATOR_ROLE")));
        vm.prank(ADMIN);
        distributor.postDistribution(ethPool, root, TOTAL, bytes32(0), "");
    }

    function test_access_challenge_needsAuditor() public {
        _post(ethPool, root, TOTAL);
        vm.expectRevert(_unauthorized(OPERATOR, keccak256("AUDITOR_ROLE")));
        vm.prank(OPERATOR);
        distributor.challenge(ethPool, "x");
    }

    function test_access_resolveChallenge_needsAdmin() public {
        _post(ethPool, root, TOTAL);
        vm.prank(AUDITOR);
        distributor.challenge(ethPool, "x");
        vm.expectRevert(_unauthorized(AUDITOR, bytes32(0)));
        vm.prank(AUDITOR);
        distributor.resolveChallenge(ethPool, false);
    }

    function test_access_pause_needsGuardian() public {
        vm.expectRevert(_unauthorized(ADMIN, keccak256("GUARDIAN_ROLE")));
        vm.prank(ADMIN);
        distributor.pause();
    }

    function test_access_unpause_needsAdmin() public {
        vm.prank(GUARDIAN);
        distributor.pause();
        vm.expectRevert(_unauthorized(STRANGER, bytes32(0)));
        vm.prank(STRANGER);
        distributor.unpause();
    }

    function test_access_grantRole_needsAdmin() public {
        bytes32 operatorRole = keccak256("SETTLEMENT_OPERATOR_ROLE");
        vm.expectRevert(_unauthorized(OPERATOR, bytes32(0)));
        vm.prank(OPERATOR);
        distributor.grantRole(operatorRole, STRANGER);
        vm.prank(ADMIN);
        distributor.grantRole(operatorRole, STRANGER);
        vm.assertTrue(distributor.hasRole(operatorRole, STRANGER), "granted");
    }
}

/// @notice A contract that refuses ETH.
contract EthRejecter {}
