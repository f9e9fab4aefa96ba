package io.airm.chain.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.contracts.WorkRegistry;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.Deployment;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.testing.TestAnvil;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The indexer against a real anvil: a fresh WorkRegistry per test, anchors as real transactions.
 */
class EventIndexerIT {
  private static final Credentials DEV = Credentials.create(TestAnvil.DEV_KEY);
  private static TestAnvil anvil;
  private static ChainClient chain;

  private Deployment deployment;
  private WorkRegistry registry;
  private WorkRegistryContract contract;
  private final InMemoryIndexerSink sink = new InMemoryIndexerSink();
  private final InMemoryIndexerCursorStore store = new InMemoryIndexerCursorStore();

  @BeforeAll
  static void startAnvil() throws Exception {
    anvil = TestAnvil.start();
    chain = ChainClient.connect(anvil.rpcUrl());
  }

  @AfterAll
  static void stopAnvil() {
    if (chain != null) {
      chain.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  @BeforeEach
  void deployRegistry() {
    Address dev = Address.parse(DEV.getAddress());
    deployment = WorkRegistryContract.deploy(chain, DEV, dev, dev, FeePolicy.defaults());
    contract = new WorkRegistryContract(chain, deployment.address());
    var receipts = new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300);
    var manager = new RawTransactionManager(chain.web3j(), DEV, chain.chainId(), receipts);
    var gas =
        new StaticGasProvider(BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(300_000));
    registry = WorkRegistry.load(deployment.address().value(), chain.web3j(), manager, gas);
  }

  private EventIndexer indexer(int confirmations) {
    var config =
        new IndexerConfig(
            List.of(deployment.address()), deployment.block(), confirmations, 1_000, 256);
    return new EventIndexer(config, new Web3jLogSource(chain), sink, store);
  }

  private TransactionReceipt anchor(long treeSize, Bytes32 root) throws Exception {
    TransactionReceipt receipt = registry.anchor(BigInteger.valueOf(treeSize), root.bytes()).send();
    assertThat(receipt.isStatusOK()).isTrue();
    return receipt;
  }

  private static Bytes32 root(String label) {
    return FakeChain.hash(label);
  }

  private List<String> checkpoints() {
    // the deployment block also carries the RoleGranted events of the constructor
    return sink.events().stream()
        .flatMap(e -> CheckpointAnchored.decode(e).stream())
        .map(c -> c.treeSize() + ":" + c.root())
        .toList();
  }

  private long deliveredAnchors() {
    return sink.delivered().stream().filter(CheckpointAnchored::matches).count();
  }

  @Test
  void indexesEveryAnchorOnceInOrder() throws Exception {
    EventIndexer indexer = indexer(0);
    TransactionReceipt first = anchor(1, root("one"));
    anchor(2, root("two"));
    indexer.poll();
    anchor(5, root("five"));

    indexer.poll();
    indexer.poll();

    assertThat(checkpoints())
        .containsExactly("1:" + root("one"), "2:" + root("two"), "5:" + root("five"));
    assertThat(deliveredAnchors()).isEqualTo(3);
    ChainEvent event =
        sink.events().stream().filter(CheckpointAnchored::matches).findFirst().orElseThrow();
    assertThat(event.txHash()).isEqualTo(Bytes32.parse(first.getTransactionHash()));
    assertThat(event.blockHash()).isEqualTo(Bytes32.parse(first.getBlockHash()));
    assertThat(CheckpointAnchored.decode(event).orElseThrow().anchorer())
        .isEqualTo(Address.parse(DEV.getAddress()));
  }

  @Test
  void withTwoConfirmations_appliesAnAnchorOnlyTwoBlocksLater() throws Exception {
    EventIndexer indexer = indexer(2);
    anchor(1, root("one"));

    indexer.poll();
    assertThat(checkpoints()).isEmpty();
    anvil.rpc("anvil_mine", "0x1");
    indexer.poll();
    assertThat(checkpoints()).isEmpty();
    anvil.rpc("anvil_mine", "0x1");
    indexer.poll();

    assertThat(checkpoints()).containsExactly("1:" + root("one"));
  }

  @Test
  void anvilReorg_rollsBackToTheForkPointAndAppliesTheNewBranch() throws Exception {
    EventIndexer indexer = indexer(0);
    TransactionReceipt kept = anchor(1, root("one"));
    anchor(2, root("two"));
    indexer.poll();

    // replaces the last block with one that anchors a different root for tree size 2
    Map<String, String> replacement =
        Map.of(
            "from", DEV.getAddress(),
            "to", deployment.address().value(),
            "data", contract.encodeAnchor(2, root("two, again")),
            "gas", "0x493e0");
    anvil.rpc("anvil_reorg", 1, List.of(List.of(replacement, 0)));
    PollResult result = indexer.poll();

    assertThat(result.rolledBackTo())
        .contains(
            BlockRef.of(
                kept.getBlockNumber().longValueExact(), Bytes32.parse(kept.getBlockHash())));
    assertThat(checkpoints()).containsExactly("1:" + root("one"), "2:" + root("two, again"));
    assertThat(contract.rootAt(2)).contains(root("two, again"));
  }

  @Test
  void snapshotRevert_rollsBackAndAppliesTheDifferentTransactions() throws Exception {
    EventIndexer indexer = indexer(0);
    anchor(1, root("one"));
    Object snapshot = anvil.rpc("evm_snapshot");
    anchor(2, root("two"));
    anchor(3, root("three"));
    indexer.poll();
    assertThat(checkpoints()).hasSize(3);

    anvil.rpc("evm_revert", snapshot);
    anchor(4, root("four"));
    anchor(6, root("six"));
    anchor(7, root("seven"));
    PollResult result = indexer.poll();

    assertThat(result.rolledBackTo()).isPresent();
    assertThat(checkpoints())
        .containsExactly(
            "1:" + root("one"), "4:" + root("four"), "6:" + root("six"), "7:" + root("seven"));
  }

  @Test
  void aNewIndexerOnTheSameCursorStore_continuesWithoutReapplying() throws Exception {
    anchor(1, root("one"));
    indexer(0).poll();
    anchor(2, root("two"));

    indexer(0).poll();

    assertThat(deliveredAnchors()).isEqualTo(2);
    assertThat(sink.delivered()).hasSameSizeAs(sink.events());
    assertThat(checkpoints()).containsExactly("1:" + root("one"), "2:" + root("two"));
  }
}
