package io.airm.node.domain;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** Settlement runs and their allocations (port). */
public interface SettlementStore {
  /** Creates the pool's run in {@link SettlementState#WAITING}, or returns the existing one. */
  Settlement createIfAbsent(BigInteger poolId, Bytes32 attestationId);

  /** The pool's run. */
  Optional<Settlement> find(BigInteger poolId);

  /** Runs the worker still has to drive, oldest first. */
  List<Settlement> open(int limit);

  /**
   * Records the valuation's outcome and the allocations in one transaction and moves the run to
   * {@link SettlementState#POSTING}.
   */
  void valued(Settlement valued, List<Allocation> allocations);

  /** The distribution's transaction was sent. */
  void posting(BigInteger poolId, Bytes32 txHash);

  /** The distribution is on chain; claims open at {@code challengeEndsAt}. */
  void posted(BigInteger poolId, Bytes32 txHash, long challengeEndsAt);

  /** Moves the run to {@code state} (CLAIMABLE, CHALLENGED or back to POSTED). */
  void moveTo(BigInteger poolId, SettlementState state);

  /** The run cannot complete. */
  void failed(BigInteger poolId, String reason);

  /** The pool's allocations, by leaf index. */
  List<Allocation> allocations(BigInteger poolId);

  /** The account's allocations over every pool, by pool then leaf. */
  List<Allocation> allocationsOf(Address account);

  /** The indexer saw a claim of leaf {@code index}. */
  void claimed(BigInteger poolId, long index);
}
