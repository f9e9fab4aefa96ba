// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IRewardDistributor
 * @notice Reward pools that pay creators from a Merkle distribution. A funder creates a pool for one usage
 * attestation and deposits ETH or one ERC-20 token into it; the settlement operator posts one distribution (the root
 * of an OpenZeppelin StandardMerkleTree over `(uint256 index, address account, uint256 amount)` leaves) which auditors
 * may challenge during a challenge window; after the window each leaf can be claimed once, for its account, until the
 * pool expires; after expiry and a refund delay the funder gets back what was not claimed.
 *
 * Lifecycle and timing (all times are `block.timestamp`, seconds):
 * - claims are open while `challengeEndsAt <= now < expiry`, the distribution is not frozen by a challenge and the
 *   contract is not paused;
 * - a distribution can only be posted while `challengeEndsAt = now + challengeWindow < expiry`, so every accepted
 *   distribution gets a non-empty claim period;
 * - a challenge is possible while `now < challengeEndsAt`; claims can therefore never precede a discarded
 *   distribution, which is why claim bits are kept per pool, not per distribution;
 * - `requestRefund` is possible once `now >= expiry`; `refund` once `now >= refundRequestedAt + refundDelay`.
 */
interface IRewardDistributor {
    /// @dev Where a pool's distribution stands. A discarded distribution is deleted, which returns it to `None`.
    enum DistributionStatus {
        None,
        Posted,
        Challenged
    }

    /**
     * @dev A pool as stored. `token` is address(0) for ETH. Unclaimed remainder = funded - claimed - refunded.
     * `refundAvailableAt` is zero until the funder requests a refund.
     */
    struct Pool {
        address token;
        uint64 expiry;
        address funder;
        uint64 refundAvailableAt;
        uint256 attestationId;
        uint256 funded;
        uint256 claimed;
        uint256 refunded;
    }

    /**
     * @dev A pool's distribution as stored. The report CID is only emitted in {DistributionPosted}; `reportDigest`
     * commits to the report's content.
     */
    struct Distribution {
        bytes32 root;
        uint256 total;
        bytes32 reportDigest;
        uint64 postedAt;
        uint64 challengeEndsAt;
        DistributionStatus status;
    }

    /// @notice Emitted after pool `poolId` was created by `funder`.
    event PoolCreated(
        uint256 indexed poolId, uint256 indexed attestationId, address indexed funder, address token, uint64 expiry
    );

    /// @notice Emitted after `amountCredited` (what the contract actually received) was added to pool `poolId`.
    event PoolFunded(uint256 indexed poolId, address indexed funder, uint256 amountCredited);

    /// @notice Emitted after a distribution was posted for pool `poolId`; it is claimable from `challengeEndsAt`.
    event DistributionPosted(
        uint256 indexed poolId,
        bytes32 root,
        uint256 total,
        bytes32 reportDigest,
        string reportCid,
        uint64 challengeEndsAt,
        address indexed operator
    );

    /// @notice Emitted after `auditor` froze the distribution of pool `poolId`.
    event DistributionChallenged(uint256 indexed poolId, bytes32 root, address indexed auditor, string reason);

    /// @notice Emitted after the admin resolved a challenge: `upheld` means the distribution `root` was discarded.
    event ChallengeResolved(uint256 indexed poolId, bytes32 root, bool upheld);

    /// @notice Emitted after leaf `index` of pool `poolId` paid `amount` to `account`.
    event Claimed(uint256 indexed poolId, uint256 indexed index, address indexed account, uint256 amount);

    /// @notice Emitted after the funder of an expired pool started the refund delay.
    event RefundRequested(uint256 indexed poolId, address indexed funder, uint64 refundAvailableAt);

    /// @notice Emitted after the unclaimed remainder `amount` of pool `poolId` was sent to its funder.
    event Refunded(uint256 indexed poolId, address indexed funder, uint256 amount);

    /// @dev A constructor argument that names an account was the zero address; `role` says which.
    error RewardDistributorZeroAddress(bytes32 role);

    /// @dev No pool has this id.
    error RewardDistributorUnknownPool(uint256 poolId);

    /// @dev {createPool} was given an ERC-20 address without code.
    error RewardDistributorTokenNotContract(address token);

    /// @dev {createPool} was given an expiry not in the future.
    error RewardDistributorExpiryNotInFuture(uint64 expiry, uint256 nowTimestamp);

    /// @dev Only the pool's funder may do this.
    error RewardDistributorNotFunder(uint256 poolId, address caller);

    /// @dev {fund} was called with a zero amount, or a transfer credited nothing.
    error RewardDistributorZeroAmount(uint256 poolId);

