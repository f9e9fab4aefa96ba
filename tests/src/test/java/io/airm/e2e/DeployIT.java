package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.ContractSuite;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.registry.UsageAttestationsContract;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.localchain.AnvilBinary;
import io.airm.localchain.DeploymentDescriptor;
import io.airm.localchain.DevAccounts;
import io.airm.node.RegistryNode;
import io.airm.node.cli.AirmCommand;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * {@code airm deploy} against a fresh anvil that has no AIRM contracts: the descriptor, the roles
 * on chain, a node configured from the printed lines that registers and anchors a work, resuming,
 * and the refusals.
 */
class DeployIT {
  private static final String DEPLOYER_KEY = DevAccounts.key(3);
  private static final Address ADMIN = address(0);
  private static final Address OPERATOR = address(1);
  private static final Address ANCHORER = address(2);
  private static final Address AUDITOR = address(4);
  private static final Address GUARDIAN = address(5);

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Anvil local;
  private static Anvil other;

  @BeforeAll
  static void startChains() {
    local = Anvil.start(shared.resolve("local"), 31337);
    other = Anvil.start(shared.resolve("other"), 31338);
  }

  @AfterAll
  static void stopChains() {
    if (local != null) {
      local.close();
    }
    if (other != null) {
      other.close();
    }
  }

  @Test
  void deploy_writesTheDescriptor_grantsTheRoles_andANodeFromThePrintedLinesAnchors()
      throws Exception {
    Path out = dir.resolve("deployment.json");
    Run run = deploy(local, DEPLOYER_KEY, "--out", out.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out() + run.err()).doesNotContain(Numeric.cleanHexPrefix(DEPLOYER_KEY));
    assertThat(run.out())
        .contains("Deployed WorkRegistry")
        .contains("Deployed UsageAttestations")
        .contains("Deployed RewardDistributor");

    DeploymentDescriptor descriptor = DeploymentDescriptor.read(out);
    assertThat(descriptor.chainId()).isEqualTo(31337);
    assertThat(descriptor.admin()).isEqualTo(ADMIN.value());
    assertThat(descriptor.anchorer()).isEqualTo(ANCHORER.value());
    assertThat(descriptor.operator()).isEqualTo(OPERATOR.value());
    assertThat(descriptor.auditor()).isEqualTo(AUDITOR.value());
    assertThat(descriptor.guardian()).isEqualTo(GUARDIAN.value());
    assertThat(descriptor.challengeWindow()).isEqualTo(120);
    assertThat(descriptor.refundDelay()).isEqualTo(86400);
    assertThat(descriptor.devToken()).isNull();

    try (ChainClient chain = ChainClient.connect(local.rpcUrl())) {
      // the registry's deployment block holds its deployment, and is confirmed
      assertThat(
              chain.receipt(Bytes32.parse(descriptor.deploymentTx())).orElseThrow().blockNumber())
          .isEqualTo(descriptor.deploymentBlock());
      assertThat(chain.blockNumber() - descriptor.deploymentBlock() + 1).isGreaterThanOrEqualTo(2);

      var registry = new WorkRegistryContract(chain, descriptor.workRegistryAddress());
      var attestations =
          new UsageAttestationsContract(chain, descriptor.usageAttestationsAddress());
      var distributor = new RewardDistributorContract(chain, descriptor.rewardDistributorAddress());
      Bytes32 admin = ContractSuite.DEFAULT_ADMIN_ROLE;
      assertThat(registry.hasRole(admin, ADMIN)).isTrue();
      assertThat(registry.hasRole(registry.anchorerRole(), ANCHORER)).isTrue();
      assertThat(attestations.hasRole(admin, ADMIN)).isTrue();
      assertThat(distributor.hasRole(admin, ADMIN)).isTrue();
      assertThat(distributor.hasRole(distributor.operatorRole(), OPERATOR)).isTrue();
      assertThat(distributor.hasRole(distributor.auditorRole(), AUDITOR)).isTrue();
      assertThat(distributor.hasRole(distributor.guardianRole(), GUARDIAN)).isTrue();
      assertThat(distributor.challengeWindow()).isEqualTo(120);
      assertThat(distributor.refundDelay()).isEqualTo(86400);
      // the deployer keeps no power over what it deployed
      Address deployer = Address.parse(Credentials.create(DEPLOYER_KEY).getAddress());
      assertThat(registry.hasRole(admin, deployer)).isFalse();
      assertThat(attestations.hasRole(admin, deployer)).isFalse();
      assertThat(distributor.hasRole(admin, deployer)).isFalse();

      // a node configured from the printed lines, plus the role keys from the "secret store"
      Map<String, String> settings = printedConfiguration(run.out());
      assertThat(settings)
          .containsEntry("chain.rpc-url", local.rpcUrl())
          .containsEntry("chain.registry", descriptor.workRegistry())
          .containsEntry("chain.usage-attestations", descriptor.usageAttestations())
          .containsEntry("chain.reward-distributor", descriptor.rewardDistributor())
          .containsEntry("chain.deployment-block", Long.toString(descriptor.deploymentBlock()));
      settings.put("data.dir", dir.resolve("node").toString());
      settings.put("port", "0");
      settings.put("chain.anchorer-key", DevAccounts.key(2));
      settings.put("chain.operator-key", DevAccounts.key(1));
      settings.put("chain.admin-key", DevAccounts.key(0));
      settings.put("anchor.interval", "PT0.5S");
      settings.put("anchor.poll-interval", "PT0.1S");
      try (RegistryNode node =
          RegistryNode.start(NodeConfig.from(ConfigSource.of(settings, Optional.empty())))) {
        RegistryClient client = new RegistryClient(node.url());
        assertThat(client.domain().verifyingContract()).isEqualTo(descriptor.workRegistryAddress());
        Path file = dir.resolve("essay.txt");
        Files.writeString(file, "registered on a chain set up by airm deploy\n");
        WorkSigner.Signed signed =
            new WorkSigner(DevAccounts.key(6)).signFile(file, client.domain());
        RegistryClient.Answer answer =
            client.register(
                signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        NodeFixture.awaitState(client, signed.workId(), "final", Duration.ofSeconds(60));
        assertThat(registry.latestCheckpoint().treeSize()).isGreaterThanOrEqualTo(1);
      }
    }

    // an auditor's audit pool takes the written file as it takes local-chain's: it reads the
    // three addresses and gets as far as a verdict on the pool (there is none: not verified)
    java.io.PrintStream console = System.out;
    var printed = new java.io.ByteArrayOutputStream();
    Run audit;
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      audit =
          airm(
              "audit",
              "pool",
              "1",
              "--rpc",
              local.rpcUrl(),
              "--deployment",
              out.toString(),
              "--ipfs",
              "http://127.0.0.1:9");
    } finally {
      System.setOut(console);
    }
    String verdict = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(audit.code()).as(verdict + audit.err()).isEqualTo(1);
    assertThat(verdict).contains("NOT VERIFIED pool 1");
    assertThat(verdict + audit.err()).doesNotContain("deployment file");
  }

