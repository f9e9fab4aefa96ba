package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airm.node.client.WorkSigner;
import io.airm.node.testing.SignedWorks;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations surface over a real H2 database and a real block store: metrics after real
 * requests, IPFS failures counted, readiness per dependency, request ids, the metrics token, and a
 * graceful stop that lets a request in flight finish.
 */
class OperationsApiTest {
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final WorkSigner creator = new WorkSigner(CREATOR_KEY);
  private ApiHarness api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private ApiHarness start(ApiHarness.Options options) {
    api = new ApiHarness(dir, options);
    return api;
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.url + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The samples of a Prometheus text exposition: {@code name{labels}} to value. */
  private static Map<String, Double> samples(String exposition) {
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return samples;
  }

  private Map<String, Double> scrape() throws Exception {
    HttpResponse<String> answer = get("/metrics");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    return samples(answer.body());
  }

  /** Scrapes until {@code sample} has {@code value}: a request is counted as its answer leaves. */
  private Map<String, Double> awaitSample(String sample, double value) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Map<String, Double> samples = scrape();
    while (!Double.valueOf(value).equals(samples.get(sample)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      samples = scrape();
    }
    assertThat(samples).containsEntry(sample, value);
    return samples;
  }

  private WorkSigner.Signed registerHashOnly(long n) {
    WorkSigner.Signed signed = SignedWorks.signed(creator, ApiHarness.DOMAIN, n, List.of());
    var answer =
        api.client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.empty());
    assertThat(answer.status()).isEqualTo(202);
    return signed;
  }

  @Test
  void metrics_countRequestsByRouteTemplate_andReportTheLogAsItIs() throws Exception {
    start(ApiHarness.Options.defaults());
    WorkSigner.Signed first = registerHashOnly(1);
    registerHashOnly(2);
    assertThat(get("/v1/works/" + first.workId().hex()).statusCode()).isEqualTo(200);
    assertThat(get("/v1/works/" + first.workId().hex()).statusCode()).isEqualTo(200);
    String unknown = "0x" + "ab".repeat(32);
    assertThat(get("/v1/works/" + unknown).statusCode()).isEqualTo(404);
    assertThat(get("/no/such/route").statusCode()).isEqualTo(404);

    Map<String, Double> samples =
        awaitSample(
            "airm_http_requests_total{method=\"GET\",route=\"/v1/works/{workId}\",status=\"200\"}",
            2.0);
    assertThat(samples)
        .containsEntry(
            "airm_http_requests_total{method=\"POST\",route=\"/v1/works\",status=\"202\"}", 2.0)
        .containsEntry(
            "airm_http_requests_total{method=\"GET\",route=\"/v1/works/{workId}\",status=\"404\"}",
            1.0)
        .containsEntry(
            "airm_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}", 1.0)
        .containsEntry(
            "airm_http_request_duration_seconds_count{method=\"GET\",route=\"/v1/works/{workId}\"}",
            3.0);
    // labels are templates: no work id and no unmatched path ever becomes a label value
    assertThat(samples.keySet())
        .noneMatch(key -> key.contains(first.workId().hex().substring(2)))
        .noneMatch(key -> key.contains(unknown.substring(2)))
        .noneMatch(key -> key.contains("/no/such/route"));

    long treeSize = api.client.logHead().get("treeSize").asLong();
    assertThat(treeSize).isEqualTo(2);
    assertThat(samples)
        .containsEntry("airm_log_size", (double) treeSize)
        .containsEntry("airm_log_entries_pending", (double) treeSize) // nothing anchored here
        .containsEntry("airm_anchor_final_tree_size", 0.0)
        .containsEntry("airm_anchor_transactions_in_flight", 0.0)
        .containsEntry("airm_attestations{state=\"pending\"}", 0.0)
        .containsEntry("airm_settlement_runs{state=\"waiting\"}", 0.0);
    assertThat(samples.get("airm_anchor_lag_seconds")).isGreaterThanOrEqualTo(0.0);
    assertThat(samples.keySet())
        .anyMatch(key -> key.startsWith("jvm_memory_used_bytes"))
        .anyMatch(key -> key.startsWith("jvm_threads_current"))
        // no chain in the harness: its gauges are absent rather than made up
        .noneMatch(key -> key.startsWith("airm_chain_head_block"));

    // the scrapes themselves are requests too, and the counter moves
    double scrapes =
        samples.getOrDefault(
            "airm_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"200\"}", 0.0);
    awaitSample(
        "airm_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"200\"}", scrapes + 1);
  }

