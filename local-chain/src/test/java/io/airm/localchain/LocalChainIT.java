package io.airm.localchain;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real anvil from contracts/node_modules, its state kept across restarts. */
class LocalChainIT {
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
      assertThat(Files.exists(dir.resolve("deployment.json"))).isTrue();
      WorkRegistryContract registry = new WorkRegistryContract(client, first.workRegistryAddress());
      assertThat(registry.isDeployed()).isTrue();
      assertThat(registry.isAnchorer(io.airm.chain.eth.Address.parse(first.anchorer()))).isTrue();
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
