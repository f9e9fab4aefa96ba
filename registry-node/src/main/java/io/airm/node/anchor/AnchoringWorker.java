package io.airm.node.anchor;

import io.airm.chain.eth.Bytes32;
import io.airm.chain.tx.BroadcastOutcome;
import io.airm.chain.tx.Receipt;
import io.airm.chain.tx.SignedTransaction;
import io.airm.node.domain.Anchor;
import io.airm.node.domain.AnchorStatus;
import io.airm.node.domain.AnchorStore;
import io.airm.node.domain.Leadership;
import io.airm.node.domain.TransparencyLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors the log on chain. Each interval, one {@code anchor(treeSize, root)} transaction covers
 * every entry not yet covered. The signed transaction is stored before its first broadcast and the
 * same bytes are rebroadcast until they are mined, so that a crash at any point neither loses nor
 * doubles an anchor. Anchors become final once {@code confirmations} blocks deep with their block
 * still canonical. Among nodes sharing a database, only the one that holds the {@link Leadership}
 * anchors; the others' workers idle, and the store refuses a write from a node that lost the lead.
 */
public final class AnchoringWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AnchoringWorker.class);

  private final TransparencyLog log;
  private final AnchorStore anchors;
  private final AnchorChain chain;
  private final Settings settings;
  private final Leadership leadership;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private Instant lastAnchorSigned;

  /**
   * How the worker paces itself.
   *
   * @param anchorInterval the least time between two new anchor transactions
   * @param pollInterval how often receipts and finality are checked (sub-second on a local chain)
   * @param confirmations how many blocks deep (counting its own) an anchor must be to be final
   */
  public record Settings(Duration anchorInterval, Duration pollInterval, int confirmations) {
    public Settings {
      if (anchorInterval == null || anchorInterval.isNegative()) {
        throw new IllegalArgumentException("anchorInterval must be zero or more");
      }
      if (pollInterval == null || pollInterval.toMillis() < 10) {
        throw new IllegalArgumentException("pollInterval must be at least 10 ms");
      }
      if (confirmations < 1) {
        throw new IllegalArgumentException(
            "confirmations must be at least 1, not " + confirmations);
      }
    }
  }

  /**
   * A worker that anchors while {@code leadership} says this node leads ({@link Leadership#sole()}
   * for a node alone on its database).
   */
  public AnchoringWorker(
      TransparencyLog log,
      AnchorStore anchors,
      AnchorChain chain,
      Settings settings,
      Leadership leadership,
      Clock clock) {
    this.log = log;
    this.anchors = anchors;
    this.chain = chain;
    this.settings = settings;
    this.leadership = leadership;
    this.clock = clock;
    // the first anchor comes one interval after start, like every other
    this.lastAnchorSigned = clock.instant();
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "airm-anchoring");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts ticking in the background. */
  public void start() {
    executor.scheduleWithFixedDelay(
        this::tickSafely, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (Leadership.NotLeaderException e) {
      LOG.info("Anchoring handed over: {}", e.getMessage());
    } catch (RuntimeException e) {
      // the chain or the database is unavailable: everything is stored, the next tick resumes
      LOG.warn("Anchoring paused: {}", e.getMessage());
    }
  }

  /**
   * One round, if this node leads: advance every unfinished anchor (a former leader's too), then
   * sign a new one if entries are uncovered.
   */
  public void tick() {
    tick(false);
  }

  /** One round that anchors uncovered entries now, whatever the interval (benchmarks, tests). */
  public void anchorNow() {
    tick(true);
  }

  private synchronized void tick(boolean ignoreInterval) {
    if (!leadership.isLeader()) {
      return;
    }
    List<Anchor> unfinished = anchors.unfinished();
    boolean inFlight = false;
    for (Anchor anchor : unfinished) {
      Anchor advanced = advance(anchor);
      inFlight |=
          advanced.status() == AnchorStatus.SIGNED || advanced.status() == AnchorStatus.SENT;
    }
    if (inFlight) {
      return; // one anchor in flight at a time: its nonce is the only one outstanding
    }
    Instant now = clock.instant();
    if (!ignoreInterval
        && Duration.between(lastAnchorSigned, now).compareTo(settings.anchorInterval()) < 0) {
      return;
    }
    long size = log.size();
    long covered = anchors.newestOnChain().map(Anchor::treeSize).orElse(0L);
    if (size > covered) {
      anchorNew(size);
      lastAnchorSigned = now;
    }
  }

  private void anchorNew(long treeSize) {
    Bytes32 root = log.root(treeSize);
    SignedTransaction tx = chain.signAnchor(treeSize, root, chain.nextNonce());
    Anchor anchor =
        new Anchor(
            treeSize,
            root,
            tx.hash(),
            tx.rawHex(),
            tx.from(),
            tx.nonce(),
            AnchorStatus.SIGNED,
            OptionalLong.empty(),
            Optional.empty(),
            OptionalLong.empty());
    anchors.insert(anchor); // stored before broadcast: this is what makes a crash harmless
    LOG.info("Anchoring tree size {} root {} in tx {}", treeSize, root, tx.hash());
    advance(anchor);
  }

  private Anchor advance(Anchor anchor) {
    return switch (anchor.status()) {
      case SIGNED, SENT -> awaitMining(anchor);
      case MINED -> awaitFinality(anchor);
      case FINAL, FAILED -> anchor;
    };
  }

  private Anchor awaitMining(Anchor anchor) {
    Optional<Receipt> receipt = chain.receipt(anchor.txHash());
    if (receipt.isPresent()) {
      return recordReceipt(anchor, receipt.get());
    }
    SignedTransaction tx =
        new SignedTransaction(anchor.txHash(), anchor.rawTx(), anchor.sender(), anchor.nonce());
    BroadcastOutcome outcome = chain.broadcast(tx);
    if (outcome == BroadcastOutcome.NONCE_ALREADY_USED) {
      // mined between the two calls, or replaced by another transaction with our nonce
      receipt = chain.receipt(anchor.txHash());
      if (receipt.isPresent()) {
        return recordReceipt(anchor, receipt.get());
      }
      LOG.warn(
          "Anchor tx {} for tree size {} was dropped: its nonce {} was used by another transaction",
          anchor.txHash(),
          anchor.treeSize(),
          anchor.nonce());
      return save(anchor.withStatus(AnchorStatus.FAILED));
    }
    return anchor.status() == AnchorStatus.SIGNED
        ? save(anchor.withStatus(AnchorStatus.SENT))
        : anchor;
  }

  private Anchor recordReceipt(Anchor anchor, Receipt receipt) {
    AnchorStatus status = receipt.succeeded() ? AnchorStatus.MINED : AnchorStatus.FAILED;
    if (!receipt.succeeded()) {
      LOG.error(
          "Anchor tx {} for tree size {} reverted in block {}",
          anchor.txHash(),
          anchor.treeSize(),
          receipt.blockNumber());
    } else {
      LOG.info(
          "Tree size {} anchored in block {} (gas {})",
          anchor.treeSize(),
          receipt.blockNumber(),
          receipt.gasUsed());
    }
    Anchor mined =
        anchor.minedIn(status, receipt.blockNumber(), receipt.blockHash(), receipt.gasUsed());
    save(mined);
    return status == AnchorStatus.MINED ? awaitFinality(mined) : mined;
  }

  private Anchor awaitFinality(Anchor anchor) {
    long block = anchor.blockNumber().orElseThrow();
    Optional<Bytes32> canonical = chain.blockHash(block);
    if (canonical.isEmpty() || !canonical.equals(anchor.blockHash())) {
      // a reorg took the block away: the transaction is back in the pool or gone; look again
      LOG.warn("Block {} of anchor tx {} is no longer canonical", block, anchor.txHash());
      return save(anchor.unmined());
    }
    long depth = chain.blockNumber() - block + 1;
    if (depth >= settings.confirmations()) {
      LOG.info("Tree size {} is final ({} blocks deep)", anchor.treeSize(), depth);
      return save(anchor.withStatus(AnchorStatus.FINAL));
    }
    return anchor;
  }

  private Anchor save(Anchor anchor) {
    anchors.update(anchor);
    return anchor;
  }

  /** Stops ticking; an anchor in flight stays stored and resumes at the next start. */
  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /**
   * Stops ticking: the running round finishes (waited for up to {@code timeout}), no other starts.
   * An anchor in flight stays stored and resumes at the next start.
   */
  public void close(Duration timeout) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
