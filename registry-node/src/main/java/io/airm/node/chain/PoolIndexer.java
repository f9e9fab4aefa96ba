package io.airm.node.chain;

import io.airm.chain.events.BlockRef;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.events.EventIndexer;
import io.airm.chain.events.IndexerConfig;
import io.airm.chain.events.IndexerSink;
import io.airm.chain.events.Web3jLogSource;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.tx.ChainClient;
import io.airm.node.domain.PoolEvent;
import io.airm.node.storage.JdbcPoolStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Learns of pools from the chain, not from requests: indexes {@code RewardDistributor}'s events
 * (confirmation depth, reorgs rolled back) into the pool store.
 */
public final class PoolIndexer implements IndexerSink {
  private final JdbcPoolStore store;
  private final EventIndexer indexer;

  public PoolIndexer(
      ChainClient chain,
      RewardDistributorContract distributor,
      JdbcPoolStore store,
      long startBlock,
      int confirmations) {
    this.store = store;
    this.indexer =
        new EventIndexer(
            IndexerConfig.of(List.of(distributor.address()), startBlock)
                .withConfirmations(confirmations),
            new Web3jLogSource(chain),
            this,
            store);
  }

  /** One poll: reads the confirmed blocks since the last and applies their events. */
  public io.airm.chain.events.PollResult pollOnce() {
    return indexer.poll();
  }

  @Override
  public void apply(List<ChainEvent> events, BlockRef upTo) {
    List<PoolEvent.At> decoded = new ArrayList<>();
    for (ChainEvent event : events) {
      decode(event)
          .ifPresent(
              e ->
                  decoded.add(
                      new PoolEvent.At(
                          e,
                          new PoolEvent.Position(
                              event.blockNumber(),
                              event.logIndex(),
                              event.blockHash(),
                              event.txHash()))));
    }
    store.apply(decoded);
  }

  @Override
  public void rollBackTo(BlockRef forkPoint) {
    store.rollBackTo(forkPoint.number());
  }

  /** The pool event a log is, if it is one. */
  static Optional<PoolEvent> decode(ChainEvent event) {
    Optional<PoolEvent> created =
        RewardDistributorContract.PoolCreatedEvent.decode(event)
            .map(
                e ->
                    new PoolEvent.Created(
                        e.poolId(), e.attestationId(), e.funder(), e.token(), e.expiry()));
    if (created.isPresent()) {
      return created;
    }
    Optional<PoolEvent> funded =
        RewardDistributorContract.PoolFundedEvent.decode(event)
            .map(e -> new PoolEvent.Funded(e.poolId(), e.funder(), e.amountCredited()));
    if (funded.isPresent()) {
      return funded;
    }
    Optional<PoolEvent> posted =
        RewardDistributorContract.DistributionPostedEvent.decode(event)
            .map(
                e ->
                    new PoolEvent.Posted(e.poolId(), e.root(), e.reportCid(), e.challengeEndsAt()));
    if (posted.isPresent()) {
      return posted;
    }
    Optional<PoolEvent> challenged =
        RewardDistributorContract.DistributionChallengedEvent.decode(event)
            .map(e -> new PoolEvent.Challenged(e.poolId(), e.reason()));
    if (challenged.isPresent()) {
      return challenged;
    }
    Optional<PoolEvent> resolved =
        RewardDistributorContract.ChallengeResolvedEvent.decode(event)
            .map(e -> new PoolEvent.Resolved(e.poolId(), e.upheld()));
    if (resolved.isPresent()) {
      return resolved;
    }
    return RewardDistributorContract.ClaimedEvent.decode(event)
        .map(e -> new PoolEvent.Claimed(e.poolId(), e.index(), e.account(), e.amount()));
  }
}
