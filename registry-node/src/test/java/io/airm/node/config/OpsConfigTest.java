package io.airm.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operations keys: log.format, node.shutdown-timeout, api.metrics-token. */
class OpsConfigTest {
  private static NodeConfig config(Map<String, String> values) {
    return NodeConfig.from(ConfigSource.of(values, Optional.empty()));
  }

  @Test
  void defaults_areTextLogs_thirtySeconds_andOpenMetrics() {
    NodeConfig config = config(Map.of());
    assertThat(config.logFormat()).isEqualTo("text");
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.api().metricsToken()).isEmpty();
  }

  @Test
  void badValues_areRefused_namingTheKey() {
    assertThatThrownBy(() -> config(Map.of("log.format", "xml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("log.format");
    assertThatThrownBy(() -> config(Map.of("node.shutdown-timeout", "PT-1S")))
        .hasMessageContaining("node.shutdown-timeout");
    assertThatThrownBy(() -> config(Map.of("api.metrics-token", "short")))
        .hasMessageContaining("api.metrics-token");
    String token = "t".repeat(40);
    assertThatThrownBy(() -> config(Map.of("api.metrics-token", token, "api.admin-token", token)))
        .hasMessageContaining("api.metrics-token must differ");
  }

  @Test
  void theMetricsToken_neverReachesALog() {
    String token = "metrics-" + "s".repeat(40);
    NodeConfig config = config(Map.of("api.metrics-token", token, "log.format", "json"));
    assertThat(config.toString()).doesNotContain(token).contains("metricsToken=(set)");
    assertThat(config.logFormat()).isEqualTo("json");
  }

  @Test
  void everyNewKey_isInTheKeyTable() {
    assertThat(java.util.Arrays.stream(NodeConfig.KEYS).map(row -> row[0]))
        .contains("log.format", "node.shutdown-timeout", "api.metrics-token");
  }
}
