package io.airm.chain.events;

import java.util.List;

/**
 * How far an indexer has got: the last block whose events the sink has taken, and the hashes of
 * recent blocks it passed, oldest first, to find the fork point when the chain reorganises.
 *
 * @param recentBlocks strictly ascending by number; the last entry is {@link #lastApplied()}
 */
public record IndexerCursor(List<BlockRef> recentBlocks) {
  public IndexerCursor {
    if (recentBlocks == null || recentBlocks.isEmpty()) {
      throw new IllegalArgumentException("A cursor needs at least its last applied block");
    }
    recentBlocks = List.copyOf(recentBlocks);
    for (int i = 1; i < recentBlocks.size(); i++) {
      if (recentBlocks.get(i).number() <= recentBlocks.get(i - 1).number()) {
        throw new IllegalArgumentException(
            "The recent blocks of a cursor must ascend, but "
                + recentBlocks.get(i)
                + " follows "
                + recentBlocks.get(i - 1));
      }
    }
  }

  /** A cursor that knows only {@code block}. */
  public static IndexerCursor at(BlockRef block) {
    return new IndexerCursor(List.of(block));
  }

  /** The last block whose events the sink has taken. */
  public BlockRef lastApplied() {
    return recentBlocks.get(recentBlocks.size() - 1);
  }
}
