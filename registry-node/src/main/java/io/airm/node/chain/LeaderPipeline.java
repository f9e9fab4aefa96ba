package io.airm.node.chain;

import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.FileTransactionJournal;
import io.airm.chain.tx.TransactionPipeline;
import io.airm.chain.tx.TransactionSigner;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.Leadership;
import io.airm.node.domain.RegistryException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.web3j.crypto.Credentials;

/**
 * A key's transaction pipeline that exists only while this node holds the leader lease. Nodes that
 * share a database share the operator's key, so a pipeline opened before this node led would hold a
 * stale nonce: it is opened (the chain's nonce read, this node's journal resumed) when the node
 * first needs it as leader, and closed as soon as the node is seen to have lost the lease.
 */
public final class LeaderPipeline implements Supplier<TransactionPipeline>, AutoCloseable {
  private final ChainClient chain;
  private final Credentials key;
  private final Path journal;
  private final Leadership leadership;
  private FileTransactionJournal file;
  private TransactionPipeline pipeline;

  public LeaderPipeline(ChainClient chain, Credentials key, Path journal, Leadership leadership) {
    this.chain = chain;
    this.key = key;
    this.journal = journal;
    this.leadership = leadership;
  }

  /** The pipeline; refused (503) when this node does not lead. */
  @Override
  public synchronized TransactionPipeline get() {
    if (!leadership.isLeader()) {
      close();
      throw new RegistryException(
          ErrorKind.UNAVAILABLE,
          "This node does not hold the leader lease now; the leader sends transactions");
    }
    if (pipeline == null) {
      file = FileTransactionJournal.open(journal);
      pipeline =
          TransactionPipeline.create(
              chain,
              new TransactionSigner(chain, key, FeePolicy.defaults()),
              file,
              TransactionPipeline.Settings.defaults(),
              Clock.systemUTC());
      pipeline.resume();
      pipeline.start();
    }
    return pipeline;
  }

  /** Closes the pipeline if the lease is gone (called every round of the settlement loop). */
  public synchronized void check() {
    if (pipeline != null && !leadership.isLeader()) {
      close();
    }
  }

  @Override
  public synchronized void close() {
    if (pipeline != null) {
      pipeline.close();
      pipeline = null;
    }
    if (file != null) {
      file.close();
      file = null;
    }
  }
}
