package io.airm.chain.events;

import java.util.Optional;

/** A cursor store in memory, for tests and throw-away runs. */
public final class InMemoryIndexerCursorStore implements IndexerCursorStore {
  private volatile IndexerCursor cursor;
  private volatile int commits;

  @Override
  public Optional<IndexerCursor> load() {
    return Optional.ofNullable(cursor);
  }

  @Override
  public synchronized void commit(IndexerCursor cursor) {
    if (cursor == null) {
      throw new IllegalArgumentException("Cannot commit a missing cursor");
    }
    this.cursor = cursor;
    commits++;
  }

  /** How many times a cursor was committed. */
  public int commits() {
    return commits;
  }
}