  @Test
  void metrics_speakOpenMetrics_whenTheScraperAsks() throws Exception {
    start(ApiHarness.Options.defaults());
    assertThat(get("/v1/log").statusCode()).isEqualTo(200);
    String accept = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    String counted = "airm_http_requests_total{method=\"GET\",route=\"/v1/log\",status=\"200\"} 1";
    HttpResponse<String> answer = get("/metrics", "Accept", accept);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!answer.body().contains(counted) && System.nanoTime() < deadline) {
      Thread.sleep(50); // a request is counted as its answer leaves
      answer = get("/metrics", "Accept", accept);
    }
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text");
    assertThat(answer.body())
        .contains("# TYPE airm_http_requests counter")
        .contains(counted)
        .endsWith("# EOF\n");
  }

  @Test
  void ipfsErrors_countTheStoresFailures_notTheClientsMistakes() throws Exception {
    start(ApiHarness.Options.defaults());
    Path file = dir.resolve("work.txt");
    Files.writeString(file, "a work whose block will rot\n");
    WorkSigner.Signed signed = creator.signFile(file, ApiHarness.DOMAIN);
    var registered =
        api.client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));
    assertThat(registered.status()).isEqualTo(202);
    String cid = signed.registration().cid();
    assertThat(get("/ipfs/" + cid).statusCode()).isEqualTo(200);
    assertThat(get("/ipfs/not-a-cid").statusCode()).isEqualTo(400);
    assertThat(ipfsErrors(scrape())).isZero();

    // bit rot: one byte of every stored block flipped, lengths kept
    try (Stream<Path> files = Files.walk(api.blocks)) {
      for (Path block : files.filter(Files::isRegularFile).toList()) {
        if (!block.getFileName().toString().equals("SHARDING")) {
          byte[] bytes = Files.readAllBytes(block);
          bytes[bytes.length / 2] ^= 0x01;
          Files.write(block, bytes);
        }
      }
    }
    assertThat(get("/ipfs/" + cid).statusCode()).isEqualTo(502);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (ipfsErrors(scrape()) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ipfsErrors(scrape())).isEqualTo(1.0);
  }

  private static double ipfsErrors(Map<String, Double> samples) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().startsWith("airm_ipfs_errors_total{"))
        .peek(e -> assertThat(e.getKey()).contains("store=\"embedded\""))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  @Test
  void readiness_reportsEachDependency_andGoesDownWithTheDatabase() throws Exception {
    start(ApiHarness.Options.defaults());
    HttpResponse<String> live = get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(live.body()).get("status").asText()).isEqualTo("live");

    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(ready.body());
    assertThat(body.get("status").asText()).isEqualTo("ready");
    assertThat(body.at("/checks/database/status").asText()).isEqualTo("up");
    assertThat(body.at("/checks/ipfs/status").asText()).isEqualTo("up");
    assertThat(body.at("/checks/ipfs/store").asText()).isEqualTo("embedded");
    assertThat(body.at("/checks/database/latencyMs").isIntegralNumber()).isTrue();

    api.database.close(); // the pool refuses connections from now on: the database is gone
    Thread.sleep(1100); // the last checks answer for a second
    HttpResponse<String> down = get("/health/ready");
    assertThat(down.statusCode()).isEqualTo(503);
    body = JSON.readTree(down.body());
    assertThat(body.get("status").asText()).isEqualTo("not-ready");
    assertThat(body.at("/checks/database/status").asText()).isEqualTo("down");
    assertThat(body.at("/checks/database/error").asText()).isNotBlank();
    assertThat(body.at("/checks/ipfs/status").asText()).isEqualTo("up");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void probes_areNeverRateLimited_butTheApiStillIs() throws Exception {
    start(ApiHarness.Options.defaults().withRateLimit(1, 2));
    for (int i = 0; i < 10; i++) {
      assertThat(get("/health/live").statusCode()).isEqualTo(200);
      assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(get("/v1/log").statusCode());
    }
    assertThat(statuses).contains(429);
  }

  @Test
  void requestIds_areEchoed_orGenerated_neverCopiedWhenUnsafe() throws Exception {
    start(ApiHarness.Options.defaults());
    assertThat(get("/health/live", "X-Request-Id", "trace-42.a_b").headers())
        .satisfies(h -> assertThat(h.firstValue("X-Request-Id")).contains("trace-42.a_b"));
    String generated = get("/v1/log").headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(generated).matches("[0-9a-f-]{36}");
    String unsafe =
        get("/v1/log", "X-Request-Id", "x\" injected=1")
            .headers()
            .firstValue("X-Request-Id")
            .orElseThrow();
    assertThat(unsafe).matches("[0-9a-f-]{36}");
    // an error answer carries it too
    assertThat(get("/v1/works/nope", "X-Request-Id", "r-404").headers().firstValue("X-Request-Id"))
        .contains("r-404");
  }

  @Test
  void metricsToken_whenSet_guardsMetrics_andOnlyMetrics() throws Exception {
    start(
        ApiHarness.Options.defaults()
            .withTokens(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.empty())
            .withMetricsToken(ApiHarness.METRICS_TOKEN));
    assertThat(get("/metrics").statusCode()).isEqualTo(401);
    assertThat(get("/metrics", "Authorization", "Bearer " + ApiHarness.METRICS_TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(get("/metrics", "Authorization", "Bearer " + ApiHarness.ADMIN_TOKEN).statusCode())
        .isEqualTo(200);
    // the metrics token opens nothing else
    var settle =
        api.client.postJson("v1/admin/attesters", "{}", Optional.of(ApiHarness.METRICS_TOKEN));
    assertThat(settle.status()).isEqualTo(403);
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void gracefulStop_letsARequestInFlightFinish_andRefusesNewConnections() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        ApiHarness.Options.defaults()
            .withRoutes(
                routes ->
                    routes.post(
                        "/test/slow",
                        ctx -> {
                          entered.countDown();
                          release.await(30, TimeUnit.SECONDS);
                          // the work of the request still reaches the database while stopping
                          api.database.inTransaction(
                              "write while stopping",
                              c -> {
                                try (var insert =
                                    c.prepareStatement(
                                        "INSERT INTO log_head (id, tree_size) VALUES (7, 7)")) {
                                  return insert.executeUpdate();
                                }
                              });
                          ctx.status(202).result("done");
                        })));
    String base = api.url;
    CompletableFuture<HttpResponse<String>> inFlight =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/test/slow"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    long stopStarted = System.nanoTime();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(api.app::stop);
    // the listener closes at once: a new connection is refused while the old request runs
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      try {
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(20);
      } catch (ConnectException e) {
        refused = true;
      } catch (IOException e) {
        refused = e.getCause() instanceof ConnectException;
      }
    }
    assertThat(refused).as("new connections refused while stopping").isTrue();
    assertThat(stopping).isNotDone();

    release.countDown();
    HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.body()).isEqualTo("done");
    stopping.get(ApiHarness.SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - stopStarted))
        .isLessThan(ApiHarness.SHUTDOWN_TIMEOUT);
    assertThat(api.rows("log_head")).isEqualTo(2); // the in-flight request's write is there
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }
}
