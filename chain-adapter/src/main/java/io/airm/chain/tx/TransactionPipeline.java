package io.airm.chain.tx;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the transactions of one key: assigns contiguous nonces under one lock, signs, journals
 * before broadcasting, then watches every nonce in the background until one of its siblings is
 * mined, its nonce is taken by someone else, or time runs out. Thread-safe; one per key, and no
 * other sender of that key.
 *
 * <p>Use: {@link #create}, then {@link #start()} (which first {@link #resume() resumes} the
 * journal), then {@link #submit} from any thread.
 */
public final class TransactionPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionPipeline.class);

  private final ChainRpc chain;
  private final TransactionSigner signer;
  private final TransactionJournal journal;
  private final Settings settings;
  private final Clock clock;
  private final Address sender;
  private final BigInteger nonceFloor;
  private final ReentrantLock nonceLock = new ReentrantLock();
  private final Object pollLock = new Object();
  private final Map<BigInteger, NonceGroup> open = new ConcurrentSkipListMap<>();
  private final ScheduledExecutorService poller;
  private boolean resumed;
  private boolean started;

  /**
   * How the pipeline paces itself.
   *
   * @param pollInterval how often receipts are checked; sub-second (web3j's own processor waits 15
   *     s between checks)
   * @param rebroadcastInterval how often the newest signature of an unmined nonce is sent again (a
   *     node may have dropped it from its pool)
   * @param replaceAfter how long a signature may wait unmined before a replacement with fees at
   *     least 10% higher is signed for the same nonce
   * @param outcomeTimeout how long after the first signature the outcome becomes {@code UNKNOWN}
   * @param confirmations how many blocks deep (counting its own) a receipt must be, and for how
   *     many blocks a foreign use of the nonce must hold, before the outcome is final
   */
  public record Settings(
      Duration pollInterval,
      Duration rebroadcastInterval,
      Duration replaceAfter,
      Duration outcomeTimeout,
      int confirmations) {
    public Settings {
      requirePositive("pollInterval", pollInterval);
      requirePositive("rebroadcastInterval", rebroadcastInterval);
      requirePositive("replaceAfter", replaceAfter);
      requirePositive("outcomeTimeout", outcomeTimeout);
      if (pollInterval.toMillis() < 10 || pollInterval.toMillis() > 1000) {
        throw new IllegalArgumentException(
            "pollInterval must be between 10 ms and 1 s, not " + pollInterval);
      }
      if (confirmations < 1) {
        throw new IllegalArgumentException(
            "confirmations must be at least 1, not " + confirmations);
      }
    }

    /** 150 ms polls, rebroadcast every 3 s, replace after 30 s, unknown after 10 min, 1 block. */
    public static Settings defaults() {
      return new Settings(
          Duration.ofMillis(150),
          Duration.ofSeconds(3),
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          1);
    }

    /** These settings with {@code n} confirmations. */
    public Settings withConfirmations(int n) {
      return new Settings(pollInterval, rebroadcastInterval, replaceAfter, outcomeTimeout, n);
    }

    private static void requirePositive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration, not " + d);
      }
    }
  }

  private TransactionPipeline(
      ChainRpc chain,
      TransactionSigner signer,
      TransactionJournal journal,
      Settings settings,
      Clock clock) {
    this.chain = chain;
    this.signer = signer;
    this.journal = journal;
    this.settings = settings;
    this.clock = clock;
    this.sender = signer.address();
    // the journal is the nonce authority; the chain's count covers what was sent before it existed
    this.nonceFloor = chain.latestNonce(sender);
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "airm-tx-pipeline-" + sender);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A pipeline for {@code signer}'s key; reads the chain's nonce for it once. Not yet polling. */
  public static TransactionPipeline create(
      ChainRpc chain,
      TransactionSigner signer,
      TransactionJournal journal,
      Settings settings,
      Clock clock) {
    return new TransactionPipeline(chain, signer, journal, settings, clock);
  }

  /** The account this pipeline sends from. */
  public Address sender() {
    return sender;
  }

  /** How many nonces are still watched (UNKNOWN ones included). */
  public int openNonces() {
    return open.size();
  }

  /**
   * Reads the journal's open transactions, rebroadcasts their exact bytes (the newest signature of
   * each nonce) and watches them; returns a handle per nonce. Idempotent.
   */
  public List<PendingTransaction> resume() {
    nonceLock.lock();
    try {
      if (resumed) {
        return List.of();
      }
      resumed = true;
      Map<BigInteger, List<JournalEntry>> byNonce = new LinkedHashMap<>();
      for (JournalEntry entry : journal.pending(sender)) {
        byNonce.computeIfAbsent(entry.nonce(), n -> new ArrayList<>()).add(entry);
      }
      List<PendingTransaction> handles = new ArrayList<>();
      for (List<JournalEntry> siblings : byNonce.values()) {
        JournalEntry first = siblings.get(0);
        NonceGroup group = new NonceGroup(first);
        siblings.subList(1, siblings.size()).forEach(group.siblings::add);
        if (siblings.stream().allMatch(e -> e.status() == TxStatus.UNKNOWN)) {
          group.timedOut = true;
        }
        open.put(group.nonce, group);
        rebroadcast(group);
        handles.add(group.handle());
      }
      if (!handles.isEmpty()) {
        LOG.info("Resumed {} open nonce(s) of {} from the journal", handles.size(), sender);
      }
      return handles;
    } finally {
      nonceLock.unlock();
    }
  }

  /** Resumes the journal and starts polling in the background. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    resume();
    long every = settings.pollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Signs a call of {@code data} on {@code to} sending {@code value} wei with the next nonce,
   * journals it, then broadcasts it. Gas is estimated with a 25% margin before the nonce is taken,
   * so a call that would revert costs no nonce.
   *
   * @throws ChainException if estimation fails or the node refuses the transaction outright (its
   *     nonce is then released); an unreachable node is not a refusal: the pipeline rebroadcasts.
   */
  public PendingTransaction submit(Address to, String data, BigInteger value, String purpose) {
    BigInteger estimate = chain.estimateGas(sender, to, data, value);
    BigInteger gasLimit = estimate.multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4));
    Eip1559Fees fees = signer.fees().initialFees(chain.latestBaseFee());
    nonceLock.lock();
    try {
      BigInteger nonce = journal.nextNonce(sender).max(nonceFloor);
      SignedTransaction tx = signer.sign(to, data, value, nonce, gasLimit, fees);
      JournalEntry entry =
          JournalEntry.signed(
              tx, to, value, data, gasLimit, fees, purpose, Optional.empty(), clock.instant());
      journal.record(entry); // before the broadcast: what makes a crash harmless
      NonceGroup group = new NonceGroup(entry);
      try {
        chain.broadcast(tx);
      } catch (ChainException e) {
        if (!isTransportFailure(e)) {
          // refused, and nothing later is signed yet (we hold the lock): the nonce is free again
          journal.update(tx.hash(), TxStatus.REJECTED, Optional.empty());
          throw new ChainException(
              "The chain refused transaction "
                  + tx.hash()
                  + " ("
                  + purpose
                  + "): "
                  + e.getMessage(),
              e);
        }
        LOG.warn("Broadcast of {} failed, will retry: {}", tx.hash(), e.getMessage());
      }
      group.lastBroadcast = clock.instant();
      open.put(nonce, group);
      return group.handle();
    } finally {
      nonceLock.unlock();
    }
  }

  /** One round of checks: receipts, foreign nonce use, rebroadcasts, replacements, timeouts. */
  public void pollOnce() {
    synchronized (pollLock) {
      if (open.isEmpty()) {
        return;
      }
      long head = chain.blockNumber();
      BigInteger used = chain.latestNonce(sender);
      Instant now = clock.instant();
      for (NonceGroup group : open.values()) {
        if (group.nonce.compareTo(used) < 0) {
          settleUsedNonce(group, head);
        } else {
          group.foreignUseSeenAt = null;
          nudge(group, now);
        }
        if (open.containsKey(group.nonce)
            && !group.timedOut
            && !Duration.between(group.firstSignedAt, now)
                .minus(settings.outcomeTimeout())
                .isNegative()) {
          markUnknown(group);
        }
      }
    }
  }

  private void pollSafely() {
    try {
      pollOnce();
    } catch (RuntimeException e) {
      // the chain is unreachable: everything is journaled, the next round carries on
      LOG.warn("Transaction polling paused for {}: {}", sender, e.getMessage());
    }
  }

  private void settleUsedNonce(NonceGroup group, long head) {
    for (JournalEntry sibling : group.siblings) {
      Optional<Receipt> receipt = chain.receipt(sibling.hash());
      if (receipt.isPresent()) {
        group.foreignUseSeenAt = null;
        if (head - receipt.get().blockNumber() + 1 >= settings.confirmations()) {
          finishMined(group, sibling, receipt.get());
        }
        return;
      }
    }
    // the nonce is used and none of ours has a receipt: wait for the use to be confirmed
    if (group.foreignUseSeenAt == null) {
      group.foreignUseSeenAt = head;
    } else if (head - group.foreignUseSeenAt + 1 >= settings.confirmations()) {
      for (JournalEntry sibling : group.siblings) {
        journal.update(sibling.hash(), TxStatus.DROPPED, Optional.empty());
      }
      open.remove(group.nonce);
      LOG.warn("Nonce {} of {} was used by a transaction that is not ours", group.nonce, sender);
      group.future.complete(TxOutcome.of(TxOutcome.Kind.DROPPED, group.nonce, group.original));
    }
  }

  private void finishMined(NonceGroup group, JournalEntry mined, Receipt receipt) {
    journal.update(mined.hash(), TxStatus.MINED, Optional.of(receipt));
    for (JournalEntry sibling : group.siblings) {
      if (!sibling.hash().equals(mined.hash())) {
        journal.update(sibling.hash(), TxStatus.SUPERSEDED, Optional.empty());
      }
    }
    open.remove(group.nonce);
    group.future.complete(TxOutcome.mined(group.nonce, group.original, receipt));
  }

  private void markUnknown(NonceGroup group) {
    group.timedOut = true;
    for (JournalEntry sibling : group.siblings) {
      journal.update(sibling.hash(), TxStatus.UNKNOWN, Optional.empty());
    }
    LOG.warn(
        "No outcome for nonce {} of {} ({}) after {}; still watching",
        group.nonce,
        sender,
        group.purpose,
        settings.outcomeTimeout());
    group.future.complete(TxOutcome.of(TxOutcome.Kind.UNKNOWN, group.nonce, group.original));
  }

  private void nudge(NonceGroup group, Instant now) {
    JournalEntry newest = group.newest();
    boolean stuck =
        !Duration.between(newest.signedAt(), now).minus(settings.replaceAfter()).isNegative();
    if (stuck && !group.atFeeCap && replace(group, newest, now)) {
      return;
    }
    if (!Duration.between(group.lastBroadcast, now)
        .minus(settings.rebroadcastInterval())
        .isNegative()) {
      rebroadcast(group);
    }
  }

  private boolean replace(NonceGroup group, JournalEntry newest, Instant now) {
    Optional<Eip1559Fees> bumped = signer.fees().bump(newest.fees(), chain.latestBaseFee());
    if (bumped.isEmpty()) {
      group.atFeeCap = true;
      LOG.warn(
          "Nonce {} of {} is stuck but a 10% fee bump over {} would pass the fee cap",
          group.nonce, sender, newest.fees());
      return false;
    }
    SignedTransaction tx =
        signer.sign(
            newest.to(),
            newest.data(),
            newest.value(),
            group.nonce,
            newest.gasLimit(),
            bumped.get());
    JournalEntry replacement =
        JournalEntry.signed(
            tx,
            newest.to(),
            newest.value(),
            newest.data(),
            newest.gasLimit(),
            bumped.get(),
            group.purpose,
            Optional.of(group.original),
            now);
    journal.record(replacement); // a sibling, journaled before it can be mined
    group.siblings.add(replacement);
    group.lastBroadcast = now;
    try {
      chain.broadcast(tx);
      LOG.info(
          "Replaced stuck nonce {} of {} with {} at {}",
          group.nonce,
          sender,
          tx.hash(),
          bumped.get());
    } catch (ChainException e) {
      if (!isTransportFailure(e)) {
        journal.update(tx.hash(), TxStatus.REJECTED, Optional.empty());
        group.siblings.remove(replacement);
      }
      LOG.warn("Replacement {} for nonce {} not sent: {}", tx.hash(), group.nonce, e.getMessage());
    }
    return true;
  }

  private void rebroadcast(NonceGroup group) {
    group.lastBroadcast = clock.instant();
    JournalEntry newest = group.newest();
    try {
      chain.broadcast(newest.signedTransaction());
    } catch (ChainException e) {
      LOG.debug("Rebroadcast of {} not accepted: {}", newest.hash(), e.getMessage());
    }
  }

  private static boolean isTransportFailure(ChainException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** Stops polling; the journal stays open (its owner closes it). */
  @Override
  public void close() {
    poller.shutdownNow();
    try {
      poller.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The siblings of one nonce and what the poller knows of them; touched by the poller only. */
  private static final class NonceGroup {
    final BigInteger nonce;
    final Bytes32 original;
    final String purpose;
    final Instant firstSignedAt;
    final List<JournalEntry> siblings = new CopyOnWriteArrayList<>();
    final CompletableFuture<TxOutcome> future = new CompletableFuture<>();
    volatile Instant lastBroadcast;
    Long foreignUseSeenAt;
    boolean atFeeCap;
    volatile boolean timedOut;

    NonceGroup(JournalEntry first) {
      this.nonce = first.nonce();
      this.original = first.original();
      this.purpose = first.purpose();
      this.firstSignedAt = first.signedAt();
      this.lastBroadcast = first.signedAt();
      siblings.add(first);
    }

    JournalEntry newest() {
      return siblings.get(siblings.size() - 1);
    }

    PendingTransaction handle() {
      return new PendingTransaction(nonce, original, purpose, future);
    }
  }
}
