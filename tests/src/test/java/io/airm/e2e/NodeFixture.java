package io.airm.e2e;

import io.airm.chain.eth.Bytes32;
import io.airm.node.RegistryNode;
import io.airm.node.client.RegistryClient;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Starts real nodes (H2, block store, anvil) on a data folder, as {@code ./airm node} does. */
final class NodeFixture {
  private NodeFixture() {}

  static NodeConfig config(Path data, String anchorInterval) {
    return NodeConfig.from(
        ConfigSource.of(
            Map.of(
                "data.dir", data.toString(),
                "port", "0",
                "anchor.interval", anchorInterval,
                "anchor.poll-interval", "PT0.1S",
                "anchor.confirmations", "2",
                "chain.block-time", "PT0.5S"),
            Optional.empty()));
  }

  static RegistryNode start(Path data, String anchorInterval) {
    return RegistryNode.start(config(data, anchorInterval));
  }

  /** Polls the work until it reaches {@code state}; fails after {@code timeout}. */
  static void awaitState(RegistryClient client, Bytes32 workId, String state, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      last = client.work(workId).get("state").asText();
      if (last.equals(state)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "work "
            + workId
            + " did not reach "
            + state
            + " within "
            + timeout
            + " (last: "
            + last
            + ")");
  }
}
