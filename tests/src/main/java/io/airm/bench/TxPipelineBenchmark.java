package io.airm.bench;

import io.airm.chain.eth.Address;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.FileTransactionJournal;
import io.airm.chain.tx.PendingTransaction;
import io.airm.chain.tx.TransactionPipeline;
import io.airm.chain.tx.TransactionSigner;
import io.airm.chain.tx.TxOutcome;
import io.airm.localchain.AnvilBinary;
import io.airm.localchain.DevAccounts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * Confirmed transactions per second from one key on one anvil: through {@link TransactionPipeline}
 * (16 concurrent submitters, a file journal forced per record, 150 ms receipt polls) against
 * web3j's {@code Transfer.sendFundsEIP1559} (a {@code RawTransactionManager} with its default
 * receipt processor: one look at once, then every 15 s), sent one after another as that manager
 * requires.
 *
 * <p>Arguments: {@code [pipelineTxs=500] [web3jTxs=10] [blockTimeSeconds=0]}; block time 0 is
 * automine, where a receipt exists as soon as the send returns.
 */
public final class TxPipelineBenchmark {
  private static final int SUBMITTERS = 16;
  private static final Address PAYEE = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

  private TxPipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pipelineTxs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int web3jTxs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int blockTime = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command =
        new ArrayList<>(List.of(AnvilBinary.locate().toString(), "--port", "" + port, "--silent"));
    if (blockTime > 0) {
      command.addAll(List.of("--block-time", "" + blockTime));
    }
    Process anvil =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String url = "http://127.0.0.1:" + port;
    try (ChainClient chain = ChainClient.connect(url)) {
      waitForChain(chain);
      System.out.printf(
          "anvil %s, %s%n", url, blockTime > 0 ? "block time " + blockTime + " s" : "automine");
      double pipelineRate = pipeline(chain, pipelineTxs);
      double web3jRate = web3j(chain, web3jTxs);
      System.out.printf("ratio pipeline / web3j: %.1fx%n", pipelineRate / web3jRate);
    } finally {
      anvil.destroy();
      anvil.waitFor();
    }
    System.exit(0);
  }

  private static double pipeline(ChainClient chain, int count) throws Exception {
    Credentials key = Credentials.create(DevAccounts.key(0));
    Path journalFile = Files.createTempDirectory("airm-txbench").resolve("journal.log");
    try (FileTransactionJournal journal = FileTransactionJournal.open(journalFile);
        TransactionPipeline pipeline =
            TransactionPipeline.create(
                chain,
                new TransactionSigner(chain, key, FeePolicy.defaults()),
                journal,
                TransactionPipeline.Settings.defaults(),
                Clock.systemUTC())) {
      pipeline.start();
      ExecutorService threads = Executors.newFixedThreadPool(SUBMITTERS);
      long start = System.nanoTime();
      List<Future<List<PendingTransaction>>> work = new ArrayList<>();
      for (int t = 0; t < SUBMITTERS; t++) {
        int share = count / SUBMITTERS + (t < count % SUBMITTERS ? 1 : 0);
        work.add(
            threads.submit(
                () -> {
                  List<PendingTransaction> sent = new ArrayList<>();
                  for (int i = 0; i < share; i++) {
                    sent.add(pipeline.submit(PAYEE, "0x", BigInteger.ONE, "bench"));
                  }
                  return sent;
                }));
      }
      int mined = 0;
      for (var f : work) {
        for (PendingTransaction tx : f.get()) {
          TxOutcome outcome = tx.outcome().get(5, TimeUnit.MINUTES);
          if (outcome.kind() == TxOutcome.Kind.MINED
              && outcome.receipt().orElseThrow().succeeded()) {
            mined++;
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      threads.shutdown();
      double rate = mined / seconds;
      System.out.printf(
          "pipeline: %d of %d transactions confirmed in %.2f s with %d submitters: %.1f tx/s%n",
          mined, count, seconds, SUBMITTERS, rate);
      return rate;
    }
  }

  private static double web3j(ChainClient chain, int count) throws Exception {
    Credentials key = Credentials.create(DevAccounts.key(0));
    FeePolicy fees = FeePolicy.defaults();
    BigInteger maxFee = fees.maxFeePerGas(chain.latestBaseFee());
    long start = System.nanoTime();
    int mined = 0;
    for (int i = 0; i < count; i++) {
      TransactionReceipt receipt =
          Transfer.sendFundsEIP1559(
                  chain.web3j(),
                  key,
                  PAYEE.value(),
                  BigDecimal.ONE,
                  Convert.Unit.WEI,
                  BigInteger.valueOf(21_000),
                  fees.maxPriorityFeePerGas(maxFee),
                  maxFee)
              .send();
      if (receipt.isStatusOK()) {
        mined++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = mined / seconds;
    System.out.printf(
        "web3j RawTransactionManager, default receipt processor: %d of %d confirmed in %.2f s,"
            + " sequential: %.1f tx/s%n",
        mined, count, seconds, rate);
    return rate;
  }

  private static void waitForChain(ChainClient chain) throws InterruptedException {
    for (int i = 0; ; i++) {
      try {
        chain.chainId();
        return;
      } catch (RuntimeException e) {
        if (i > 300) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }
}
