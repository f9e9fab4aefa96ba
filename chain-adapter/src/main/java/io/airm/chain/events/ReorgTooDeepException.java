package io.airm.chain.events;

import io.airm.chain.ChainException;

/**
 * The chain reorganised below every block hash the indexer kept, so it cannot find the fork point;
 * an operator must rebuild the index or raise the hash window.
 */
public final class ReorgTooDeepException extends ChainException {
  private final BlockRef oldestKnown;

  ReorgTooDeepException(BlockRef lastApplied, BlockRef oldestKnown, int hashWindow) {
    super(
        "The chain reorganised deeper than the indexer can follow: none of the kept block hashes,"
            + " from "
            + oldestKnown
            + " to the last applied block "
            + lastApplied
            + ", is canonical any more (indexer.hashWindow = "
            + hashWindow
            + "); rebuild the index from an earlier block or raise the window");
    this.oldestKnown = oldestKnown;
  }

  /** The oldest block whose hash the indexer still held. */
  public BlockRef oldestKnown() {
    return oldestKnown;
  }
}
