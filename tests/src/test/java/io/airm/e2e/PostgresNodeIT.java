package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.RegistryNode;
import io.airm.node.audit.AuditReport;
import io.airm.node.audit.WorkAuditor;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.storage.TestDatabases;
import io.airm.node.storage.TestDatabases.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose database is PostgreSQL, configured by {@code db.url} alone, on a real anvil: works
 * registered over HTTP reach final, an auditor's check passes, and the rows are in PostgreSQL.
 */
class PostgresNodeIT {
  @TempDir Path dir;

  @Test
  void worksRegisteredOnANodeBackedByPostgres_becomeFinal_andVerifyAgainstTheChain()
      throws Exception {
    try (TestDatabases.Fresh database = TestDatabases.fresh(Backend.POSTGRESQL);
        LocalChain chain = NodeFixture.chain(dir.resolve("chain"));
        RegistryNode node =
            NodeFixture.start(
                dir.resolve("node"), chain, database, Map.of("anchor.interval", "PT0.5S"));
        ChainClient rpc = ChainClient.connect(chain.rpcUrl())) {
      assertThat(database.url()).startsWith("jdbc:postgresql:");
      RegistryClient client = new RegistryClient(node.url());
      WorkSigner creator = new WorkSigner(DevAccounts.key(6));
      List<Bytes32> ids = new ArrayList<>();
      WorkSigner.Signed first = null;
      for (int i = 0; i < 5; i++) {
        Path file = dir.resolve("work-" + i + ".txt");
        Files.writeString(file, "work " + i + " kept in PostgreSQL\n".repeat(i + 1));
        WorkSigner.Signed signed = creator.signFile(file, client.domain());
        // with content and hash-only, alternately
        Optional<Path> content = i % 2 == 0 ? Optional.of(file) : Optional.empty();
        RegistryClient.Answer answer =
            client.register(signed.registration(), signed.signature(), Optional.empty(), content);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        assertThat(answer.body().get("logIndex").asLong()).isEqualTo(i);
        ids.add(signed.workId());
        first = first == null ? signed : first;
      }
      // the same registration again is answered from the database, not stored twice
      RegistryClient.Answer again =
          client.register(
              first.registration(), first.signature(), Optional.empty(), Optional.empty());
      assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
      assertThat(again.body().get("logIndex").asLong()).isZero();

      WorkRegistryContract registry =
          new WorkRegistryContract(rpc, chain.deployment().workRegistryAddress());
      for (int i = 0; i < ids.size(); i++) {
        NodeFixture.awaitState(client, ids.get(i), "final", Duration.ofSeconds(60));
        JsonNode proof = client.work(ids.get(i)).get("inclusionProof");
        List<Bytes32> path = new ArrayList<>();
        proof.get("hashes").forEach(h -> path.add(Bytes32.parse(h.asText())));
        assertThat(
                registry.verifyInclusion(
                    Bytes32.parse(proof.get("leafHash").asText()),
                    proof.get("leafIndex").asLong(),
                    proof.get("treeSize").asLong(),
                    path))
            .isTrue();
        if (i % 2 == 0) {
          AuditReport report =
              new WorkAuditor(client, rpc, chain.deployment().workRegistryAddress())
                  .verify(ids.get(i), Optional.empty());
          assertThat(report.passed()).as(report.toJson().toPrettyString()).isTrue();
        }
      }

      // what the API showed is what PostgreSQL holds
      assertThat(count(node, "SELECT COUNT(*) FROM works")).isEqualTo(5);
      assertThat(count(node, "SELECT tree_size FROM log_head")).isEqualTo(5);
      assertThat(count(node, "SELECT COUNT(*) FROM anchors WHERE status = 'FAILED'")).isZero();
      assertThat(count(node, "SELECT MAX(tree_size) FROM anchors WHERE status = 'FINAL'"))
          .isEqualTo(5);
      assertThat(
              count(
                  node,
                  "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename IN"
                      + " ('works', 'log_leaves', 'anchors', 'leases')"))
          .as("the schema was migrated in PostgreSQL itself")
          .isEqualTo(4);
    }
  }

  private static long count(RegistryNode node, String sql) {
    return node.database()
        .orElseThrow()
        .inTransaction(
            "count",
            connection -> {
              try (PreparedStatement select = connection.prepareStatement(sql);
                  ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }
}
