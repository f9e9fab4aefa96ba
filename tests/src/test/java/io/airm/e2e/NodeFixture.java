package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eth.Bytes32;
import io.airm.localchain.AnvilBinary;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.RegistryNode;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import io.airm.node.storage.TestDatabases;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts real nodes (H2, block store, anvil) on a data folder, as {@code ./airm node} does; or on a
 * given database and an anvil started apart, as several nodes sharing them would run. Also the
 * small steps the end-to-end tests take on a node: registering a work, waiting for its state, and
 * changing its database behind its back.
 */
final class NodeFixture {
  private NodeFixture() {}

  /**
   * A node on {@code database} and the already running {@code chain}, anchoring with the chain's
   * anchorer key (anvil's dev key 0), with {@code settings} on top.
   */
  static NodeConfig config(
      Path data, LocalChain chain, TestDatabases.Fresh database, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>();
    all.put("data.dir", data.toString());
    all.put("port", "0");
    all.put("db.url", database.url());
    all.put("db.user", database.user());
    all.put("db.password", database.password());
    all.put("chain.rpc-url", chain.rpcUrl());
    all.put("chain.registry", chain.deployment().workRegistry());
    all.put("chain.deployment-block", Long.toString(chain.deployment().deploymentBlock()));
    all.put("chain.anchorer-key", DevAccounts.keyOf(chain.deployment().anchorer()).orElseThrow());
    all.put("chain.usage-attestations", chain.deployment().usageAttestations());
    all.put("chain.reward-distributor", chain.deployment().rewardDistributor());
    all.put("chain.operator-key", DevAccounts.key(1));
    all.put("chain.admin-key", DevAccounts.key(0));
    all.put("anchor.poll-interval", "PT0.1S");
    all.put("anchor.confirmations", "2");
    all.putAll(settings);
    return NodeConfig.from(ConfigSource.of(all, Optional.empty()));
  }

  /** A node started with {@link #config(Path, LocalChain, TestDatabases.Fresh, Map)}. */
  static RegistryNode start(
      Path data, LocalChain chain, TestDatabases.Fresh database, Map<String, String> settings) {
    return RegistryNode.start(config(data, chain, database, settings));
  }

  /**
   * anvil alone, with half-second blocks, for nodes started with {@link #config(Path, LocalChain,
   * TestDatabases.Fresh, Map)}.
   */
  static LocalChain chain(Path data) {
    return LocalChain.start(
        new LocalChain.Options(data, AnvilBinary.locate(), Duration.ofMillis(500), 0));
  }

  /** anvil alone, half-second blocks, its RewardDistributor with {@code challengeWindow}. */
  static LocalChain chain(Path data, Duration challengeWindow) {
    return LocalChain.start(
        new LocalChain.Options(data, AnvilBinary.locate(), Duration.ofMillis(500), 0)
            .withChallengeWindow(challengeWindow));
  }

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

  /**
   * Changes the node's database behind its back, as someone with access to it could: runs the
   * {@code UPDATE} with {@code parameters} bound in order, and returns how many rows it changed.
   */
  static int tamper(RegistryNode node, String update, Object... parameters) {
    return node.database()
        .orElseThrow()
        .inTransaction(
            "tamper",
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(update)) {
                for (int i = 0; i < parameters.length; i++) {
                  statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
              }
            });
  }

  /**
   * The creator registers {@code file}, its content uploaded with it, under CC-BY-4.0 with AI
   * training allowed and the optional {@code metadata}; the node accepts it (202). Returns the work
   * id.
   */
  static Bytes32 register(
      RegistryClient client, WorkSigner creator, Path file, Optional<String> metadata) {
    WorkSigner.Signed signed =
        creator.signFile(
            file, client.domain(), "CC-BY-4.0", true, metadata, List.of(), Duration.ofHours(1));
    RegistryClient.Answer answer =
        client.register(signed.registration(), signed.signature(), metadata, Optional.of(file));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    return signed.workId();
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
