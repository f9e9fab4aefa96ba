package io.airm.chain.events;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Bytes32;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the logs of some contracts into an {@link IndexerSink}, surviving reorganisations.
 *
 * <p>Each {@link #poll()} first checks that the last applied block is still canonical. If it is
 * not, it walks back through the block hashes it kept to the newest one still canonical (the fork
 * point), has the sink roll back everything above it, and continues from there. It then reads
 * {@code eth_getLogs} in ranges of at most {@code maxBlockRange} blocks, never past {@code head -
 * confirmations}, hands each range to the sink and only then commits the cursor: delivery is at
 * least once, so sinks must be idempotent or store the cursor with the events.
 *
 * <p>A range is delivered only if the chain held still while it was read: the hash of its last
 * block is the same before and after {@code eth_getLogs}, every log's block hash is the canonical
 * hash of its block, and the previous cursor is still canonical. Otherwise the poll stops and the
 * next one reconciles.
 *
 * <p>Hashes are kept for every applied block within {@code hashWindow} blocks of the confirmed
 * head, and for the last block of every range and every block with a log; older blocks passed
 * during a catch-up are not fetched one by one. A fork point found among sparse hashes is still
 * correct: at worst the sink rolls back a little more than needed and takes it again.
 *
 * <p>Not thread-safe across instances: run one indexer per cursor store. Calls on one instance are
 * serialised.
 */
public final class EventIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(EventIndexer.class);
  private static final Comparator<ChainEvent> CHAIN_ORDER =
      Comparator.comparingLong(ChainEvent::blockNumber).thenComparingLong(ChainEvent::logIndex);

  private final IndexerConfig config;
  private final LogSource source;
  private final IndexerSink sink;
  private final IndexerCursorStore store;
  private IndexerCursor cursor;

  /** An indexer that resumes from {@code store}'s cursor, or starts at the configured block. */
  public EventIndexer(
      IndexerConfig config, LogSource source, IndexerSink sink, IndexerCursorStore store) {
    if (config == null || source == null || sink == null || store == null) {
      throw new IllegalArgumentException(
          "An indexer needs its configuration, log source, sink and cursor store");
    }
    this.config = config;
    this.source = source;
    this.sink = sink;
    this.store = store;
  }

  /** What this indexer follows. */
  public IndexerConfig config() {
    return config;
  }

  /** The cursor in use, once the first poll has loaded or created it. */
  public synchronized Optional<IndexerCursor> cursor() {
    return Optional.ofNullable(cursor);
  }

  /**
   * Reconciles with the canonical chain, then applies every confirmed block not yet applied.
   *
   * @throws ReorgTooDeepException if the chain forked below every kept block hash
   * @throws ChainException if the chain cannot be read; the cursor stays where it was
   */
  public synchronized PollResult poll() {
    if (cursor == null) {
      cursor = store.load().orElseGet(this::initialCursor);
    }
    Optional<BlockRef> rolledBackTo = reconcile();
    long safeHead = source.headNumber() - config.confirmations();
    int applied = 0;
    boolean caughtUp = true;
    while (cursor.lastApplied().number() < safeHead) {
      long from = cursor.lastApplied().number() + 1;
      long to = Math.min(safeHead, from + config.maxBlockRange() - 1);
      Optional<Batch> batch = read(from, to, safeHead);
      if (batch.isEmpty()) {
        caughtUp = false;
        break;
      }
      sink.apply(batch.get().events(), batch.get().upTo());
      // committed only now: a crash before this line replays the batch (at least once)
      cursor = advance(batch.get().hashes());
      store.commit(cursor);
      applied += batch.get().events().size();
    }
    return new PollResult(cursor.lastApplied(), applied, rolledBackTo, caughtUp);
  }

  /** The block before the start, as if applied: the anchor of the first fork check. */
  private IndexerCursor initialCursor() {
    long base = config.startBlock() - 1;
    Bytes32 hash =
        source
            .blockHash(base)
            .orElseThrow(
                () ->
                    new ChainException(
                        "The chain has not reached block "
                            + base
                            + ", the block before indexer.startBlock "
                            + config.startBlock()));
    return IndexerCursor.at(BlockRef.of(base, hash));
  }

  private Optional<BlockRef> reconcile() {
    BlockRef last = cursor.lastApplied();
    if (isCanonical(last)) {
      return Optional.empty();
    }
    List<BlockRef> recent = cursor.recentBlocks();
    for (int i = recent.size() - 2; i >= 0; i--) {
      BlockRef candidate = recent.get(i);
      if (isCanonical(candidate)) {
        LOG.warn(
            "The chain reorganised under the indexer: block {} is no longer canonical; rolling"
                + " back to the fork point {}",
            last,
            candidate);
        sink.rollBackTo(candidate);
        cursor = new IndexerCursor(recent.subList(0, i + 1));
        store.commit(cursor);
        return Optional.of(candidate);
      }
    }
    throw new ReorgTooDeepException(last, recent.get(0), config.hashWindow());
  }

  private Optional<Batch> read(long from, long to, long safeHead) {
    Optional<Bytes32> toHash = source.blockHash(to);
    if (toHash.isEmpty()) {
      return moved("block " + to + " vanished");
    }
    List<ChainEvent> events = new ArrayList<>(source.logs(config.contracts(), from, to));
    events.sort(CHAIN_ORDER);
    Map<Long, Bytes32> hashes = new TreeMap<>();
    hashes.put(to, toHash.get());
    // the blocks that will still lie in the window once the indexer reaches the safe head
    for (long n = Math.max(from, safeHead - config.hashWindow() + 1); n < to; n++) {
      Optional<Bytes32> hash = source.blockHash(n);
      if (hash.isEmpty()) {
        return moved("block " + n + " vanished");
      }
      hashes.put(n, hash.get());
    }
    for (ChainEvent event : events) {
      if (event.blockNumber() < from || event.blockNumber() > to) {
        throw new ChainException(
            "eth_getLogs of blocks "
                + from
                + " to "
                + to
                + " returned a log of block "
                + event.blockNumber()
                + " (tx "
                + event.txHash()
                + ")");
      }
      if (!config.contracts().contains(event.contract())) {
        throw new ChainException(
            "eth_getLogs returned a log of "
                + event.contract()
                + ", which the indexer does not follow (tx "
                + event.txHash()
                + ")");
      }
      Bytes32 canonical = hashes.get(event.blockNumber());
      if (canonical == null) {
        Optional<Bytes32> hash = source.blockHash(event.blockNumber());
        if (hash.isEmpty()) {
          return moved("block " + event.blockNumber() + " vanished");
        }
        canonical = hash.get();
        hashes.put(event.blockNumber(), canonical);
      }
      if (!canonical.equals(event.blockHash())) {
        return moved(
            "log "
                + event.logIndex()
                + " of tx "
                + event.txHash()
                + " came from block "
                + event.block()
                + " but the canonical block "
                + event.blockNumber()
                + " is "
                + canonical);
      }
    }
    if (!isCanonical(cursor.lastApplied())) {
      return moved("the last applied block " + cursor.lastApplied() + " left the canonical chain");
    }
    if (!source.blockHash(to).equals(toHash)) {
      return moved("block " + to + " changed while its range was read");
    }
    List<BlockRef> refs =
        hashes.entrySet().stream().map(e -> BlockRef.of(e.getKey(), e.getValue())).toList();
    return Optional.of(new Batch(List.copyOf(events), BlockRef.of(to, toHash.get()), refs));
  }

  private static Optional<Batch> moved(String why) {
    LOG.info("The chain moved while the indexer read it ({}); retrying on the next poll", why);
    return Optional.empty();
  }

  /** The cursor after a batch: its blocks appended, then trimmed to the hash window. */
  private IndexerCursor advance(List<BlockRef> batchBlocks) {
    long newest = batchBlocks.get(batchBlocks.size() - 1).number();
    List<BlockRef> kept = new ArrayList<>();
    for (BlockRef ref : cursor.recentBlocks()) {
      if (ref.number() > newest - config.hashWindow()) {
        kept.add(ref);
      }
    }
    for (BlockRef ref : batchBlocks) {
      if (ref.number() > newest - config.hashWindow()) {
        kept.add(ref);
      }
    }
    return new IndexerCursor(kept);
  }

  private boolean isCanonical(BlockRef block) {
    return source.blockHash(block.number()).map(block.hash()::equals).orElse(false);
  }

  private record Batch(List<ChainEvent> events, BlockRef upTo, List<BlockRef> hashes) {}
}
