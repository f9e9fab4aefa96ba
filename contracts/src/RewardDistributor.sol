// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {IRewardDistributor} from "./IRewardDistributor.sol";

/**
 * @title RewardDistributor
 * @notice Pays creators from reward pools by Merkle claims, with a challenge window before claims open and a delayed
 * refund of the unclaimed remainder after expiry. See {IRewardDistributor} for the lifecycle and timing.
 * @dev Money leaves only through {claim} (to the leaf's account) and {refund} (to the funder): pull payments, one
 * transfer per call, no loop over payees. Every function that moves money is nonReentrant and updates its
 * accounting before the transfer. Per token, the contract's balance equals deposits credited minus claims minus
 * refunds, because ERC-20 deposits are credited by the balance increase actually received.
 */
contract RewardDistributor is IRewardDistributor, AccessControl, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using BitMaps for BitMaps.BitMap;

    /// @inheritdoc IRewardDistributor
    bytes32 public constant SETTLEMENT_OPERATOR_ROLE = keccak256("SETTLEMENT_OPERATOR_ROLE");

    /// @inheritdoc IRewardDistributor
    bytes32 public constant AUDITOR_ROLE = keccak256("AUDITOR_ROLE");

    /// @inheritdoc IRewardDistributor
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    uint64 private immutable _challengeWindow;
    uint64 private immutable _refundDelay;

    uint256 private _poolCount;
    mapping(uint256 poolId => Pool) private _pools;
    mapping(uint256 poolId => Distribution) private _distributions;
    /// @dev Claim bits per pool, not per distribution: a distribution can only be discarded during its challenge
    /// window, before any claim, so the bits of a discarded distribution are always empty.
    mapping(uint256 poolId => BitMaps.BitMap) private _claimed;

    /**
     * @notice Deploys the distributor with its four role holders and its two fixed delays.
     * @param admin DEFAULT_ADMIN_ROLE: grants roles, resolves challenges, unpauses
     * @param operator SETTLEMENT_OPERATOR_ROLE: posts distributions
     * @param auditor AUDITOR_ROLE: challenges distributions
     * @param guardian GUARDIAN_ROLE: pauses
     * @param challengeWindow_ seconds from posting to the opening of claims (may be zero)
     * @param refundDelay_ seconds from a refund request to the earliest refund (may be zero)
     */
    constructor(
        address admin,
        address operator,
        address auditor,
        address guardian,
        uint64 challengeWindow_,
        uint64 refundDelay_
    ) {
        if (admin == address(0)) revert RewardDistributorZeroAddress(DEFAULT_ADMIN_ROLE);
        if (operator == address(0)) revert RewardDistributorZeroAddress(SETTLEMENT_OPERATOR_ROLE);
        if (auditor == address(0)) revert RewardDistributorZeroAddress(AUDITOR_ROLE);
        if (guardian == address(0)) revert RewardDistributorZeroAddress(GUARDIAN_ROLE);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(SETTLEMENT_OPERATOR_ROLE, operator);
        _grantRole(AUDITOR_ROLE, auditor);
        _grantRole(GUARDIAN_ROLE, guardian);
        _challengeWindow = challengeWindow_;
        _refundDelay = refundDelay_;
    }

    // ---- pools ----

    /// @inheritdoc IRewardDistributor
    function createPool(uint256 attestationId, address token, uint64 expiry) external returns (uint256 poolId) {
        if (token != address(0) && token.code.length == 0) revert RewardDistributorTokenNotContract(token);
        if (expiry <= block.timestamp) revert RewardDistributorExpiryNotInFuture(expiry, block.timestamp);
        poolId = ++_poolCount;
        Pool storage p = _pools[poolId];
        p.token = token;
        p.expiry = expiry;
        p.funder = msg.sender;
        p.attestationId = attestationId;
        emit PoolCreated(poolId, attestationId, msg.sender, token, expiry);
    }

    /// @inheritdoc IRewardDistributor
    function fund(uint256 poolId, uint256 amount) external payable nonReentrant whenNotPaused {
        Pool storage p = _existingPool(poolId);
        if (msg.sender != p.funder) revert RewardDistributorNotFunder(poolId, msg.sender);
        if (block.timestamp >= p.expiry) revert RewardDistributorPoolExpired(poolId, p.expiry);
        if (amount == 0) revert RewardDistributorZeroAmount(poolId);
        address token = p.token;
        uint256 credited;
        if (token == address(0)) {
            if (msg.value != amount) revert RewardDistributorValueMismatch(poolId, msg.value, amount);
            credited = amount;
        } else {
            if (msg.value != 0) revert RewardDistributorValueMismatch(poolId, msg.value, 0);
            // Credit what arrived, not what was asked for: a fee-on-transfer token delivers less, and crediting the
            // nominal amount would let this pool pay out other pools' tokens. nonReentrant keeps the delta honest.
            uint256 before = IERC20(token).balanceOf(address(this));
            IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
            credited = IERC20(token).balanceOf(address(this)) - before;
            if (credited == 0) revert RewardDistributorZeroAmount(poolId);
        }
        p.funded += credited;
        emit PoolFunded(poolId, msg.sender, credited);
    }

    // ---- distributions ----

    /// @inheritdoc IRewardDistributor
    function postDistribution(
        uint256 poolId,
        bytes32 root,
        uint256 total,
        bytes32 reportDigest,
        string calldata reportCid
    ) external onlyRole(SETTLEMENT_OPERATOR_ROLE) whenNotPaused {
        Pool storage p = _existingPool(poolId);
        if (root == bytes32(0)) revert RewardDistributorZeroRoot(poolId);
        Distribution storage d = _distributions[poolId];
        if (d.status != DistributionStatus.None) revert RewardDistributorDistributionExists(poolId, d.status);
        uint64 expiry = p.expiry;
        if (block.timestamp >= expiry) revert RewardDistributorPoolExpired(poolId, expiry);
        uint64 challengeEndsAt = uint64(block.timestamp) + _challengeWindow;
        if (challengeEndsAt >= expiry) revert RewardDistributorWindowPastExpiry(poolId, challengeEndsAt, expiry);
        uint256 available = p.funded - p.refunded;
        if (total > available) revert RewardDistributorTotalExceedsPool(poolId, total, available);

        d.root = root;
        d.total = total;
        d.reportDigest = reportDigest;
        d.postedAt = uint64(block.timestamp);
        d.challengeEndsAt = challengeEndsAt;
        d.status = DistributionStatus.Posted;
        emit DistributionPosted(poolId, root, total, reportDigest, reportCid, challengeEndsAt, msg.sender);
    }

    /// @inheritdoc IRewardDistributor
    function challenge(uint256 poolId, string calldata reason) external onlyRole(AUDITOR_ROLE) {
        _existingPool(poolId);
        Distribution storage d = _distributions[poolId];
        if (d.status != DistributionStatus.Posted) {
            revert RewardDistributorWrongStatus(poolId, DistributionStatus.Posted, d.status);
        }
        if (block.timestamp >= d.challengeEndsAt) {
            revert RewardDistributorChallengeWindowClosed(poolId, d.challengeEndsAt);
        }
        d.status = DistributionStatus.Challenged;
        emit DistributionChallenged(poolId, d.root, msg.sender, reason);
    }

    /// @inheritdoc IRewardDistributor
    function resolveChallenge(uint256 poolId, bool upheld) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _existingPool(poolId);
        Distribution storage d = _distributions[poolId];
        if (d.status != DistributionStatus.Challenged) {
            revert RewardDistributorWrongStatus(poolId, DistributionStatus.Challenged, d.status);
        }
        bytes32 root = d.root;
        if (upheld) {
            // No claim can have been paid: claims need an unfrozen distribution past its window, and a challenge
            // needs one inside its window. Deleting therefore leaves pool.claimed == 0 and the claim bits empty.
            delete _distributions[poolId];
        } else {
            d.status = DistributionStatus.Posted;
        }
        emit ChallengeResolved(poolId, root, upheld);
    }

    // ---- claims ----

    /// @inheritdoc IRewardDistributor
    function claim(uint256 poolId, uint256 index, address account, uint256 amount, bytes32[] calldata proof)
        external
        nonReentrant
        whenNotPaused
    {
        Pool storage p = _existingPool(poolId);
        Distribution storage d = _distributions[poolId];
        _requireClaimsOpen(poolId, p, d);
        if (_claimed[poolId].get(index)) revert RewardDistributorAlreadyClaimed(poolId, index);
        if (!MerkleProof.verifyCalldata(proof, d.root, _leaf(index, account, amount))) {
            revert RewardDistributorInvalidProof(poolId, index, account, amount);
        }
        uint256 claimedAfter = p.claimed + amount;
        uint256 total = d.total;
        if (claimedAfter > total) revert RewardDistributorTotalExceeded(poolId, claimedAfter, total);

        _claimed[poolId].set(index);
        p.claimed = claimedAfter;
        emit Claimed(poolId, index, account, amount);
        _pay(p.token, account, amount);
    }

    // ---- refunds ----

    /// @inheritdoc IRewardDistributor
    function requestRefund(uint256 poolId) external {
        Pool storage p = _existingPool(poolId);
        if (msg.sender != p.funder) revert RewardDistributorNotFunder(poolId, msg.sender);
        if (block.timestamp < p.expiry) revert RewardDistributorPoolNotExpired(poolId, p.expiry);
        if (p.refundAvailableAt != 0) revert RewardDistributorRefundAlreadyRequested(poolId, p.refundAvailableAt);
        uint64 refundAvailableAt = uint64(block.timestamp) + _refundDelay;
        p.refundAvailableAt = refundAvailableAt;
        emit RefundRequested(poolId, msg.sender, refundAvailableAt);
    }

    /// @inheritdoc IRewardDistributor
    function refund(uint256 poolId) external nonReentrant whenNotPaused {
        Pool storage p = _existingPool(poolId);
        uint64 refundAvailableAt = p.refundAvailableAt;
        if (refundAvailableAt == 0 || block.timestamp < refundAvailableAt) {
            revert RewardDistributorRefundNotAvailable(poolId, refundAvailableAt);
        }
        uint256 amount = p.funded - p.claimed - p.refunded;
        if (amount == 0) revert RewardDistributorNothingToRefund(poolId);
        p.refunded += amount;
        address funder = p.funder;
        emit Refunded(poolId, funder, amount);
        _pay(p.token, funder, amount);
    }

    // ---- pause ----

    /// @inheritdoc IRewardDistributor
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IRewardDistributor
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---- views ----

    /// @inheritdoc IRewardDistributor
    function pool(uint256 poolId) external view returns (Pool memory) {
        return _existingPool(poolId);
    }

    /// @inheritdoc IRewardDistributor
    function distribution(uint256 poolId) external view returns (Distribution memory) {
        _existingPool(poolId);
        return _distributions[poolId];
    }

    /// @inheritdoc IRewardDistributor
    function isClaimed(uint256 poolId, uint256 index) external view returns (bool) {
        return _claimed[poolId].get(index);
    }

    /// @inheritdoc IRewardDistributor
    function claimsOpen(uint256 poolId) external view returns (bool) {
        Pool storage p = _pools[poolId];
        Distribution storage d = _distributions[poolId];
        return p.funder != address(0) && !paused() && d.status == DistributionStatus.Posted
            && block.timestamp >= d.challengeEndsAt && block.timestamp < p.expiry;
    }

    /// @inheritdoc IRewardDistributor
    function verifyClaim(uint256 poolId, uint256 index, address account, uint256 amount, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        bytes32 root = _distributions[poolId].root;
        return root != bytes32(0) && MerkleProof.verifyCalldata(proof, root, _leaf(index, account, amount));
    }

    /// @inheritdoc IRewardDistributor
    function leafHash(uint256 index, address account, uint256 amount) external pure returns (bytes32) {
        return _leaf(index, account, amount);
    }

    /// @inheritdoc IRewardDistributor
    function unclaimedRemainder(uint256 poolId) external view returns (uint256) {
        Pool storage p = _existingPool(poolId);
        return p.funded - p.claimed - p.refunded;
    }

    /// @inheritdoc IRewardDistributor
    function poolCount() external view returns (uint256) {
        return _poolCount;
    }

    /// @inheritdoc IRewardDistributor
    function challengeWindow() external view returns (uint64) {
        return _challengeWindow;
    }

    /// @inheritdoc IRewardDistributor
    function refundDelay() external view returns (uint64) {
        return _refundDelay;
    }

    // ---- internals ----

    /// @dev Every pool has a non-zero funder (msg.sender cannot be zero), so a zero funder means no such pool.
    function _existingPool(uint256 poolId) private view returns (Pool storage p) {
        p = _pools[poolId];
        if (p.funder == address(0)) revert RewardDistributorUnknownPool(poolId);
    }

    function _requireClaimsOpen(uint256 poolId, Pool storage p, Distribution storage d) private view {
        DistributionStatus status = d.status;
        if (status != DistributionStatus.Posted) {
            revert RewardDistributorWrongStatus(poolId, DistributionStatus.Posted, status);
        }
        if (block.timestamp < d.challengeEndsAt) {
            revert RewardDistributorChallengeWindowOpen(poolId, d.challengeEndsAt);
        }
        if (block.timestamp >= p.expiry) revert RewardDistributorPoolExpired(poolId, p.expiry);
    }

    /// @dev OpenZeppelin StandardMerkleTree leaf for (uint256, address, uint256): double keccak of the ABI encoding,
    /// so no leaf can be mistaken for an inner node (64 bytes) of the tree.
    function _leaf(uint256 index, address account, uint256 amount) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
    }

    function _pay(address token, address to, uint256 amount) private {
        if (token == address(0)) {
            Address.sendValue(payable(to), amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }
}
