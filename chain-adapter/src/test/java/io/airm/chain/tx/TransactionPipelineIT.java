package io.airm.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.Deployment;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.testing.TestAnvil;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

/** The pipeline against a real anvil: a fresh chain per test. */
class TransactionPipelineIT {
  static final Credentials KEY = Credentials.create(TestAnvil.DEV_KEY);
  static final Address PAYEE = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  static final Address OTHER = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

  @TempDir Path dir;
  TestAnvil anvil;
  ChainClient chain;
  TransactionSigner signer;
  FileTransactionJournal journal;
  final List<TransactionPipeline> pipelines = new ArrayList<>();

  @BeforeEach
  void startAnvil() throws Exception {
    anvil = TestAnvil.start();
    chain = ChainClient.connect(anvil.rpcUrl());
    signer = new TransactionSigner(chain, KEY, FeePolicy.defaults());
    journal = FileTransactionJournal.open(dir.resolve("journal.log"));
  }

  @AfterEach
  void stopAnvil() {
    pipelines.forEach(TransactionPipeline::close);
    journal.close();
    chain.close();
    anvil.close();
  }

  TransactionPipeline pipeline(
      TransactionJournal journal, Duration replaceAfter, Duration rebroadcast, Duration timeout) {
    var settings =
        new TransactionPipeline.Settings(
            Duration.ofMillis(100), rebroadcast, replaceAfter, timeout, 1);
    TransactionPipeline pipeline =
        TransactionPipeline.create(chain, signer, journal, settings, Clock.systemUTC());
    pipeline.start();
    pipelines.add(pipeline);
    return pipeline;
  }

  TransactionPipeline pipeline() {
    return pipeline(journal, Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(20));
  }

  PendingTransaction pay(TransactionPipeline pipeline, long wei) {
    return pipeline.submit(PAYEE, "0x", BigInteger.valueOf(wei), "pay " + wei);
  }

  static TxOutcome outcome(PendingTransaction tx) throws Exception {
    return tx.outcome().get(10, TimeUnit.SECONDS);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void sixteenConcurrentSenders_throughOneKey_allMineWithContiguousNonces() throws Exception {
    TransactionPipeline pipeline = pipeline();
    ExecutorService threads = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<PendingTransaction>>> work = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      int thread = t;
      work.add(
          threads.submit(
              () -> {
                go.await();
                List<PendingTransaction> sent = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                  sent.add(pay(pipeline, thread * 100L + i + 1));
                }
                return sent;
              }));
    }
    go.countDown();
    List<PendingTransaction> all = new ArrayList<>();
    for (var f : work) {
      all.addAll(f.get(30, TimeUnit.SECONDS));
    }
    threads.shutdown();

