package io.airm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eth.Bytes32;
import io.airm.node.audit.GatewayFetcher;
import io.airm.node.audit.InMemoryGateway;
import io.airm.node.audit.InMemoryPoolChain;
import io.airm.node.audit.PoolChainView;
import io.airm.node.settlement.SettlementFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code airm audit pool}: its exit codes and its summary line. */
class AuditPoolCommandTest {
  static final BigInteger POOL = BigInteger.valueOf(7);
  static SettlementFixture fixture;
  static InMemoryGateway gateway;
  static String reportCid;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeAll
  static void publish() {
    fixture = SettlementFixture.create();
    gateway = new InMemoryGateway();
    fixture.contents.values().forEach(gateway::add);
    gateway.add(fixture.evidence.canonicalBytes());
    reportCid = gateway.add(fixture.document.canonicalBytes());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  int run(PoolChainView chain) {
    return AuditPoolCommand.run(
        chain,
        new GatewayFetcher(gateway.uri()),
        POOL,
        1,
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void aVerifiedPool_exitsZeroWithASummary() {
    assertThat(run(InMemoryPoolChain.settledBy(fixture.document, reportCid))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern("VERIFIED pool 7: 3 works, 3 allocations, [0-9]+\\.[0-9] s");
  }

  @Test
  void aDisagreement_exitsOneNamingIt() {
    InMemoryPoolChain chain = InMemoryPoolChain.settledBy(fixture.document, reportCid);
    chain.roots.put(
        fixture.document.checkpoint().treeSize(), Bytes32.parse("0x" + "01".repeat(32)));
    assertThat(run(chain)).isEqualTo(1);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("FAIL  checkpoint: checkpoint.root is");
    assertThat(printed).contains("NOT VERIFIED pool 7: checkpoint: checkpoint.root is");
    assertThat(printed).doesNotContain("ok    work");
  }

  @Test
  void missingOptions_areAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = AirmCommand.commandLine().setErr(new PrintWriter(err));
    assertThat(cli.execute("audit", "pool", "7")).isEqualTo(2);
    assertThat(err.toString()).contains("--rpc");
    err.getBuffer().setLength(0);
    assertThat(
            cli.execute(
                "audit",
                "pool",
                "7",
                "--rpc",
                "http://127.0.0.1:1",
                "--distributor",
                "0x" + "11".repeat(20)))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--attestations").contains("--registry");
  }

  @Test
  void aDeploymentFileWithoutTheSettlementContracts_isAUsageError(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("deployment.json"),
            "{\"chainId\":31337,\"workRegistry\":\"" + SettlementFixture.REGISTRY + "\"}");
    StringWriter err = new StringWriter();
    CommandLine cli = AirmCommand.commandLine().setErr(new PrintWriter(err));
    assertThat(
            cli.execute(
                "audit",
                "pool",
                "7",
                "--rpc",
                "http://127.0.0.1:1",
                "--deployment",
                file.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("names no usageAttestations");
  }

  @Test
  void auditAlone_listsItsSubcommands() {
    StringWriter text = new StringWriter();
    CommandLine cli = AirmCommand.commandLine().setOut(new PrintWriter(text));
    assertThat(cli.execute("audit", "--help")).isZero();
    assertThat(text.toString()).contains("pool");
  }
}
