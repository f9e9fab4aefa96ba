package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.BroadcastOutcome;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.SignedTransaction;
import io.airm.chain.tx.TransactionSigner;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.RegistryNode;
import io.airm.node.anchor.AnchoringWorker;
import io.airm.node.chain.Web3jAnchorChain;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.config.NodeConfig;
import io.airm.node.domain.Anchor;
import io.airm.node.domain.AnchorStatus;
import io.airm.node.domain.Leadership;
import io.airm.node.storage.Database;
import io.airm.node.storage.JdbcAnchorStore;
import io.airm.node.storage.JdbcLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** Nothing the node acknowledged is lost, and no anchor is doubled, across restarts and crashes. */
class AnchoringRecoveryIT {
  @TempDir Path dir;

  private List<Bytes32> registerThree(RegistryNode node) throws Exception {
    RegistryClient client = new RegistryClient(node.url());
    WorkSigner creator = new WorkSigner(DevAccounts.key(5));
    List<Bytes32> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path file = dir.resolve("work-" + i + ".txt");
      Files.writeString(file, "work number " + i + " of a restart test\n");
      WorkSigner.Signed signed = creator.signFile(file, client.domain());
      RegistryClient.Answer answer =
          client.register(
              signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));
      assertThat(answer.status()).isEqualTo(202);
      ids.add(signed.workId());
    }
    return ids;
  }

  @Test
  void nodeRestartedBetweenRegistrationAndAnchoring_stillAnchorsEverythingItAcknowledged()
      throws Exception {
    Path data = dir.resolve("node");
    List<Bytes32> ids;
    try (RegistryNode node = NodeFixture.start(data, "PT1H")) {
      ids = registerThree(node);
      RegistryClient client = new RegistryClient(node.url());
      for (Bytes32 id : ids) {
        assertThat(client.work(id).get("state").asText()).isEqualTo("pending");
      }
    }
    try (RegistryNode node = NodeFixture.start(data, "PT0.5S");
        ChainClient chain = ChainClient.connect(node.rpcUrl())) {
      RegistryClient client = new RegistryClient(node.url());
      for (Bytes32 id : ids) {
        NodeFixture.awaitState(client, id, "final", Duration.ofSeconds(60));
      }
      WorkRegistryContract registry =
          new WorkRegistryContract(chain, node.domain().verifyingContract());
      assertThat(registry.latestCheckpoint().treeSize()).isEqualTo(3);
      assertThat(registry.checkpointCount()).isEqualTo(1);
    }
  }

  @Test
  void crashBetweenStoringAndBroadcastingAnAnchor_isRecoveredWithTheSameTransaction()
      throws Exception {
    Path data = dir.resolve("node");
    NodeConfig config = NodeFixture.config(data, "PT1H");
    List<Bytes32> ids;
    try (RegistryNode node = RegistryNode.start(config)) {
      ids = registerThree(node);
    }

    // the anchoring step of a node that dies right after storing its signed transaction
    SignedTransaction stored;
    try (LocalChain localChain = LocalChain.start(LocalChain.Options.defaults(config.chainDir()));
        ChainClient chain = ChainClient.connect(localChain.rpcUrl());
        Database database = Database.open(Database.h2Url(config.databaseDir()), "sa", "")) {
      WorkRegistryContract registry =
          new WorkRegistryContract(chain, localChain.deployment().workRegistryAddress());
      Web3jAnchorChain real =
          new Web3jAnchorChain(
              chain,
              registry,
              new TransactionSigner(
                  chain,
                  Credentials.create(
                      DevAccounts.keyOf(localChain.deployment().anchorer()).orElseThrow()),
                  FeePolicy.defaults()));
      JdbcAnchorStore anchors = new JdbcAnchorStore(database, Clock.systemUTC());
      AnchoringWorker dying =
          new AnchoringWorker(
              new JdbcLog(database),
              anchors,
              new CrashingBeforeBroadcast(real),
              new AnchoringWorker.Settings(Duration.ZERO, Duration.ofMillis(100), 2),
              Leadership.sole(),
              Clock.systemUTC());
      assertThatThrownBy(dying::anchorNow).isInstanceOf(ChainException.class);
      List<Anchor> unfinished = anchors.unfinished();
      assertThat(unfinished).hasSize(1);
      assertThat(unfinished.get(0).status()).isEqualTo(AnchorStatus.SIGNED);
      assertThat(chain.receipt(unfinished.get(0).txHash())).isEmpty();
      Anchor a = unfinished.get(0);
      stored = new SignedTransaction(a.txHash(), a.rawTx(), a.sender(), a.nonce());
    }

    try (RegistryNode node = NodeFixture.start(data, "PT1H");
        ChainClient chain = ChainClient.connect(node.rpcUrl())) {
      RegistryClient client = new RegistryClient(node.url());
      for (Bytes32 id : ids) {
        NodeFixture.awaitState(client, id, "final", Duration.ofSeconds(60));
        assertThat(client.work(id).get("checkpoint").get("txHash").asText())
            .isEqualTo(stored.hash().hex());
      }
      assertThat(chain.receipt(stored.hash())).isPresent();
      WorkRegistryContract registry =
          new WorkRegistryContract(chain, node.domain().verifyingContract());
      assertThat(registry.checkpointCount()).isEqualTo(1);
    }
  }

  /** A chain whose first broadcast never happens: the process "dies" first. */
  private static final class CrashingBeforeBroadcast implements io.airm.node.anchor.AnchorChain {
    private final Web3jAnchorChain delegate;

    CrashingBeforeBroadcast(Web3jAnchorChain delegate) {
      this.delegate = delegate;
    }

    @Override
    public io.airm.chain.eth.Address sender() {
      return delegate.sender();
    }

    @Override
    public java.math.BigInteger nextNonce() {
      return delegate.nextNonce();
    }

    @Override
    public SignedTransaction signAnchor(long treeSize, Bytes32 root, java.math.BigInteger nonce) {
      return delegate.signAnchor(treeSize, root, nonce);
    }

    @Override
    public BroadcastOutcome broadcast(SignedTransaction transaction) {
      throw new ChainException("simulated crash before the broadcast of " + transaction.hash());
    }

    @Override
    public Optional<io.airm.chain.tx.Receipt> receipt(Bytes32 txHash) {
      return delegate.receipt(txHash);
    }

    @Override
    public long blockNumber() {
      return delegate.blockNumber();
    }

    @Override
    public Optional<Bytes32> blockHash(long number) {
      return delegate.blockHash(number);
    }
  }
}
