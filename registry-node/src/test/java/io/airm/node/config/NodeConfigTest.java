package io.airm.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
  private static ConfigSource source(
      Map<String, String> overrides,
      Map<String, String> env,
      Map<String, String> sys,
      Map<String, String> file) {
    Properties system = new Properties();
    system.putAll(sys);
    Properties properties = new Properties();
    properties.putAll(file);
    return new ConfigSource(overrides, env, system, properties);
  }

  @Test
  void defaults_areTheEmbeddedSetup() {
    NodeConfig config = NodeConfig.from(source(Map.of(), Map.of(), Map.of(), Map.of()));
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.rpcUrl()).isEmpty();
    assertThat(config.jdbcUrl()).isEmpty();
    assertThat(config.anchorInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.confirmations()).isEqualTo(2);
  }

  @Test
  void precedence_isOverridesThenEnvironmentThenSystemPropertyThenFile() {
    Map<String, String> file = Map.of("port", "1", "anchor.confirmations", "7", "host", "::1");
    Map<String, String> sys = Map.of("airm.port", "2", "airm.anchor.confirmations", "6");
    Map<String, String> env = Map.of("AIRM_PORT", "3");
    NodeConfig config = NodeConfig.from(source(Map.of(), env, sys, file));
    assertThat(config.port()).isEqualTo(3);
    assertThat(config.confirmations()).isEqualTo(6);
    assertThat(config.host()).isEqualTo("::1");
    assertThat(NodeConfig.from(source(Map.of("port", "4"), env, sys, file)).port()).isEqualTo(4);
  }

  @Test
  void environmentNames_followTheKeys() {
    assertThat(ConfigSource.environmentName("chain.rpc-url")).isEqualTo("AIRM_CHAIN_RPC_URL");
    assertThat(ConfigSource.environmentName("data.dir")).isEqualTo("AIRM_DATA_DIR");
  }

  @Test
  void aRemoteChain_needsARegistryAndAnAnchorerKey() {
    assertThatThrownBy(
            () ->
                NodeConfig.from(
                    source(
                        Map.of("chain.rpc-url", "http://127.0.0.1:8545"),
                        Map.of(),
                        Map.of(),
                        Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chain.registry and chain.anchorer-key are required");
  }

  @Test
  void badValues_nameTheirKey() {
    assertThatThrownBy(
            () -> NodeConfig.from(source(Map.of("port", "eighty"), Map.of(), Map.of(), Map.of())))
        .hasMessageContaining("port must be an integer");
    assertThatThrownBy(
            () ->
                NodeConfig.from(
                    source(Map.of("anchor.interval", "2s"), Map.of(), Map.of(), Map.of())))
        .hasMessageContaining("anchor.interval must be an ISO-8601 duration");
    assertThatThrownBy(
            () ->
                NodeConfig.from(
                    source(Map.of("chain.registry", "0x12"), Map.of(), Map.of(), Map.of())))
        .hasMessageContaining("chain.registry");
  }

  @Test
  void leaseTtl_defaultsToFifteenSeconds_andIsRefusedBelowOneSecond() {
    assertThat(NodeConfig.from(source(Map.of(), Map.of(), Map.of(), Map.of())).leaseTtl())
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(
            NodeConfig.from(source(Map.of("node.lease-ttl", "PT3S"), Map.of(), Map.of(), Map.of()))
                .leaseTtl())
        .isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(
            () ->
                NodeConfig.from(
                    source(Map.of("node.lease-ttl", "PT0.5S"), Map.of(), Map.of(), Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("node.lease-ttl must be at least PT1S");
  }

  @Test
  void attestationBodies_haveTheirOwnLimit_largeEnoughForTenThousandEmbeddings() {
    NodeConfig defaults = NodeConfig.from(source(Map.of(), Map.of(), Map.of(), Map.of()));
    // 10,000 works with d=384 int8 embeddings and 100 probes: about 7.8 MB of evidence
    assertThat(defaults.maxAttestationBytes()).isGreaterThan(8_000_000L);
    assertThat(defaults.maxJsonBytes()).isEqualTo(256L * 1024);
    assertThat(
            NodeConfig.from(
                    source(
                        Map.of("http.max-attestation-bytes", "65536"),
                        Map.of(),
                        Map.of(),
                        Map.of()))
                .maxAttestationBytes())
        .isEqualTo(65536);
    assertThatThrownBy(
            () ->
                NodeConfig.from(
                    source(
                        Map.of("http.max-attestation-bytes", "100"), Map.of(), Map.of(), Map.of())))
        .hasMessageContaining("http.max-attestation-bytes must be at least 1024");
  }

  @Test
  void toString_neverShowsTheKeyOrPassword() {
    String key = "0x" + "5".repeat(64);
    String operator = "0x" + "6".repeat(64);
    String admin = "0x" + "7".repeat(64);
    NodeConfig config =
        NodeConfig.from(
            source(
                Map.of(
                    "chain.rpc-url", "http://127.0.0.1:8545",
                    "chain.registry", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                    "chain.usage-attestations", "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
                    "chain.reward-distributor", "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0",
                    "chain.anchorer-key", key,
                    "chain.operator-key", operator,
                    "chain.admin-key", admin,
                    "db.password", "hunter2"),
                Map.of(),
                Map.of(),
                Map.of()));
    assertThat(config.toString())
        .doesNotContain(key.substring(2))
        .doesNotContain(operator.substring(2))
        .doesNotContain(admin.substring(2))
        .doesNotContain("hunter2");
  }

  @Test
  void aRemoteChain_needsTheSettlementContractsAndTheOperatorKey() {
    assertThatThrownBy(
            () ->
                NodeConfig.from(
                    source(
                        Map.of(
                            "chain.rpc-url", "http://127.0.0.1:8545",
                            "chain.registry", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                            "chain.anchorer-key", "0x" + "5".repeat(64)),
                        Map.of(),
                        Map.of(),
                        Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chain.operator-key");
  }

  @Test
  void derivedFolders_liveUnderTheDataDir() {
    NodeConfig config =
        NodeConfig.from(source(Map.of("data.dir", "/srv/airm"), Map.of(), Map.of(), Map.of()));
    assertThat(config.databaseDir()).isEqualTo(Path.of("/srv/airm/db"));
    assertThat(config.chainDir()).isEqualTo(Path.of("/srv/airm/chain"));
  }
}
