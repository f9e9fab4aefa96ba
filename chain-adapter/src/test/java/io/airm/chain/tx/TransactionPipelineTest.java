package io.airm.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

class TransactionPipelineTest {
  static final Credentials KEY =
      Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  static final Address TO = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  static final Duration REPLACE_AFTER = Duration.ofSeconds(30);
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  final FakeChain chain = new FakeChain();
  final MutableClock clock = new MutableClock();
  final InMemoryTransactionJournal journal = new InMemoryTransactionJournal();
  final List<TransactionPipeline> pipelines = new ArrayList<>();

  @AfterEach
  void closePipelines() {
    pipelines.forEach(TransactionPipeline::close);
  }

  TransactionPipeline pipeline(TransactionJournal journal, FeePolicy fees, int confirmations) {
    var settings =
        new TransactionPipeline.Settings(
            Duration.ofMillis(100), Duration.ofSeconds(3), REPLACE_AFTER, TIMEOUT, confirmations);
    var signer = new TransactionSigner(chain, KEY, fees);
    TransactionPipeline pipeline =
        TransactionPipeline.create(chain, signer, journal, settings, clock);
    pipeline.resume(); // polled by hand: no background thread, no wall clock
    pipelines.add(pipeline);
    return pipeline;
  }

  TransactionPipeline pipeline() {
    return pipeline(journal, FeePolicy.defaults(), 1);
  }

  static PendingTransaction send(TransactionPipeline pipeline, int i) {
    return pipeline.submit(TO, "0x", BigInteger.valueOf(i), "payment " + i);
  }

  static List<SignedTransaction> distinct(List<SignedTransaction> sent) {
    return sent.stream().distinct().toList();
  }

  static Transaction1559 decoded(SignedTransaction tx) {
    return (Transaction1559) TransactionDecoder.decode(tx.rawHex()).getTransaction();
  }

