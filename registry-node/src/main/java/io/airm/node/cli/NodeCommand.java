package io.airm.node.cli;

import io.airm.node.RegistryNode;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code airm node}: runs a registry node until interrupted. */
@Command(
    name = "node",
    description =
        "Runs a registry node. With no chain configured it starts a local anvil chain with the"
            + " contracts deployed; everything lives under --data.")
final class NodeCommand implements Callable<Integer> {
  static final AtomicBoolean RUNNING = new AtomicBoolean(false);

  @Option(names = "--data", description = "Data folder (default: ~/.airm, or AIRM_DATA_DIR)")
  Path data;

  @Option(names = "--port", description = "HTTP port (default: 8080, or AIRM_PORT)")
  Integer port;

  @Option(names = "--host", description = "Interface to listen on (default: 127.0.0.1)")
  String host;

  @Option(names = "--config", description = "A properties file of configuration keys")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> overrides = new HashMap<>();
    if (data != null) {
      overrides.put("data.dir", data.toString());
    }
    if (port != null) {
      overrides.put("port", port.toString());
    }
    if (host != null) {
      overrides.put("host", host);
    }
    NodeConfig nodeConfig =
        NodeConfig.from(ConfigSource.of(overrides, Optional.ofNullable(config)));
    RegistryNode node = RegistryNode.start(nodeConfig);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "airm-shutdown"));
    RUNNING.set(true);
    System.out.println("AIRM node ready");
    System.out.println("  API:          http://" + nodeConfig.host() + ":" + node.port());
    System.out.println("  chain RPC:    " + node.rpcUrl());
    System.out.println("  WorkRegistry: " + node.domain().verifyingContract());
    System.out.println("  data:         " + nodeConfig.dataDir());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
