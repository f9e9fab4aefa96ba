package io.airm.localchain;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eth.Address;
import io.airm.chain.registry.Erc20Contract;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.registry.UsageAttestationsContract;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** A real anvil from contracts/node_modules, its state kept across restarts. */
class LocalChainIT {
  private static final Address DEV0 =
      Address.parse(Credentials.create(DevAccounts.key(0)).getAddress());
  private static final Address DEV1 =
      Address.parse(Credentials.create(DevAccounts.key(1)).getAddress());

  @TempDir Path dir;

  private LocalChain.Options options() {
    return new LocalChain.Options(dir, AnvilBinary.locate(), Duration.ofMillis(200), 0);
  }

  @Test
  void start_deploysOnce_andARestartResumesTheSameChainAndDeployment() throws Exception {
    DeploymentDescriptor first;
    long blockBeforeStop;
    try (LocalChain chain = LocalChain.start(options());
        ChainClient client = ChainClient.connect(chain.rpcUrl())) {
      first = chain.deployment();
      assertThat(first.chainId()).isEqualTo(31337);
      assertThat(first.isComplete()).isTrue();
      assertThat(DeploymentDescriptor.read(dir.resolve("deployment.json"))).isEqualTo(first);
      WorkRegistryContract registry = new WorkRegistryContract(client, first.workRegistryAddress());
      assertThat(registry.isDeployed()).isTrue();
      assertThat(registry.isAnchorer(Address.parse(first.anchorer()))).isTrue();
      assertDeployed(client, first);
      Thread.sleep(1000); // interval mining makes blocks
      blockBeforeStop = client.blockNumber();
      assertThat(blockBeforeStop).isGreaterThan(first.deploymentBlock());
    }
    try (LocalChain chain = LocalChain.start(options());
        ChainClient client = ChainClient.connect(chain.rpcUrl())) {
      assertThat(chain.deployment()).isEqualTo(first);
      assertThat(client.blockNumber()).isGreaterThanOrEqualTo(blockBeforeStop);
      assertThat(new WorkRegistryContract(client, first.workRegistryAddress()).isDeployed())
          .isTrue();
      assertDeployed(client, first);
    }
  }

  /** Every settlement contract has code, with the roles and window the descriptor states. */
  private static void assertDeployed(ChainClient client, DeploymentDescriptor deployment) {
    var attestations = new UsageAttestationsContract(client, deployment.usageAttestationsAddress());
    assertThat(attestations.isDeployed()).isTrue();
    assertThat(attestations.domain().verifyingContract())
        .isEqualTo(deployment.usageAttestationsAddress());
    var distributor = new RewardDistributorContract(client, deployment.rewardDistributorAddress());
    assertThat(distributor.isDeployed()).isTrue();
    assertThat(deployment.operatorAddress()).isEqualTo(DEV1);
    assertThat(distributor.isOperator(DEV1)).isTrue();
    assertThat(distributor.isOperator(DEV0)).isFalse();
    assertThat(distributor.challengeWindow()).isEqualTo(deployment.challengeWindow());
    var token = new Erc20Contract(client, deployment.devTokenAddress());
    assertThat(token.isDeployed()).isTrue();
    assertThat(token.decimals()).isEqualTo(18);
  }

  @Test
  void theChallengeWindowOption_isTheDeployedDistributors_defaultTenSeconds() {
    try (LocalChain chain = LocalChain.start(options())) {
      assertThat(chain.deployment().challengeWindow()).isEqualTo(10);
    }
    Path other = dir.resolve("other");
    try (LocalChain chain =
            LocalChain.start(
                new LocalChain.Options(
                    other,
                    AnvilBinary.locate(),
                    Duration.ofMillis(200),
                    0,
                    Duration.ofSeconds(3)));
        ChainClient client = ChainClient.connect(chain.rpcUrl())) {
      assertThat(chain.deployment().challengeWindow()).isEqualTo(3);
      assertThat(
              new RewardDistributorContract(client, chain.deployment().rewardDistributorAddress())
                  .challengeWindow())
          .isEqualTo(3);
    }
    // the window is fixed at deployment: asking again for another keeps the chain's own
    try (LocalChain chain =
        LocalChain.start(
            new LocalChain.Options(other, AnvilBinary.locate(), Duration.ofMillis(200), 0))) {
      assertThat(chain.deployment().challengeWindow()).isEqualTo(3);
    }
  }

  @Test
  void aDescriptorFromBeforeTheSettlementContracts_isCompleted_keepingItsRegistry()
      throws Exception {
    DeploymentDescriptor first;
    try (LocalChain chain = LocalChain.start(options())) {
      first = chain.deployment();
    }
    Path file = dir.resolve("deployment.json");
    Files.writeString(
        file,
        """
        {"chainId": 31337, "workRegistry": "%s", "deploymentBlock": %d, "deploymentTx": "%s",
         "admin": "%s", "anchorer": "%s"}
        """
            .formatted(
                first.workRegistry(),
                first.deploymentBlock(),
                first.deploymentTx(),
                first.admin(),
                first.anchorer()));
    assertThat(DeploymentDescriptor.read(file).isComplete()).isFalse();

    DeploymentDescriptor upgraded;
    try (LocalChain chain = LocalChain.start(options());
        ChainClient client = ChainClient.connect(chain.rpcUrl())) {
      upgraded = chain.deployment();
      assertThat(upgraded.workRegistry()).isEqualTo(first.workRegistry());
      assertThat(upgraded.deploymentBlock()).isEqualTo(first.deploymentBlock());
      assertThat(upgraded.isComplete()).isTrue();
      // new deployments: the old contracts are still on the chain, but the descriptor forgot them
      assertThat(upgraded.usageAttestations()).isNotEqualTo(first.usageAttestations());
      assertDeployed(client, upgraded);
      assertThat(DeploymentDescriptor.read(file)).isEqualTo(upgraded);
    }
    try (LocalChain chain = LocalChain.start(options())) {
      assertThat(chain.deployment()).isEqualTo(upgraded);
    }
  }

  @Test
  void aContractWithoutCode_isDeployedAgain_andTheOthersKept() throws Exception {
    DeploymentDescriptor first;
    try (LocalChain chain = LocalChain.start(options())) {
      first = chain.deployment();
    }
    Path file = dir.resolve("deployment.json");
    String noCode = "0x" + "42".repeat(20);
    new DeploymentDescriptor(
            first.chainId(),
            first.workRegistry(),
            first.deploymentBlock(),
            first.deploymentTx(),
            first.admin(),
            first.anchorer(),
            first.usageAttestations(),
            first.rewardDistributor(),
            noCode,
            first.operator(),
            first.challengeWindow())
        .write(file);

    try (LocalChain chain = LocalChain.start(options());
        ChainClient client = ChainClient.connect(chain.rpcUrl())) {
      DeploymentDescriptor repaired = chain.deployment();
      assertThat(repaired.devToken()).isNotEqualTo(noCode);
      assertThat(repaired.workRegistry()).isEqualTo(first.workRegistry());
      assertThat(repaired.usageAttestations()).isEqualTo(first.usageAttestations());
      assertThat(repaired.rewardDistributor()).isEqualTo(first.rewardDistributor());
      assertDeployed(client, repaired);
    }
  }

  @Test
  void startsOnAFreeLoopbackPort_andStops() {
    LocalChain chain = LocalChain.start(options());
    assertThat(chain.rpcUrl()).startsWith("http://127.0.0.1:");
    assertThat(chain.isRunning()).isTrue();
    chain.close();
    assertThat(chain.isRunning()).isFalse();
  }
}
