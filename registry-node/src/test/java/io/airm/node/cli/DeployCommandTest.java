package io.airm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.registry.ContractSuite;
import io.airm.localchain.DeploymentDescriptor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeployCommandTest {
  private static final String KEY = "0x" + "11".repeat(32);
  private static final String A = "0x" + "a1".repeat(20);
  private static final String B = "0x" + "b2".repeat(20);

  @TempDir Path dir;

  /**
   * A complete, valid command line; nothing listens on the RPC port, so a run that gets past the
   * argument checks fails on the connection instead.
   */
  private List<String> args(String... overrides) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "deploy",
                "--rpc",
                "http://127.0.0.1:9",
                "--key",
                KEY,
                "--admin",
                A,
                "--anchorer",
                B,
                "--operator",
                A,
                "--auditor",
                B,
                "--guardian",
                A,
                "--challenge-window",
                "P7D",
                "--refund-delay",
                "P30D",
                "--out",
                dir.resolve("deployment.json").toString()));
    for (int i = 0; i < overrides.length; i += 2) {
      int at = args.indexOf(overrides[i]);
      if (at < 0) {
        args.add(overrides[i]);
        args.add(overrides[i + 1]);
      } else {
        args.set(at + 1, overrides[i + 1]);
      }
    }
    return args;
  }

  private record Run(int code, String out, String err) {}

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        AirmCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void validArguments_getAsFarAsTheChain() {
    Run run = run(args());
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("Could not reach http://127.0.0.1:9");
    assertThat(run.out() + run.err()).doesNotContain("11".repeat(32));
  }

  @Test
  void malformedKey_isRefused_withoutEchoingIt() {
    String secret = "zz" + "11".repeat(31);
    Run run = run(args("--key", secret));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--key must be a private key of 32 bytes of hex");
    assertThat(run.out() + run.err()).doesNotContain(secret).doesNotContain("11".repeat(31));
  }

  @Test
  void badAddress_namesTheOption() {
    Run run = run(args("--auditor", "0x1234"));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--auditor").contains("40 hex digits");
  }

  @Test
  void zeroAddress_isRefused() {
    Run run = run(args("--guardian", Address.ZERO.value()));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("zero address");
  }

  @Test
  void badDuration_namesTheOptionAndTheFormat() {
    Run run = run(args("--challenge-window", "7 days"));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--challenge-window").contains("ISO-8601").contains("7 days");
  }

  @Test
  void negativeOrFractionalDelay_isRefused() {
    assertThat(run(args("--refund-delay", "-P1D")).err())
        .contains("--refund-delay must be zero or more whole seconds");
    assertThat(run(args("--refund-delay", "PT0.5S")).err())
        .contains("--refund-delay must be zero or more whole seconds");
  }

  @Test
  void confirmationsOutOfRange_isRefused() {
    Run run = run(args("--confirmations", "0"));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--confirmations must be 1 to 1000, not 0");
  }

  @Test
  void missingRole_isAUsageError() {
    List<String> args = args();
    int at = args.indexOf("--operator");
    args.remove(at + 1);
    args.remove(at);
    Run run = run(args);
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--operator");
  }

  @Test
  void existingOutFile_isNotOverwrittenWithoutResume() throws Exception {
    Path existing = dir.resolve("deployment.json");
    Files.writeString(existing, "{}");
    Run run = run(args());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("already exists").contains("--resume");
    assertThat(Files.readString(existing)).isEqualTo("{}");
  }

  @Test
  void resumedOnAnotherChain_isRefused() {
    assertThatThrownBy(() -> DeployCommand.checkChain(8453, descriptor(31337), plan(604800), false))
        .hasMessageContaining("chain 8453")
        .hasMessageContaining("chain 31337");
  }

  @Test
  void resumedOnItsOwnChain_passes() {
    DeployCommand.checkChain(31337, descriptor(31337), plan(10), false);
  }

  @Test
  void shortWindowOnAPublicChain_isRefusedUnlessAllowed() {
    assertThatThrownBy(() -> DeployCommand.checkChain(11155111, null, plan(3599), false))
        .hasMessageContaining("3599 s on chain 11155111")
        .hasMessageContaining("--allow-short-window");
    DeployCommand.checkChain(11155111, null, plan(3599), true);
    DeployCommand.checkChain(11155111, null, plan(3600), false);
    DeployCommand.checkChain(31337, null, plan(0), false);
  }

  @Test
  void defaultConfirmations_twoLocallyFiveElsewhere() {
    assertThat(DeployCommand.defaultConfirmations(31337)).isEqualTo(2);
    assertThat(DeployCommand.defaultConfirmations(1)).isEqualTo(5);
  }

  @Test
  void weiReadsAsEth() {
    assertThat(DeployCommand.eth(new BigInteger("1500000000000000000"))).isEqualTo("1.5 ETH");
    assertThat(DeployCommand.eth(BigInteger.ZERO)).isEqualTo("0 ETH");
  }

  private static ContractSuite.Plan plan(long window) {
    Address a = Address.parse(A);
    Address b = Address.parse(B);
    return new ContractSuite.Plan(new ContractSuite.Roles(a, b, a, b, a), window, 86400);
  }

  private static DeploymentDescriptor descriptor(long chainId) {
    return new DeploymentDescriptor(
        chainId, B, 1, "0x" + "cd".repeat(32), A, B, null, null, null, null, 0);
  }
}