    /// @dev {fund}: for an ETH pool msg.value must equal `amount`; for an ERC-20 pool it must be zero.
    error RewardDistributorValueMismatch(uint256 poolId, uint256 value, uint256 amount);

    /// @dev The pool has expired (`expiry <= now`): no funding, posting or claiming.
    error RewardDistributorPoolExpired(uint256 poolId, uint64 expiry);

    /// @dev The pool has not expired yet, so no refund can be requested.
    error RewardDistributorPoolNotExpired(uint256 poolId, uint64 expiry);

    /// @dev {postDistribution} was given a zero root.
    error RewardDistributorZeroRoot(uint256 poolId);

    /// @dev {postDistribution}: the total exceeds what the pool holds (funded - refunded).
    error RewardDistributorTotalExceedsPool(uint256 poolId, uint256 total, uint256 available);

    /// @dev {postDistribution}: the pool already has a distribution that was not discarded.
    error RewardDistributorDistributionExists(uint256 poolId, DistributionStatus status);

    /// @dev {postDistribution}: the challenge window would not end before the pool expires.
    error RewardDistributorWindowPastExpiry(uint256 poolId, uint64 challengeEndsAt, uint64 expiry);

    /// @dev The pool has no distribution in the status this action needs.
    error RewardDistributorWrongStatus(uint256 poolId, DistributionStatus expected, DistributionStatus actual);

    /// @dev {challenge} after the challenge window ended.
    error RewardDistributorChallengeWindowClosed(uint256 poolId, uint64 challengeEndsAt);

    /// @dev {claim} before the challenge window ended.
    error RewardDistributorChallengeWindowOpen(uint256 poolId, uint64 challengeEndsAt);

    /// @dev {claim}: leaf `index` was already paid.
    error RewardDistributorAlreadyClaimed(uint256 poolId, uint256 index);

    /// @dev {claim}: the proof does not lead from the leaf to the distribution's root.
    error RewardDistributorInvalidProof(uint256 poolId, uint256 index, address account, uint256 amount);

    /// @dev {claim}: paying `amount` would take the claimed sum past the distribution's total.
    error RewardDistributorTotalExceeded(uint256 poolId, uint256 claimedAfter, uint256 total);

    /// @dev {requestRefund} was called a second time.
    error RewardDistributorRefundAlreadyRequested(uint256 poolId, uint64 refundAvailableAt);

    /// @dev {refund} before a refund was requested (`refundAvailableAt == 0`) or before the delay passed.
    error RewardDistributorRefundNotAvailable(uint256 poolId, uint64 refundAvailableAt);

    /// @dev {refund}: nothing is left to refund.
    error RewardDistributorNothingToRefund(uint256 poolId);

    /**
     * @notice Creates a pool for `attestationId` paying in `token` (address(0) for ETH); the caller becomes its
     * funder. Not blocked by pause (moves no money). Emits {PoolCreated}.
     * @param attestationId the usage attestation the pool rewards (stored, not checked)
     * @param token ERC-20 contract, or address(0) for ETH; must have code if non-zero
     * @param expiry timestamp at which claims end and refunds can be requested; must be in the future
     * @return poolId the new pool's id, counting from 1
     */
    function createPool(uint256 attestationId, address token, uint64 expiry) external returns (uint256 poolId);

    /**
     * @notice Adds `amount` to pool `poolId`. Only its funder, before expiry, when not paused. ETH pools need
     * msg.value == amount; ERC-20 pools need msg.value == 0 and an allowance, and are credited with the balance
     * increase actually received (fee-on-transfer tokens are credited net). Emits {PoolFunded}.
     * @param poolId the pool
     * @param amount the amount to deposit (before any token fee)
     */
    function fund(uint256 poolId, uint256 amount) external payable;

    /**
     * @notice Posts the pool's distribution and starts its challenge window. Only SETTLEMENT_OPERATOR_ROLE, when not
     * paused, while the pool has no distribution (or its last one was discarded). `total` may not exceed
     * funded - refunded and the window must end before expiry. Emits {DistributionPosted}.
     * @param poolId the pool
     * @param root StandardMerkleTree root over (uint256 index, address account, uint256 amount) leaves; non-zero
     * @param total sum of all leaf amounts; claims can never pay more
     * @param reportDigest digest of the settlement report the tree was built from
     * @param reportCid IPFS CID of that report (emitted only)
     */
    function postDistribution(
        uint256 poolId,
        bytes32 root,
        uint256 total,
        bytes32 reportDigest,
        string calldata reportCid
    ) external;

    /**
     * @notice Freezes the pool's distribution until the admin resolves the challenge. Only AUDITOR_ROLE, during the
     * challenge window, on a posted (not already frozen) distribution. Works while paused. Emits
     * {DistributionChallenged}.
     * @param poolId the pool
     * @param reason why (emitted only)
     */
    function challenge(uint256 poolId, string calldata reason) external;

