package io.airm.chain.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventIndexerTest {
  private final FakeChain chain = new FakeChain();
  private final InMemoryIndexerSink sink = new InMemoryIndexerSink();
  private final InMemoryIndexerCursorStore store = new InMemoryIndexerCursorStore();

  private IndexerConfig config(int confirmations) {
    return new IndexerConfig(List.of(FakeChain.CONTRACT), 1, confirmations, 1_000, 256);
  }

  private EventIndexer indexer(IndexerConfig config) {
    return new EventIndexer(config, chain, sink, store);
  }

  private List<String> held() {
    return sink.events().stream().map(FakeChain::label).toList();
  }

  private static List<String> labels(String... labels) {
    return java.util.Arrays.stream(labels).map(l -> FakeChain.hash(l).hex()).toList();
  }

  @Test
  void poll_appliesEveryEventOnceInChainOrder() {
    chain.mine("a", "b");
    chain.mine();
    chain.mine("c");
    EventIndexer indexer = indexer(config(0));

    PollResult first = indexer.poll();
    PollResult second = indexer.poll();

    assertThat(held()).isEqualTo(labels("a", "b", "c"));
    assertThat(sink.delivered()).hasSize(3);
    assertThat(first.eventsApplied()).isEqualTo(3);
    assertThat(first.lastApplied()).isEqualTo(BlockRef.of(3, chain.blockHash(3).orElseThrow()));
    assertThat(second.eventsApplied()).isZero();
    assertThat(store.load().orElseThrow().lastApplied()).isEqualTo(first.lastApplied());
  }

  @Test
  void poll_leavesBlocksWithFewerThanTheConfirmationsUnapplied() {
    EventIndexer indexer = indexer(config(2));
    chain.mine("a");

    indexer.poll();
    assertThat(held()).isEmpty();
    chain.mine();
    indexer.poll();
    assertThat(held()).isEmpty();
    chain.mine();
    indexer.poll();

    assertThat(held()).isEqualTo(labels("a"));
    assertThat(sink.upTo().orElseThrow().number()).isEqualTo(1);
  }

  @Test
  void poll_readsLogsInRangesOfAtMostMaxBlockRange() {
    chain.mineEmpty(10);
    chain.mine("late");

    indexer(config(0).withMaxBlockRange(4)).poll();

    assertThat(chain.logQueries())
        .extracting(q -> q[0] + "-" + q[1])
        .containsExactly("1-4", "5-8", "9-11");
    assertThat(held()).isEqualTo(labels("late"));
  }

  @Test
  void poll_onAReorganisation_rollsBackToTheForkPointAndAppliesTheNewBranch() {
    chain.mine("a");
    long forkPoint = chain.mine("b");
    chain.mine("c");
    chain.mine("d");
    EventIndexer indexer = indexer(config(0));
    indexer.poll();

    chain.dropBlocks(2);
    chain.mine("c2");
    chain.mine();
    chain.mine("e2");
    PollResult result = indexer.poll();

    BlockRef fork = BlockRef.of(forkPoint, chain.blockHash(forkPoint).orElseThrow());
    assertThat(result.rolledBackTo()).contains(fork);
    assertThat(sink.rollBacks()).containsExactly(fork);
    assertThat(held()).isEqualTo(labels("a", "b", "c2", "e2"));
    assertThat(result.lastApplied().number()).isEqualTo(5);
  }

  @Test
  void poll_onAChainThatGotShorter_rollsBackAndWaitsForTheNewBranch() {
    chain.mine("a");
    chain.mine("b");
    chain.mine("c");
    EventIndexer indexer = indexer(config(0));
    indexer.poll();

    chain.dropBlocks(2);
    PollResult result = indexer.poll();

    assertThat(result.rolledBackTo().orElseThrow().number()).isEqualTo(1);
    assertThat(held()).isEqualTo(labels("a"));
    assertThat(store.load().orElseThrow().lastApplied().number()).isEqualTo(1);
  }

  @Test
  void poll_onAReorganisationDeeperThanTheHashWindow_throwsAndLeavesTheSinkAlone() {
    chain.mineEmpty(5);
    chain.mine("a");
    chain.mine("b");
    chain.mine("c");
    EventIndexer indexer = indexer(config(0).withHashWindow(2));
    indexer.poll();

    chain.dropBlocks(3);
    chain.mine("x");
    chain.mine("y");
    chain.mine("z");

    assertThatThrownBy(indexer::poll)
        .isInstanceOf(ReorgTooDeepException.class)
        .hasMessageContaining("indexer.hashWindow = 2")
        .hasMessageContaining("#7")
        .hasMessageContaining("#8");
    assertThat(sink.rollBacks()).isEmpty();
    assertThat(held()).isEqualTo(labels("a", "b", "c"));
  }

  @Test
  void poll_keepsOnlyTheHashWindow() {
    chain.mineEmpty(20);
    EventIndexer indexer = indexer(config(0).withHashWindow(5).withMaxBlockRange(3));

    indexer.poll();

    assertThat(store.load().orElseThrow().recentBlocks())
        .extracting(BlockRef::number)
        .containsExactly(16L, 17L, 18L, 19L, 20L);
  }

  @Test
  void poll_whenTheChainMovesDuringARange_appliesNothingThenRecoversOnTheNextPoll() {
    chain.mine("a");
    chain.mine("b");
    EventIndexer indexer = indexer(config(0));
    chain.beforeNextLogs(
        () -> {
          chain.dropBlocks(1);
          chain.mine("b2");
        });

    PollResult moved = indexer.poll();
    assertThat(moved.caughtUp()).isFalse();
    assertThat(sink.delivered()).isEmpty();
    PollResult recovered = indexer.poll();

    assertThat(recovered.caughtUp()).isTrue();
    assertThat(held()).isEqualTo(labels("a", "b2"));
  }

  @Test
  void poll_afterARestartWithTheSameStore_continuesWithoutReapplying() {
    chain.mine("a");
    indexer(config(0)).poll();
    chain.mine("b");

    indexer(config(0)).poll();

    assertThat(sink.delivered()).extracting(FakeChain::label).isEqualTo(labels("a", "b"));
  }

  @Test
  void poll_whenTheCursorCommitFails_deliversTheBatchAgain() {
    chain.mine("a");
    IndexerCursorStore failing =
        new IndexerCursorStore() {
          @Override
          public java.util.Optional<IndexerCursor> load() {
            return store.load();
          }

          @Override
          public void commit(IndexerCursor cursor) {
            throw new IllegalStateException("database down");
          }
        };
    assertThatThrownBy(new EventIndexer(config(0), chain, sink, failing)::poll)
        .hasMessage("database down");

    indexer(config(0)).poll();

    assertThat(sink.delivered()).extracting(FakeChain::label).isEqualTo(labels("a", "a"));
    assertThat(held()).isEqualTo(labels("a"));
  }

  @Test
  void poll_ignoresContractsItDoesNotFollow() {
    chain.mine("a");
    EventIndexer indexer =
        new EventIndexer(
            new IndexerConfig(List.of(FakeChain.OTHER), 1, 0, 10, 10), chain, sink, store);

    PollResult result = indexer.poll();

    assertThat(result.eventsApplied()).isZero();
    assertThat(result.lastApplied().number()).isEqualTo(1);
  }

  @Test
  void config_refusesBadSettingsNamingThem() {
    var contracts = List.of(FakeChain.CONTRACT);
    assertThatThrownBy(() -> new IndexerConfig(contracts, 0, 0, 10, 10))
        .hasMessageContaining("indexer.startBlock");
    assertThatThrownBy(() -> new IndexerConfig(contracts, 1, -1, 10, 10))
        .hasMessageContaining("indexer.confirmations");
    assertThatThrownBy(() -> new IndexerConfig(contracts, 1, 0, 0, 10))
        .hasMessageContaining("indexer.maxBlockRange");
    assertThatThrownBy(() -> new IndexerConfig(contracts, 1, 0, 10, 0))
        .hasMessageContaining("indexer.hashWindow");
    assertThatThrownBy(() -> new IndexerConfig(List.of(), 1, 0, 10, 10))
        .hasMessageContaining("indexer.contracts");
  }
}
