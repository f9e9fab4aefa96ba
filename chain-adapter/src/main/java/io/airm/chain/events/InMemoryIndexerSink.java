package io.airm.chain.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sink in memory, for tests: keeps the events of the canonical chain in order, ignores an event
 * it already holds (same block hash and log index), and records every roll-back.
 */
public final class InMemoryIndexerSink implements IndexerSink {
  private final List<ChainEvent> events = new ArrayList<>();
  private final List<BlockRef> rollBacks = new ArrayList<>();
  private final List<ChainEvent> delivered = new ArrayList<>();
  private BlockRef upTo;

  @Override
  public synchronized void apply(List<ChainEvent> batch, BlockRef upTo) {
    for (ChainEvent event : batch) {
      delivered.add(event);
      boolean known =
          events.stream()
              .anyMatch(
                  e -> e.blockHash().equals(event.blockHash()) && e.logIndex() == event.logIndex());
      if (!known) {
        events.add(event);
      }
    }
    this.upTo = upTo;
  }

  @Override
  public synchronized void rollBackTo(BlockRef forkPoint) {
    events.removeIf(e -> e.blockNumber() > forkPoint.number());
    rollBacks.add(forkPoint);
    upTo = forkPoint;
  }

  /** The events held now, in chain order. */
  public synchronized List<ChainEvent> events() {
    return List.copyOf(events);
  }

  /** Every event ever handed to {@link #apply}, duplicates and rolled-back ones included. */
  public synchronized List<ChainEvent> delivered() {
    return List.copyOf(delivered);
  }

  /** The fork points of every roll-back, in order. */
  public synchronized List<BlockRef> rollBacks() {
    return List.copyOf(rollBacks);
  }

  /** The block the sink has taken events through, if any. */
  public synchronized Optional<BlockRef> upTo() {
    return Optional.ofNullable(upTo);
  }
}
