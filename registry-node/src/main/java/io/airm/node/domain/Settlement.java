package io.airm.node.domain;

import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A pool's settlement run.
 *
 * @param poolId the pool
 * @param state where it stands
 * @param attestationId the attestation (its digest) whose works are valued
 * @param funded the pool amount valued
 * @param treeSize the checkpoint whose inclusion proofs the settlement document carries
 * @param reportCid the settlement document in IPFS (posted on chain)
 * @param reportDigest SHA-256 of the settlement document (posted on chain)
 * @param valuationCid the valuation report in IPFS
 * @param inputCid the valuation input in IPFS
 * @param root the allocation tree's root
 * @param total the sum of all allocations
 * @param leaves the number of allocations
 * @param txHash the {@code postDistribution} transaction
 * @param challengeEndsAt unix seconds at which claims open
 * @param failure why it failed, if it did
 */
public record Settlement(
    BigInteger poolId,
    SettlementState state,
    Bytes32 attestationId,
    Optional<BigInteger> funded,
    OptionalLong treeSize,
    Optional<String> reportCid,
    Optional<Bytes32> reportDigest,
    Optional<String> valuationCid,
    Optional<String> inputCid,
    Optional<Bytes32> root,
    Optional<BigInteger> total,
    OptionalLong leaves,
    Optional<Bytes32> txHash,
    OptionalLong challengeEndsAt,
    Optional<String> failure,
    Instant requestedAt) {}
