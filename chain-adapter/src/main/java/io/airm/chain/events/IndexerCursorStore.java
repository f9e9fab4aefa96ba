package io.airm.chain.events;

import java.util.Optional;

/** Keeps an indexer's cursor across restarts. */
public interface IndexerCursorStore {
  /** The last committed cursor, or empty before the first commit. */
  Optional<IndexerCursor> load();

  /** Replaces the stored cursor; called only after the sink has taken everything it covers. */
  void commit(IndexerCursor cursor);
}
