package io.airm.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
  private static final String ADMIN = "a".repeat(40);
  private static final String OPERATOR = "0123456789abcdef0123456789abcdef";

  private static NodeConfig config(Map<String, String> env) {
    return NodeConfig.from(new ConfigSource(Map.of(), env, new Properties(), new Properties()));
  }

  @Test
  void defaults_haveNoTokens_andExplicitLimits() {
    ApiConfig api = config(Map.of()).api();
    assertThat(api.adminToken()).isEmpty();
    assertThat(api.operatorToken()).isEmpty();
    assertThat(api.ratePerSecond()).isEqualTo(20);
    assertThat(api.burst()).isEqualTo(60);
    assertThat(api.authenticatedRatePerSecond()).isEqualTo(200);
    assertThat(api.authenticatedBurst()).isEqualTo(1000);
    assertThat(api.maxJsonDepth()).isEqualTo(32);
    assertThat(api.maxJsonString()).isEqualTo(65536);
  }

  @Test
  void tokens_comeFromTheEnvironment_andNeverReachToString() {
    NodeConfig config =
        config(Map.of("AIRM_API_ADMIN_TOKEN", ADMIN, "AIRM_API_OPERATOR_TOKEN", OPERATOR));
    assertThat(config.api().adminToken()).contains(ADMIN);
    assertThat(config.api().operatorToken()).contains(OPERATOR);
    assertThat(config.toString())
        .doesNotContain(ADMIN)
        .doesNotContain(OPERATOR)
        .contains("adminToken=(set)");
  }

  @Test
  void aShortToken_isRefused_namingTheKeyButNotTheValue() {
    assertThatThrownBy(() -> config(Map.of("AIRM_API_OPERATOR_TOKEN", "hunter2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.operator-token must be at least 32 characters")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aTokenWithCharactersABearerHeaderCannotCarry_isRefused() {
    assertThatThrownBy(() -> config(Map.of("AIRM_API_ADMIN_TOKEN", "a b".repeat(20))))
        .hasMessageContaining("api.admin-token may hold only");
  }

  @Test
  void theSameTokenForBothRoles_isRefused() {
    assertThatThrownBy(
            () -> config(Map.of("AIRM_API_ADMIN_TOKEN", ADMIN, "AIRM_API_OPERATOR_TOKEN", ADMIN)))
        .hasMessageContaining("must differ");
  }

  @Test
  void badLimits_nameTheirKey() {
    assertThatThrownBy(() -> config(Map.of("AIRM_API_RATE_LIMIT_PER_SECOND", "0")))
        .hasMessageContaining("api.rate-limit-per-second must be a positive number");
    assertThatThrownBy(() -> config(Map.of("AIRM_API_RATE_LIMIT_PER_SECOND", "fast")))
        .hasMessageContaining("api.rate-limit-per-second must be a number");
    assertThatThrownBy(() -> config(Map.of("AIRM_API_AUTHENTICATED_RATE_LIMIT_BURST", "0")))
        .hasMessageContaining("api.authenticated-rate-limit-burst");
    assertThatThrownBy(() -> config(Map.of("AIRM_HTTP_MAX_JSON_DEPTH", "1")))
        .hasMessageContaining("http.max-json-depth must be 2 to 1000");
    assertThatThrownBy(() -> config(Map.of("AIRM_HTTP_MAX_JSON_STRING", "10")))
        .hasMessageContaining("http.max-json-string must be at least 1024");
  }

  @Test
  void fractionalRates_areAllowed() {
    assertThat(config(Map.of("AIRM_API_RATE_LIMIT_PER_SECOND", "0.5")).api().ratePerSecond())
        .isEqualTo(0.5);
  }

  @Test
  void everyApiKey_isInTheKeysTable_withTheDefaultTheCodeUses() {
    Map<String, String> defaults =
        Map.of(
            "api.rate-limit-per-second", "20",
            "api.rate-limit-burst", "60",
            "api.authenticated-rate-limit-per-second", "200",
            "api.authenticated-rate-limit-burst", "1000",
            "http.max-json-depth", "32",
            "http.max-json-string", "65536",
            "api.admin-token", "",
            "api.operator-token", "");
    defaults.forEach(
        (key, value) ->
            assertThat(Arrays.stream(NodeConfig.KEYS).filter(row -> row[0].equals(key)))
                .as(key)
                .singleElement()
                .satisfies(row -> assertThat(row[1]).isEqualTo(value)));
  }
}
