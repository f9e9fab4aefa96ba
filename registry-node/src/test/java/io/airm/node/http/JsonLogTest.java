package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import io.airm.node.ops.LogFormat;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code log.format=json}: every line the node writes while serving is one JSON object with the
 * usual fields and the request id, and no token, key or password appears in any of them.
 */
class JsonLogTest {
  private static final String WRONG_TOKEN = "wrong-token-" + "w".repeat(32);
  private static final String DB_PASSWORD = "db-password-that-must-not-leak";
  private static final String ANCHORER_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();
  private ch.qos.logback.classic.Logger access;
  private Level accessLevel;

  @AfterEach
  void restore() {
    access.setLevel(accessLevel);
    LogFormat.apply("text");
  }

  @Test
  void jsonLines_carryTheFieldsAndTheRequestId_andNoSecret() throws Exception {
    LogFormat.applyTo("json", out);
    access = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.airm.node.access");
    accessLevel = access.getLevel();
    access.setLevel(Level.INFO);

    // what the node logs at start: its configuration, secrets included in the source
    NodeConfig config =
        NodeConfig.from(
            ConfigSource.of(
                Map.of(
                    "db.password",
                    DB_PASSWORD,
                    "chain.anchorer-key",
                    ANCHORER_KEY,
                    "chain.rpc-url",
                    "http://127.0.0.1:1",
                    "chain.registry",
                    "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                    "chain.usage-attestations",
                    "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                    "chain.reward-distributor",
                    "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                    "chain.operator-key",
                    ANCHORER_KEY,
                    "api.admin-token",
                    ApiHarness.ADMIN_TOKEN,
                    "api.metrics-token",
                    ApiHarness.METRICS_TOKEN),
                Optional.empty()));
    LoggerFactory.getLogger("io.airm.node.RegistryNode").info("Starting AIRM node: {}", config);

    try (ApiHarness api =
        new ApiHarness(
            dir,
            ApiHarness.Options.defaults()
                .withTokens(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.empty())
                .withMetricsToken(ApiHarness.METRICS_TOKEN))) {
      send(api, "GET", "/v1/log", "X-Request-Id", "req-json-1");
      send(api, "GET", "/v1/log", "Authorization", "Bearer " + WRONG_TOKEN);
      send(api, "GET", "/metrics", "Authorization", "Bearer " + ApiHarness.METRICS_TOKEN);
      send(api, "GET", "/v1/pools", "Authorization", "Bearer " + ApiHarness.ADMIN_TOKEN);
      // the access line is written as the answer leaves: wait for the last one
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (lines().stream().filter(l -> l.contains("io.airm.node.access")).count() < 4
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }

    List<String> lines = lines();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      events.add(json.readTree(line)); // every line is one JSON object
    }
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.isObject()).isTrue());
    assertThat(events)
        .allSatisfy(
            e ->
                assertThat(e.fieldNames())
                    .toIterable()
                    .contains("timestamp", "level", "threadName", "loggerName"));

    List<JsonNode> accessLines =
        events.stream()
            .filter(e -> e.path("loggerName").asText().equals("io.airm.node.access"))
            .toList();
    assertThat(accessLines).hasSize(4);
    JsonNode first = accessLines.get(0);
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("mdc").path("requestId").asText()).isEqualTo("req-json-1");
    assertThat(first.path("formattedMessage").asText())
        .isEqualTo("GET /v1/log 200 " + keyValue(first, "durationMs") + " ms");
    assertThat(keyValue(first, "route")).isEqualTo("/v1/log");
    assertThat(keyValue(first, "status")).isEqualTo("200");
    assertThat(keyValue(accessLines.get(1), "status")).isEqualTo("401");
    assertThat(accessLines.get(1).path("mdc").path("requestId").asText()).matches("[0-9a-f-]{36}");

    String all = String.join("\n", lines);
    assertThat(all)
        .contains("Starting AIRM node")
        .doesNotContain(ApiHarness.ADMIN_TOKEN)
        .doesNotContain(ApiHarness.METRICS_TOKEN)
        .doesNotContain(WRONG_TOKEN)
        .doesNotContain(DB_PASSWORD)
        .doesNotContain(ANCHORER_KEY.substring(2))
        .doesNotContainIgnoringCase("authorization")
        .doesNotContain("Bearer");
  }

  /** A value of the line's key-value pairs (SLF4J's {@code addKeyValue}). */
  private static String keyValue(JsonNode event, String key) {
    for (JsonNode pair : event.path("kvpList")) {
      if (pair.has(key)) {
        return pair.get(key).asText();
      }
    }
    throw new AssertionError("no " + key + " in " + event);
  }

  private List<String> lines() {
    String text = out.toString(StandardCharsets.UTF_8);
    return text.isBlank() ? List.of() : List.of(text.split("\n"));
  }

  private void send(ApiHarness api, String method, String path, String header, String value)
      throws Exception {
    http.send(
        HttpRequest.newBuilder(URI.create(api.url + path))
            .header(header, value)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