    for (PendingTransaction tx : all) {
      TxOutcome outcome = outcome(tx);
      assertThat(outcome.kind()).isEqualTo(TxOutcome.Kind.MINED);
      assertThat(outcome.receipt().orElseThrow().succeeded()).isTrue();
    }
    assertThat(all.stream().map(p -> p.nonce().longValueExact()).sorted().toList())
        .isEqualTo(LongStream.range(0, 160).boxed().toList());
    assertThat(chain.latestNonce(pipeline.sender())).isEqualTo(BigInteger.valueOf(160));
  }

  @Test
  void anchorCall_isConfirmedWithinASecond_onAutomine() throws Exception {
    Address me = Address.parse(KEY.getAddress());
    Deployment deployment = WorkRegistryContract.deploy(chain, KEY, me, me, FeePolicy.defaults());
    WorkRegistryContract registry = new WorkRegistryContract(chain, deployment.address());
    TransactionPipeline pipeline = pipeline();
    Bytes32 root = Bytes32.parse("0x" + "5a".repeat(32));

    long start = System.nanoTime();
    PendingTransaction sent =
        pipeline.submit(
            deployment.address(), registry.encodeAnchor(1, root), BigInteger.ZERO, "anchor 1");
    TxOutcome outcome = sent.outcome().get(1, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(outcome.kind()).isEqualTo(TxOutcome.Kind.MINED);
    assertThat(millis).isLessThan(1000);
    assertThat(registry.rootAt(1)).contains(root);
  }

  boolean inPool(Bytes32 hash) {
    try {
      return anvil.rpc("eth_getTransactionByHash", hash.hex()) != null;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void stuckTransaction_isReplacedWithATenPercentBump_andExactlyOneSiblingMines() throws Exception {
    anvil.rpc("evm_setAutomine", false);
    TransactionPipeline pipeline =
        pipeline(journal, Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofSeconds(20));
    PendingTransaction sent = pay(pipeline, 1);
    // journaled first, then broadcast: mining before the broadcast would mine the original
    await(
        "a replacement is in anvil's pool",
        () ->
            journal.pending(pipeline.sender()).stream()
                .anyMatch(e -> e.replaces().isPresent() && inPool(e.hash())));
    anvil.rpc("evm_setAutomine", true);
    anvil.rpc("evm_mine");

    TxOutcome outcome = outcome(sent);
    assertThat(outcome.kind()).isEqualTo(TxOutcome.Kind.MINED);
    JournalEntry original = journal.find(sent.original()).orElseThrow();
    Bytes32 minedHash = outcome.receipt().orElseThrow().transactionHash();
    JournalEntry mined = journal.find(minedHash).orElseThrow();
    // anvil swapped the replacement into its pool: the bumped sibling is the one mined
    assertThat(minedHash).isNotEqualTo(original.hash());
    assertThat(mined.nonce()).isEqualTo(original.nonce());
    assertThat(mined.replaces()).contains(original.hash());
    Transaction1559 a =
        (Transaction1559) TransactionDecoder.decode(original.rawHex()).getTransaction();
    Transaction1559 b =
        (Transaction1559) TransactionDecoder.decode(mined.rawHex()).getTransaction();
    assertThat(b.getMaxFeePerGas().multiply(BigInteger.TEN))
        .isGreaterThanOrEqualTo(a.getMaxFeePerGas().multiply(BigInteger.valueOf(11)));
    assertThat(b.getMaxPriorityFeePerGas().multiply(BigInteger.TEN))
        .isGreaterThanOrEqualTo(a.getMaxPriorityFeePerGas().multiply(BigInteger.valueOf(11)));
    assertThat(b.getMaxFeePerGas()).isLessThanOrEqualTo(FeePolicy.defaults().maxFeeCapWei());
    assertThat(original.replaces()).isEmpty();
    // exactly one sibling has a receipt, and the nonce moved by exactly one
    long withReceipt =
        List.of(original.hash(), minedHash).stream()
            .distinct()
            .filter(h -> chain.receipt(h).isPresent())
            .count();
    assertThat(withReceipt).isEqualTo(1);
    assertThat(chain.latestNonce(pipeline.sender())).isEqualTo(BigInteger.ONE);
    assertThat(journal.find(original.hash()).orElseThrow().status())
        .isIn(TxStatus.MINED, TxStatus.SUPERSEDED);
  }

  @Test
  void droppedFromThePool_theSameBytesGoOutAgain_andMineOnce() throws Exception {
    anvil.rpc("evm_setAutomine", false);
    TransactionPipeline pipeline =
        pipeline(journal, Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(20));
    PendingTransaction sent = pay(pipeline, 1);
    anvil.rpc("anvil_dropTransaction", sent.original().hex());
    assertThat(chain.pendingNonce(pipeline.sender())).isEqualTo(BigInteger.ZERO);
    await(
        "the bytes are back in the pool",
        () -> chain.pendingNonce(pipeline.sender()).equals(BigInteger.ONE));
    anvil.rpc("evm_mine");

    TxOutcome outcome = outcome(sent);
    assertThat(outcome.kind()).isEqualTo(TxOutcome.Kind.MINED);
    assertThat(outcome.receipt().orElseThrow().transactionHash()).isEqualTo(sent.original());
    assertThat(chain.latestNonce(pipeline.sender())).isEqualTo(BigInteger.ONE);
  }

  @Test
  void droppedAndNonceTakenByAnotherTransaction_isDropped_neverResent() throws Exception {
    anvil.rpc("evm_setAutomine", false);
    TransactionPipeline pipeline =
        pipeline(journal, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(20));
    PendingTransaction sent = pay(pipeline, 1);
    anvil.rpc("anvil_dropTransaction", sent.original().hex());
    // another wallet holding the same key spends the nonce elsewhere
    Eip1559Fees fees = FeePolicy.defaults().initialFees(chain.latestBaseFee());
    SignedTransaction foreign =
        signer.sign(OTHER, "0x", BigInteger.TWO, sent.nonce(), BigInteger.valueOf(21_000), fees);
    chain.broadcast(foreign);
    anvil.rpc("evm_mine");

    TxOutcome outcome = outcome(sent);
    assertThat(outcome.kind()).isEqualTo(TxOutcome.Kind.DROPPED);
    assertThat(chain.receipt(foreign.hash())).isPresent();
    assertThat(chain.receipt(sent.original())).isEmpty();
    assertThat(chain.pendingNonce(pipeline.sender())).isEqualTo(BigInteger.ONE); // nothing resent
    assertThat(journal.find(sent.original()).orElseThrow().status()).isEqualTo(TxStatus.DROPPED);
  }

  @Test
  void noEvidenceBeforeTheTimeout_isUnknown_andTheLaterMiningIsJournaledOnce() throws Exception {
    anvil.rpc("evm_setAutomine", false);
    TransactionPipeline pipeline =
        pipeline(journal, Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofMillis(400));
    PendingTransaction sent = pay(pipeline, 1);
    assertThat(outcome(sent).kind()).isEqualTo(TxOutcome.Kind.UNKNOWN);
    assertThat(journal.nextNonce(pipeline.sender())).isEqualTo(BigInteger.ONE); // nonce still held

    anvil.rpc("evm_mine");
    await("the journal sees the late mining", () -> journal.pending(pipeline.sender()).isEmpty());
    assertThat(journal.find(sent.original()).orElseThrow().status()).isEqualTo(TxStatus.MINED);
    assertThat(chain.latestNonce(pipeline.sender())).isEqualTo(BigInteger.ONE);
  }

  @Test
  void restartFromTheFileJournal_rebroadcastsTheSameBytes() throws Exception {
    anvil.rpc("evm_setAutomine", false);
    TransactionPipeline before =
        pipeline(journal, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(20));
    List<PendingTransaction> sent = List.of(pay(before, 1), pay(before, 2), pay(before, 3));
    before.close();
    journal.close();
    for (PendingTransaction tx : sent) {
      anvil.rpc("anvil_dropTransaction", tx.original().hex()); // the node lost them too
    }
    assertThat(chain.pendingNonce(before.sender())).isEqualTo(BigInteger.ZERO);

    journal = FileTransactionJournal.open(dir.resolve("journal.log"));
    TransactionPipeline after =
        pipeline(journal, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(20));
    assertThat(chain.pendingNonce(after.sender())).isEqualTo(BigInteger.valueOf(3));
    anvil.rpc("evm_mine");

    await("all three are mined", () -> journal.pending(after.sender()).isEmpty());
    for (PendingTransaction tx : sent) {
      Optional<Receipt> receipt = chain.receipt(tx.original());
      assertThat(receipt).isPresent();
      assertThat(journal.find(tx.original()).orElseThrow().status()).isEqualTo(TxStatus.MINED);
    }
    assertThat(chain.latestNonce(after.sender())).isEqualTo(BigInteger.valueOf(3));
    assertThat(pay(after, 4).nonce()).isEqualTo(BigInteger.valueOf(3));
  }
}
