package io.airm.chain.events;

import java.util.Optional;

/**
 * What one {@link EventIndexer#poll()} did.
 *
 * @param lastApplied the cursor after the poll
 * @param eventsApplied how many events the sink was handed
 * @param rolledBackTo the fork point, if the chain had reorganised under the indexer
 * @param caughtUp whether the indexer reached {@code head - confirmations}; false when the chain
 *     moved during a batch, which the next poll resolves
 */
public record PollResult(
    BlockRef lastApplied, int eventsApplied, Optional<BlockRef> rolledBackTo, boolean caughtUp) {
  public PollResult {
    if (lastApplied == null || rolledBackTo == null || eventsApplied < 0) {
      throw new IllegalArgumentException("A poll result needs its cursor and a count of 0 or more");
    }
  }
}
