package io.airm.node.domain;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;

/** What the chain said about a pool, as the indexer hands it to storage. */
public sealed interface PoolEvent {
  /** The pool concerned. */
  BigInteger poolId();

  /** {@code PoolCreated}. */
  record Created(
      BigInteger poolId, BigInteger attestationChainId, Address funder, Address token, long expiry)
      implements PoolEvent {}

  /** {@code PoolFunded}: {@code amount} was credited. */
  record Funded(BigInteger poolId, Address funder, BigInteger amount) implements PoolEvent {}

  /** {@code DistributionPosted}. */
  record Posted(BigInteger poolId, Bytes32 root, String reportCid, long challengeEndsAt)
      implements PoolEvent {}

  /** {@code DistributionChallenged}. */
  record Challenged(BigInteger poolId, String reason) implements PoolEvent {}

  /** {@code ChallengeResolved}: upheld means the distribution was struck. */
  record Resolved(BigInteger poolId, boolean upheld) implements PoolEvent {}

  /** {@code Claimed}. */
  record Claimed(BigInteger poolId, long index, Address account, BigInteger amount)
      implements PoolEvent {}

  /**
   * Where an event sits on the chain.
   *
   * @param blockNumber its block
   * @param logIndex its position in the block
   * @param blockHash its block's hash
   * @param txHash its transaction
   */
  record Position(long blockNumber, long logIndex, Bytes32 blockHash, Bytes32 txHash) {}

  /** An event with its position. */
  record At(PoolEvent event, Position position) {}
}
