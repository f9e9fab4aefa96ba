package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.CheckpointAnchored;
import io.airm.chain.events.Web3jLogSource;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.RegistryNode;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.storage.TestDatabases;
import io.airm.node.storage.TestDatabases.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two nodes on one PostgreSQL database and one anvil, both taking registrations: only the holder of
 * the leader lease anchors, so no tree size is anchored twice and no anchor transaction fails; when
 * the leader stops without handing over, the other node takes the lease once it expires and anchors
 * the rest.
 */
class SharedDatabaseNodesIT {
  private static final Logger LOG = LoggerFactory.getLogger(SharedDatabaseNodesIT.class);
  private static final Duration TTL = Duration.ofSeconds(3);

  @TempDir Path dir;

  private record Row(long treeSize, Bytes32 txHash, String status, String signedBy) {}

  @Test
  void twoNodesOnOneDatabase_anchorEveryTreeSizeOnce_andTheSurvivorTakesOverWithinTheTtl()
      throws Exception {
    Map<String, String> settings =
        Map.of("anchor.interval", "PT0.3S", "node.lease-ttl", TTL.toString());
    try (TestDatabases.Fresh database = TestDatabases.fresh(Backend.POSTGRESQL);
        LocalChain chain = NodeFixture.chain(dir.resolve("chain"));
        ChainClient rpc = ChainClient.connect(chain.rpcUrl());
        RegistryNode a = NodeFixture.start(dir.resolve("a"), chain, database, settings);
        RegistryNode b = NodeFixture.start(dir.resolve("b"), chain, database, settings)) {
      assertThat(a.nodeId()).isNotEqualTo(b.nodeId());
      assertThat(a.isLeader()).as("the node that started first holds the lease").isTrue();
      assertThat(b.isLeader()).isFalse();
      List<RegistryClient> clients =
          List.of(new RegistryClient(a.url()), new RegistryClient(b.url()));
      WorkSigner creator = new WorkSigner(DevAccounts.key(7));

      // registrations to both nodes, spread over many anchoring rounds
      List<Bytes32> ids = new ArrayList<>();
      for (int round = 0; round < 16; round++) {
        for (int j = 0; j < 3; j++) {
          ids.add(register(clients.get(ids.size() % 2), creator, ids.size()));
        }
        Thread.sleep(250);
      }
      for (Bytes32 id : ids) {
        NodeFixture.awaitState(clients.get(1), id, "final", Duration.ofSeconds(60));
      }
      assertThat(a.isLeader()).as("the lease stays with its holder while it renews").isTrue();
      assertThat(b.isLeader()).isFalse();
      long checkpointsBeforeHalt = new WorkRegistryContract(rpc, registry(chain)).checkpointCount();
      long sizeBeforeHalt = ids.size();
      assertThat(checkpointsBeforeHalt).as("many anchoring rounds").isGreaterThanOrEqualTo(5);

      // the leader stops as if it crashed: the lease is not released, it has to expire
      Instant halted = Instant.now();
      a.halt();
      assertThat(b.isLeader()).as("a halted leader hands nothing over").isFalse();
      long waited = 0;
      while (!b.isLeader() && waited < TTL.multipliedBy(3).toMillis()) {
        Thread.sleep(20);
        waited += 20;
      }
      Duration takeover = Duration.between(halted, Instant.now());
      LOG.info("Node {} took over {} ms after the leader halted", b.nodeId(), takeover.toMillis());
      assertThat(b.isLeader()).isTrue();
      // the lease was last renewed at most ttl/3 before the halt, so it expired within the TTL;
      // the survivor tries every ttl/3
      assertThat(takeover).isLessThanOrEqualTo(TTL.plus(TTL.dividedBy(3)).plusMillis(500));

      List<Bytes32> afterHalt = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        afterHalt.add(register(clients.get(1), creator, ids.size() + i));
        Thread.sleep(150);
      }
      for (Bytes32 id : afterHalt) {
        NodeFixture.awaitState(clients.get(1), id, "final", Duration.ofSeconds(60));
      }
      long total = ids.size() + afterHalt.size();

      // the chain: every checkpoint a larger tree than the one before, the last covering everything
      WorkRegistryContract registry = new WorkRegistryContract(rpc, registry(chain));
      List<CheckpointAnchored> events =
          new Web3jLogSource(rpc)
                  .logs(
                      List.of(registry(chain)),
                      chain.deployment().deploymentBlock(),
                      rpc.blockNumber())
                  .stream()
                  .flatMap(e -> CheckpointAnchored.decode(e).stream())
                  .toList();
      List<Long> anchoredSizes = events.stream().map(CheckpointAnchored::treeSize).toList();
      assertThat(anchoredSizes).doesNotHaveDuplicates().isSorted();
      assertThat(registry.checkpointCount()).isEqualTo(events.size());
      assertThat(anchoredSizes.get(anchoredSizes.size() - 1)).isEqualTo(total);
      assertThat(events.size()).isGreaterThan((int) checkpointsBeforeHalt);

      // the database: one anchor transaction per checkpoint, each final, none failed or doubled
      List<Row> rows = anchorRows(b);
      assertThat(rows).allSatisfy(row -> assertThat(row.status()).isEqualTo("FINAL"));
      assertThat(rows.stream().map(Row::treeSize).toList()).isEqualTo(anchoredSizes);
      assertThat(rows.stream().map(Row::txHash).toList())
          .isEqualTo(events.stream().map(e -> e.event().txHash()).toList());
      // and only the lease holder signed: node a until it halted, then node b
      assertThat(rows)
          .allSatisfy(
              row ->
                  assertThat(row.signedBy())
                      .as("signer of tree size %d", row.treeSize())
                      .isEqualTo(row.treeSize() <= sizeBeforeHalt ? a.nodeId() : b.nodeId()));
    }
  }

  private static io.airm.chain.eth.Address registry(LocalChain chain) {
    return chain.deployment().workRegistryAddress();
  }

  private Bytes32 register(RegistryClient client, WorkSigner creator, int n) throws Exception {
    Path file = dir.resolve("work-" + n + ".txt");
    Files.writeString(file, "work " + n + " registered with one of two nodes\n");
    WorkSigner.Signed signed = creator.signFile(file, client.domain());
    RegistryClient.Answer answer =
        client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.empty());
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    return signed.workId();
  }

  private static List<Row> anchorRows(RegistryNode node) {
    return node.database()
        .orElseThrow()
        .inTransaction(
            "read anchors",
            connection -> {
              List<Row> rows = new ArrayList<>();
              try (PreparedStatement select =
                      connection.prepareStatement(
                          "SELECT tree_size, tx_hash, status, signed_by FROM anchors"
                              + " ORDER BY tree_size");
                  ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  rows.add(
                      new Row(
                          rs.getLong(1),
                          Bytes32.parse(rs.getString(2)),
                          rs.getString(3),
                          rs.getString(4)));
                }
              }
              return rows;
            });
  }
}
