package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.localchain.DevAccounts;
import io.airm.node.RegistryNode;
import io.airm.node.cli.AirmCommand;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.storage.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airm audit log} against a real node on a real anvil: it passes on the honest log, and when
 * the node's database is tampered with it exits 1 naming the leaf. Each tampering test puts the row
 * back before it ends.
 */
class LogAuditIT {
  private static final int WORKS = 8;

  @TempDir static Path dir;
  private static RegistryNode node;
  private static Database database;

  /** What a run of {@code airm} printed and returned. */
  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void nodeWithFinalWorks() throws Exception {
    node = NodeFixture.start(dir.resolve("node"), "PT0.5S");
    database = node.database().orElseThrow();
    RegistryClient client = new RegistryClient(node.url());
    WorkSigner creator = new WorkSigner(DevAccounts.key(5));
    List<WorkSigner.Signed> works = new ArrayList<>();
    // two batches, each anchored before the next, so the chain holds several checkpoints
    for (int batch = 0; batch < 2; batch++) {
      for (int i = 0; i < WORKS / 2; i++) {
        Path file = dir.resolve("work-" + batch + "-" + i + ".txt");
        Files.writeString(file, "Work " + batch + "/" + i + ", registered then audited.\n");
        WorkSigner.Signed signed = creator.signFile(file, client.domain());
        RegistryClient.Answer answer =
            client.register(
                signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        works.add(signed);
      }
      NodeFixture.awaitState(
          client, works.get(works.size() - 1).workId(), "final", Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private Run auditLog() {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code =
          AirmCommand.commandLine()
              .execute("audit", "log", "--rpc", node.rpcUrl(), "--node", node.url());
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  private int execute(String sql, Object... parameters) {
    return database.inTransaction(
        "tamper",
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
              statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
          }
        });
  }

  private String query(String sql) {
    return database.inTransaction(
        "read",
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql);
              ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
          }
        });
  }

  @Test
  void theHonestLog_passes_namingEveryLeafAndCheckpoint() {
    long checkpoints;
    try (ChainClient chain = ChainClient.connect(node.rpcUrl())) {
      checkpoints =
          new WorkRegistryContract(chain, node.domain().verifyingContract()).checkpointCount();
    }
    assertThat(checkpoints).isGreaterThanOrEqualTo(2);

    Run run = auditLog();

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Verified " + WORKS + " leaves and " + checkpoints + " checkpoints");
    assertThat(run.err()).contains("audit log").contains(WORKS + "/" + WORKS);
  }

  @Test
  void aChangedLicence_failsAtItsLeaf() {
    String licence = query("SELECT licence FROM works WHERE log_index = 5");
    assertThat(execute("UPDATE works SET licence = 'CC0-1.0' WHERE log_index = 5")).isOne();
    try {
      Run run = auditLog();

      assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.err())
          .contains("AUDIT FAILED: leaf 5: the EIP-712 digest of the node's registration is")
          .contains("the record is not what the creator signed");
    } finally {
      execute("UPDATE works SET licence = ? WHERE log_index = 5", licence);
    }
  }

  @Test
  void aChangedLeaf_failsAtItsLeaf() {
    String leaf = query("SELECT leaf_data FROM log_leaves WHERE leaf_index = 2");
    // one hex digit of the work id, inside the leaf's bytes, changed
    char digit = leaf.charAt(10);
    String changed = leaf.substring(0, 10) + (digit == '0' ? '1' : '0') + leaf.substring(11);
    assertThat(execute("UPDATE log_leaves SET leaf_data = ? WHERE leaf_index = 2", changed))
        .isOne();
    try {
      Run run = auditLog();

      assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.err())
          .contains("AUDIT FAILED: leaf 2: the EIP-712 digest of the node's registration is")
          .contains("but the leaf commits to work id 0x" + changed.substring(4, 68));
    } finally {
      execute("UPDATE log_leaves SET leaf_data = ? WHERE leaf_index = 2", leaf);
    }
  }

  @Test
  void aDeletedLeaf_failsAtItsIndex() {
    String hash = query("SELECT leaf_hash FROM log_leaves WHERE leaf_index = 3");
    String data = query("SELECT leaf_data FROM log_leaves WHERE leaf_index = 3");
    String at = query("SELECT appended_at FROM log_leaves WHERE leaf_index = 3");
    assertThat(execute("DELETE FROM log_leaves WHERE leaf_index = 3")).isOne();
    try {
      Run run = auditLog();

      assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.err())
          .contains("AUDIT FAILED: leaf 3: the node does not serve it")
          .contains("it holds no leaf at index 3");
    } finally {
      execute(
          "INSERT INTO log_leaves (leaf_index, leaf_hash, leaf_data, appended_at)"
              + " VALUES (3, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE))",
          hash,
          data,
          at);
    }
  }
}