    /**
     * @notice Resolves a challenge. Only DEFAULT_ADMIN_ROLE, on a frozen distribution; works while paused. Upheld:
     * the distribution is deleted and the operator may post another. Not upheld: it is unfrozen and claimable once
     * its original window ends. Emits {ChallengeResolved}.
     * @param poolId the pool
     * @param upheld whether the challenge was right
     */
    function resolveChallenge(uint256 poolId, bool upheld) external;

    /**
     * @notice Pays leaf `index` of the pool's distribution to `account`. Anyone may call; the money always goes to
     * `account`. Needs a posted, unfrozen distribution whose window has ended, an unexpired pool and no pause. Emits
     * {Claimed}.
     * @param poolId the pool
     * @param index the leaf's index
     * @param account the leaf's account, which receives the payment
     * @param amount the leaf's amount
     * @param proof sibling hashes from the leaf to the root (OpenZeppelin sorted-pair proof)
     */
    function claim(uint256 poolId, uint256 index, address account, uint256 amount, bytes32[] calldata proof)
        external;

    /**
     * @notice Starts the refund delay of an expired pool. Only its funder, once. Works while paused (moves no money).
     * Emits {RefundRequested}.
     * @param poolId the pool
     */
    function requestRefund(uint256 poolId) external;

    /**
     * @notice Sends the pool's unclaimed remainder (funded - claimed - refunded) to its funder. Anyone may call, once
     * the refund delay after {requestRefund} has passed and when not paused. Emits {Refunded}.
     * @param poolId the pool
     */
    function refund(uint256 poolId) external;

    /**
     * @notice Stops funding, posting, claiming and refunding. Only GUARDIAN_ROLE.
     */
    function pause() external;

    /**
     * @notice Lifts a pause. Only DEFAULT_ADMIN_ROLE, so a guardian key can stop the contract but not restart it.
     */
    function unpause() external;

    /**
     * @notice Returns pool `poolId`; reverts for an unknown pool.
     * @param poolId the pool
     */
    function pool(uint256 poolId) external view returns (Pool memory);

    /**
     * @notice Returns the pool's current distribution (all zero with status None if none); reverts for an unknown pool.
     * @param poolId the pool
     */
    function distribution(uint256 poolId) external view returns (Distribution memory);

    /**
     * @notice Whether leaf `index` of pool `poolId` has been paid.
     * @param poolId the pool
     * @param index the leaf's index
     */
    function isClaimed(uint256 poolId, uint256 index) external view returns (bool);

    /**
     * @notice Whether {claim} is currently open for pool `poolId` (posted, unfrozen, window over, unexpired, unpaused).
     * @param poolId the pool
     */
    function claimsOpen(uint256 poolId) external view returns (bool);

    /**
     * @notice Whether `proof` proves leaf (index, account, amount) against the pool's current distribution root.
     * Says nothing about whether it was claimed or claims are open.
     * @param poolId the pool
     * @param index the leaf's index
     * @param account the leaf's account
     * @param amount the leaf's amount
     * @param proof sibling hashes from the leaf to the root
     */
    function verifyClaim(uint256 poolId, uint256 index, address account, uint256 amount, bytes32[] calldata proof)
        external
        view
        returns (bool);

    /**
     * @notice The leaf hash of (index, account, amount): keccak256(bytes.concat(keccak256(abi.encode(...)))), as
     * OpenZeppelin's StandardMerkleTree computes it for the types (uint256, address, uint256).
     * @param index the leaf's index
     * @param account the leaf's account
     * @param amount the leaf's amount
     */
    function leafHash(uint256 index, address account, uint256 amount) external pure returns (bytes32);

    /// @notice What a refund would pay now: funded - claimed - refunded. Reverts for an unknown pool.
    /// @param poolId the pool
    function unclaimedRemainder(uint256 poolId) external view returns (uint256);

    /// @notice Number of pools created; ids run from 1 to this.
    function poolCount() external view returns (uint256);

    /// @notice Seconds between posting a distribution and the opening of its claims.
    function challengeWindow() external view returns (uint64);

    /// @notice Seconds between a refund request and the earliest refund.
    function refundDelay() external view returns (uint64);

    /// @notice keccak256("SETTLEMENT_OPERATOR_ROLE"): may post distributions.
    function SETTLEMENT_OPERATOR_ROLE() external view returns (bytes32);

    /// @notice keccak256("AUDITOR_ROLE"): may challenge distributions during their window.
    function AUDITOR_ROLE() external view returns (bytes32);

    /// @notice keccak256("GUARDIAN_ROLE"): may pause.
    function GUARDIAN_ROLE() external view returns (bytes32);
}