  @Test
  void resume_ofACompleteDeployment_sendsNothing_andOfAHalfOne_deploysOnlyWhatIsMissing()
      throws Exception {
    Path out = dir.resolve("deployment.json");
    assertThat(deploy(local, DEPLOYER_KEY, "--out", out.toString()).code()).isZero();
    DeploymentDescriptor first = DeploymentDescriptor.read(out);
    Address deployer = Address.parse(Credentials.create(DEPLOYER_KEY).getAddress());

    try (ChainClient chain = ChainClient.connect(local.rpcUrl())) {
      var nonce = chain.latestNonce(deployer);
      Run again = deploy(local, DEPLOYER_KEY, "--resume", out.toString());
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.out()).doesNotContain("Deployed ");
      assertThat(again.out())
          .contains("WorkRegistry already deployed at " + first.workRegistry())
          .contains("UsageAttestations already deployed at " + first.usageAttestations())
          .contains("RewardDistributor already deployed at " + first.rewardDistributor());
      assertThat(chain.latestNonce(deployer)).isEqualTo(nonce);
      assertThat(DeploymentDescriptor.read(out)).isEqualTo(first);

      // a run that stopped after the registry: its descriptor names the registry alone
      Path half = dir.resolve("half.json");
      new DeploymentDescriptor(
              first.chainId(),
              first.workRegistry(),
              first.deploymentBlock(),
              first.deploymentTx(),
              first.admin(),
              first.anchorer(),
              null,
              null,
              null,
              first.operator(),
              first.challengeWindow())
          .write(half);
      Run rest = deploy(local, DEPLOYER_KEY, "--resume", half.toString());
      assertThat(rest.code()).as(rest.err()).isZero();
      assertThat(rest.out())
          .contains("WorkRegistry already deployed at " + first.workRegistry())
          .doesNotContain("Deployed WorkRegistry")
          .contains("Deployed UsageAttestations")
          .contains("Deployed RewardDistributor");
      assertThat(chain.latestNonce(deployer)).isEqualTo(nonce.add(java.math.BigInteger.TWO));
      DeploymentDescriptor completed = DeploymentDescriptor.read(half);
      assertThat(completed.workRegistry()).isEqualTo(first.workRegistry());
      assertThat(completed.deploymentBlock()).isEqualTo(first.deploymentBlock());
      assertThat(completed.rewardDistributor()).isNotNull().isNotEqualTo(first.rewardDistributor());

      // resuming contracts that were deployed with other role holders: the check on chain says so
      Run otherAuditor =
          airm(
              replace(
                  deployArgs(local, DEPLOYER_KEY, "--resume", out.toString()),
                  "--auditor",
                  GUARDIAN.value()));
      assertThat(otherAuditor.code()).isNotZero();
      assertThat(otherAuditor.err())
          .contains("RewardDistributor: " + GUARDIAN.value() + " does not hold AUDITOR_ROLE");
      assertThat(chain.latestNonce(deployer)).isEqualTo(nonce.add(java.math.BigInteger.TWO));
    }
  }

  @Test
  void resumeOnAnotherChain_isRefused_beforeAnyTransaction() throws Exception {
    Path out = dir.resolve("deployment.json");
    assertThat(deploy(local, DEPLOYER_KEY, "--out", out.toString()).code()).isZero();
    String before = Files.readString(out);

    Run run = deploy(other, DEPLOYER_KEY, "--resume", out.toString());

    assertThat(run.code()).isNotZero();
    assertThat(run.err())
        .contains("The RPC serves chain 31338")
        .contains("written for chain 31337");
    assertThat(Files.readString(out)).isEqualTo(before);
    try (ChainClient chain = ChainClient.connect(other.rpcUrl())) {
      Address deployer = Address.parse(Credentials.create(DEPLOYER_KEY).getAddress());
      assertThat(chain.latestNonce(deployer)).isZero();
    }
  }

  @Test
  void shortWindowOnAChainOtherThan31337_isRefusedUnlessAllowed() {
    Path out = dir.resolve("deployment.json");
    Run refused = deploy(other, DEPLOYER_KEY, "--out", out.toString());
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).contains("120 s on chain 31338").contains("--allow-short-window");
    assertThat(out).doesNotExist();

    // another deployer: the wrong-chain test counts this one's nonce on that chain
    Run allowed =
        deploy(
            other,
            DevAccounts.key(7),
            "--out",
            out.toString(),
            "--allow-short-window",
            "--confirmations",
            "1");
    assertThat(allowed.code()).as(allowed.err()).isZero();
    assertThat(DeploymentDescriptor.read(out).chainId()).isEqualTo(31338);
  }

  @Test
  void unfundedDeployer_isRefused_sayingHowMuchItNeeds() throws Exception {
    String broke =
        Numeric.toHexStringWithPrefixZeroPadded(Keys.createEcKeyPair().getPrivateKey(), 64);
    Path out = dir.resolve("deployment.json");

    Run run = deploy(local, broke, "--out", out.toString());

    assertThat(run.code()).isNotZero();
    assertThat(run.err())
        .contains("holds 0 ETH")
        .contains("needs at least")
        .contains("WorkRegistry, UsageAttestations, RewardDistributor")
        .containsPattern("needs at least [0-9.]+ ETH \\([0-9]+ wei");
    assertThat(run.out() + run.err()).doesNotContain(Numeric.cleanHexPrefix(broke));
    assertThat(out).doesNotExist();
  }

  // ---- helpers ----

  private record Run(int code, String out, String err) {}

  private static Run deploy(Anvil chain, String key, String... extra) {
    return airm(deployArgs(chain, key, extra));
  }

  private static String[] replace(String[] args, String option, String value) {
    String[] copy = args.clone();
    copy[List.of(copy).indexOf(option) + 1] = value;
    return copy;
  }

  private static String[] deployArgs(Anvil chain, String key, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "deploy",
                "--rpc",
                chain.rpcUrl(),
                "--key",
                key,
                "--admin",
                ADMIN.checksummed(),
                "--anchorer",
                ANCHORER.value(),
                "--operator",
                OPERATOR.value(),
                "--auditor",
                AUDITOR.value(),
                "--guardian",
                GUARDIAN.value(),
                "--challenge-window",
                "PT2M",
                "--refund-delay",
                "P1D"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static Run airm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AirmCommand.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The {@code AIRM_…=value} lines of the output, as configuration keys. */
  private static Map<String, String> printedConfiguration(String output) {
    Map<String, String> byEnvironmentName = new HashMap<>();
    for (String[] key : NodeConfig.KEYS) {
      byEnvironmentName.put(ConfigSource.environmentName(key[0]), key[0]);
    }
    Map<String, String> settings = new HashMap<>();
    for (String line : output.split("\\R")) {
      int eq = line.indexOf('=');
      if (line.startsWith("AIRM_") && eq > 0) {
        String key = byEnvironmentName.get(line.substring(0, eq));
        assertThat(key).as("a printed line names no configuration key: " + line).isNotNull();
        settings.put(key, line.substring(eq + 1));
      }
    }
    return settings;
  }

  private static Address address(int devAccount) {
    return Address.parse(Credentials.create(DevAccounts.key(devAccount)).getAddress());
  }

  /** A bare anvil, no contracts deployed, half-second blocks. */
  private record Anvil(Process process, String rpcUrl) implements AutoCloseable {
    static Anvil start(Path data, long chainId) {
      try {
        Files.createDirectories(data);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
          port = socket.getLocalPort();
        }
        Process process =
            new ProcessBuilder(
                    AnvilBinary.locate().toString(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--chain-id",
                    Long.toString(chainId),
                    "--block-time",
                    "0.5")
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("anvil.log").toFile())
                .start();
        Anvil anvil = new Anvil(process, "http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plusSeconds(30);
        try (ChainClient client = ChainClient.connect(anvil.rpcUrl())) {
          while (true) {
            try {
              assertThat(client.chainId()).isEqualTo(chainId);
              assertThat(client.hasCode(ANCHORER)).isFalse();
              return anvil;
            } catch (RuntimeException notYet) {
              if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                anvil.close();
                throw new IllegalStateException("anvil did not start; see " + data, notYet);
              }
              Thread.sleep(100);
            }
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("Could not start anvil", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
