package io.airm.chain.events;

import java.util.List;

/**
 * Where the indexer delivers events. An implementation backed by a database should write the events
 * and {@code upTo} (its own copy of the cursor) in one transaction, and must accept a batch it has
 * already taken: after a crash between {@link #apply} and the cursor commit the indexer hands the
 * same batch again.
 */
public interface IndexerSink {
  /**
   * Takes the events of the canonical blocks after the previous {@code upTo} through {@code upTo},
   * in chain order (block number, then log index). {@code events} may be empty.
   */
  void apply(List<ChainEvent> events, BlockRef upTo);

  /**
   * Forgets every event of the blocks above {@code forkPoint}: they left the canonical chain. The
   * indexer then applies the new branch from {@code forkPoint.number() + 1}.
   */
  void rollBackTo(BlockRef forkPoint);
}