  @Test
  void nonces_areContiguous_under16ConcurrentSubmitters() throws Exception {
    TransactionPipeline pipeline = pipeline();
    ExecutorService threads = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<PendingTransaction>>> work = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      work.add(
          threads.submit(
              () -> {
                go.await();
                List<PendingTransaction> mine = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                  mine.add(send(pipeline, i));
                }
                return mine;
              }));
    }
    go.countDown();
    List<PendingTransaction> all = new ArrayList<>();
    for (var f : work) {
      all.addAll(f.get(30, TimeUnit.SECONDS));
    }
    threads.shutdown();

    List<Long> nonces = all.stream().map(p -> p.nonce().longValueExact()).sorted().toList();
    assertThat(nonces).isEqualTo(LongStream.range(0, 400).boxed().toList());
    assertThat(chain.broadcasts()).hasSize(400);
    assertThat(chain.latestNonce(pipeline.sender())).isEqualTo(BigInteger.valueOf(400));
    pipeline.pollOnce();
    assertThat(all)
        .allSatisfy(
            p -> assertThat(p.outcome().getNow(null).kind()).isEqualTo(TxOutcome.Kind.MINED));
    assertThat(pipeline.openNonces()).isZero();
  }

  @Test
  void everyBroadcast_followsItsJournalRecord_replacementsIncluded() {
    List<Bytes32> broadcastBeforeJournaled = new ArrayList<>();
    chain.onBroadcast(
        tx -> {
          if (journal.find(tx.hash()).isEmpty()) {
            broadcastBeforeJournaled.add(tx.hash());
          }
        });
    chain.automine(false);
    TransactionPipeline pipeline = pipeline();
    send(pipeline, 1);
    send(pipeline, 2);
    clock.advance(REPLACE_AFTER);
    pipeline.pollOnce();

    assertThat(chain.broadcasts()).hasSize(4); // two originals, two replacements
    assertThat(broadcastBeforeJournaled).isEmpty();
  }

  @Test
  void restart_rebroadcastsTheSameBytes_andSignsNothingNew(@TempDir Path dir) {
    chain.automine(false);
    Path file = dir.resolve("journal.log");
    List<String> sentBefore;
    try (FileTransactionJournal first = FileTransactionJournal.open(file)) {
      TransactionPipeline pipeline = pipeline(first, FeePolicy.defaults(), 1);
      for (int i = 0; i < 3; i++) {
        send(pipeline, i);
      }
      sentBefore = chain.broadcasts().stream().map(SignedTransaction::rawHex).toList();
      pipeline.close();
    }
    chain.clearPool(); // the node restarted too and lost its pool

    try (FileTransactionJournal reopened = FileTransactionJournal.open(file)) {
      TransactionPipeline pipeline = pipeline(reopened, FeePolicy.defaults(), 1);
      List<String> sentAfter =
          chain.broadcasts().stream().skip(3).map(SignedTransaction::rawHex).toList();
      assertThat(sentAfter).containsExactlyElementsOf(sentBefore);

      chain.mine();
      pipeline.pollOnce();
      assertThat(pipeline.openNonces()).isZero();
      assertThat(reopened.nextNonce(pipeline.sender())).isEqualTo(BigInteger.valueOf(3));
      assertThat(send(pipeline, 9).nonce()).isEqualTo(BigInteger.valueOf(3));
    }
  }

  @Test
  void stuckTransaction_isReplacedWithBothFeesAtLeastTenPercentHigher_sameNonce() {
    chain.automine(false);
    TransactionPipeline pipeline = pipeline();
    PendingTransaction sent = send(pipeline, 1);
    clock.advance(REPLACE_AFTER.minusSeconds(1));
    pipeline.pollOnce();
    assertThat(distinct(chain.broadcasts())).hasSize(1); // rebroadcast only: not stuck long enough

    clock.advance(Duration.ofSeconds(1));
    pipeline.pollOnce();

    List<SignedTransaction> sentTxs = distinct(chain.broadcasts());
    assertThat(sentTxs).hasSize(2);
    Transaction1559 original = decoded(sentTxs.get(0));
    Transaction1559 replacement = decoded(sentTxs.get(1));
    assertThat(sentTxs.get(1).nonce()).isEqualTo(sent.nonce());
    assertThat(replacement.getMaxFeePerGas().multiply(BigInteger.TEN))
        .isGreaterThanOrEqualTo(original.getMaxFeePerGas().multiply(BigInteger.valueOf(11)));
    assertThat(replacement.getMaxPriorityFeePerGas().multiply(BigInteger.TEN))
        .isGreaterThanOrEqualTo(
            original.getMaxPriorityFeePerGas().multiply(BigInteger.valueOf(11)));
    assertThat(replacement.getMaxPriorityFeePerGas())
        .isLessThanOrEqualTo(replacement.getMaxFeePerGas());
    assertThat(journal.find(sentTxs.get(1).hash()).orElseThrow().replaces())
        .contains(sent.original());

    chain.mine();
    pipeline.pollOnce();
    TxOutcome outcome = sent.outcome().getNow(null);
    assertThat(outcome.kind()).isEqualTo(TxOutcome.Kind.MINED);
    assertThat(outcome.receipt().orElseThrow().transactionHash()).isEqualTo(sentTxs.get(1).hash());
    assertThat(journal.find(sent.original()).orElseThrow().status()).isEqualTo(TxStatus.SUPERSEDED);
  }

  @Test
  void originalMinedAfterAReplacementWasSigned_isStillSeenAsMined() {
    chain.automine(false);
    TransactionPipeline pipeline = pipeline();
    PendingTransaction sent = send(pipeline, 1);
    SignedTransaction original = chain.broadcasts().get(0);
    chain.clearPool(); // the replacement lands in a fresh pool; the original is mined elsewhere
    clock.advance(REPLACE_AFTER);
    pipeline.pollOnce();
    chain.clearPool();
    chain.broadcast(original);
    chain.mine();

    pipeline.pollOnce();

    assertThat(sent.outcome().getNow(null).receipt().orElseThrow().transactionHash())
        .isEqualTo(original.hash());
    assertThat(journal.find(chain.broadcasts().get(1).hash()).orElseThrow().status())
        .isEqualTo(TxStatus.SUPERSEDED);
  }

  @Test
  void replacement_neverPassesTheFeeCap() {
    chain.automine(false);
    BigInteger gwei = BigInteger.valueOf(1_000_000_000L);
    // initial max fee: 2 x 1 gwei base + 1 gwei tip = 3 gwei; a 10% bump would need 3.3 gwei
    FeePolicy tight = new FeePolicy(gwei, gwei.multiply(BigInteger.valueOf(3)), 2);
    TransactionPipeline pipeline = pipeline(journal, tight, 1);
    send(pipeline, 1);
    clock.advance(REPLACE_AFTER);
    pipeline.pollOnce();

    assertThat(chain.broadcasts())
        .hasSize(2)
        .extracting(SignedTransaction::hash)
        .containsOnly(chain.broadcasts().get(0).hash()); // rebroadcast, no replacement
  }

  @Test
  void nonceUsedByAForeignTransaction_isDropped_afterConfirmations() {
    chain.automine(false);
    TransactionPipeline pipeline = pipeline(journal, FeePolicy.defaults(), 3);
    PendingTransaction sent = send(pipeline, 1);
    chain.useNonceElsewhere(pipeline.sender());

    pipeline.pollOnce();
    chain.emptyBlocks(1);
    pipeline.pollOnce();
    assertThat(sent.outcome()).isNotDone(); // seen twice, but only 2 blocks of 3

    chain.emptyBlocks(1);
    pipeline.pollOnce();
    assertThat(sent.outcome().getNow(null).kind()).isEqualTo(TxOutcome.Kind.DROPPED);
    assertThat(journal.find(sent.original()).orElseThrow().status()).isEqualTo(TxStatus.DROPPED);
    assertThat(chain.broadcasts()).hasSize(1); // never re-sent under another nonce
  }

  @Test
  void minedTransaction_waitsForItsConfirmations() {
    TransactionPipeline pipeline = pipeline(journal, FeePolicy.defaults(), 2);
    PendingTransaction sent = send(pipeline, 1); // automine: in block 1
    pipeline.pollOnce();
    assertThat(sent.outcome()).isNotDone();
    chain.emptyBlocks(1);
    pipeline.pollOnce();
    assertThat(sent.outcome().getNow(null).kind()).isEqualTo(TxOutcome.Kind.MINED);
  }

  @Test
  void timeout_isUnknown_notFailed_andALaterMiningIsStillJournaled() {
    chain.automine(false);
    TransactionPipeline pipeline = pipeline(journal, FeePolicy.defaults(), 1);
    PendingTransaction sent = send(pipeline, 1);
    Set<BigInteger> noncesSent;

    clock.advance(TIMEOUT);
    pipeline.pollOnce();
    assertThat(sent.outcome().getNow(null).kind()).isEqualTo(TxOutcome.Kind.UNKNOWN);
    assertThat(journal.pending(pipeline.sender())).isNotEmpty(); // still watched
    assertThat(journal.nextNonce(pipeline.sender())).isEqualTo(BigInteger.ONE); // nonce kept

    chain.mine();
    pipeline.pollOnce();
    noncesSent =
        chain.broadcasts().stream().map(SignedTransaction::nonce).collect(Collectors.toSet());
    assertThat(noncesSent).containsExactly(BigInteger.ZERO); // never paid twice
    assertThat(journal.pending(pipeline.sender())).isEmpty();
    assertThat(journal.all().stream().filter(e -> e.status() == TxStatus.MINED).count())
        .isEqualTo(1);
  }

  @Test
  void droppedFromThePool_isRebroadcastAsTheSameBytes() {
    chain.automine(false);
    TransactionPipeline pipeline = pipeline();
    PendingTransaction sent = send(pipeline, 1);
    chain.drop(sent.original());
    clock.advance(Duration.ofSeconds(3));
    pipeline.pollOnce();

    assertThat(chain.pooled(pipeline.sender(), BigInteger.ZERO).orElseThrow().tx().hash())
        .isEqualTo(sent.original());
    chain.mine();
    pipeline.pollOnce();
    assertThat(sent.outcome().getNow(null).kind()).isEqualTo(TxOutcome.Kind.MINED);
  }

  @Test
  void refusedBroadcast_releasesItsNonce() {
    TransactionPipeline pipeline = pipeline();
    chain.refuseNext("insufficient funds for gas * price + value");
    assertThatThrownBy(() -> send(pipeline, 1))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("insufficient funds");
    assertThat(send(pipeline, 2).nonce()).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void unreachableNode_keepsTheNonce_andTheBytesGoOutLater() {
    chain.unreachable(true);
    TransactionPipeline pipeline = pipeline();
    PendingTransaction sent = send(pipeline, 1);
    chain.unreachable(false);
    clock.advance(Duration.ofSeconds(3));
    pipeline.pollOnce();
    pipeline.pollOnce();
    assertThat(chain.broadcasts())
        .extracting(SignedTransaction::hash)
        .containsExactly(sent.original());
    assertThat(sent.outcome().getNow(null).kind()).isEqualTo(TxOutcome.Kind.MINED);
  }

  @Test
  void startingNonce_followsTheChain_whenTheJournalIsBehind() {
    chain.useNonceElsewhere(TransactionSignerAddress.of(KEY));
    chain.useNonceElsewhere(TransactionSignerAddress.of(KEY));
    TransactionPipeline pipeline = pipeline();
    assertThat(send(pipeline, 1).nonce()).isEqualTo(BigInteger.TWO);
  }

  @Test
  void poller_confirmsInTheBackground_withinASecond() throws Exception {
    var settings = TransactionPipeline.Settings.defaults();
    try (var pipeline =
        TransactionPipeline.create(
            chain,
            new TransactionSigner(chain, KEY, FeePolicy.defaults()),
            journal,
            settings,
            java.time.Clock.systemUTC())) {
      pipeline.start();
      ConcurrentLinkedQueue<PendingTransaction> sent = new ConcurrentLinkedQueue<>();
      sent.add(send(pipeline, 1));
      assertThat(sent.peek().outcome().get(1, TimeUnit.SECONDS).kind())
          .isEqualTo(TxOutcome.Kind.MINED);
    }
  }

  /** The address of a key, without a pipeline. */
  static final class TransactionSignerAddress {
    static Address of(Credentials key) {
      return Address.parse(key.getAddress());
    }
  }
}
