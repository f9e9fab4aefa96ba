package io.airm.node.ops;

import java.util.Map;
import java.util.OptionalLong;

/**
 * What the node's state in the database looks like at one moment, read in one transaction when
 * {@code /metrics} is scraped.
 *
 * @param logSize entries in the transparency log
 * @param finalTreeSize the tree size of the newest final checkpoint (0 before the first)
 * @param anchorsInFlight anchor transactions signed, sent or mined but not yet final
 * @param oldestPendingAgeSeconds how long the oldest entry not covered by a final checkpoint has
 *     waited (0 when every entry is covered)
 * @param attestationsByState attestations per state (every state, zeros included)
 * @param settlementsByState settlement runs per state (every state, zeros included)
 * @param poolIndexerBlock the last block the pool indexer applied, if it has run
 */
public record OpsSnapshot(
    long logSize,
    long finalTreeSize,
    long anchorsInFlight,
    double oldestPendingAgeSeconds,
    Map<String, Long> attestationsByState,
    Map<String, Long> settlementsByState,
    OptionalLong poolIndexerBlock) {

  public OpsSnapshot {
    attestationsByState = Map.copyOf(attestationsByState);
    settlementsByState = Map.copyOf(settlementsByState);
  }

  /** Log entries not yet covered by a final checkpoint. */
  public long pendingEntries() {
    return Math.max(0, logSize - finalTreeSize);
  }

  /** Reads a snapshot (the database is the source; a failure is thrown). */
  @FunctionalInterface
  public interface Source {
    OpsSnapshot read();
  }
}
