package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.WorkSigner;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Idempotency-Key} on POST, over HTTP and a real H2 database. */
class IdempotencyApiTest {
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  @TempDir Path dir;
  private ApiHarness api;
  private Path file;
  private final WorkSigner creator = new WorkSigner(CREATOR_KEY);
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final AtomicInteger calls = new AtomicInteger();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /** Routes another engineer might add: one slow, one that fails once. */
  private final Consumer<RoutesConfig> testRoutes =
      routes -> {
        routes.post(
            "/test/slow",
            ctx -> {
              calls.incrementAndGet();
              entered.countDown();
              release.await(30, TimeUnit.SECONDS);
              ctx.status(201).contentType("application/json").result("{\"slow\":true}");
            });
        routes.post(
            "/test/flaky",
            ctx -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the first attempt fails");
              }
              ctx.contentType("application/json").result("{\"attempt\":" + calls.get() + "}");
            });
      };

  @BeforeEach
  void start() throws IOException {
    api = new ApiHarness(dir, options());
    file = dir.resolve("essay.txt");
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    Files.write(file, content);
  }

  private ApiHarness.Options options() {
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    return ApiHarness.Options.defaults()
        .withTokens(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.empty())
        .withClock(clock)
        .withRoutes(testRoutes);
  }

  @AfterEach
  void stop() {
    release.countDown();
    api.close();
  }

  private String registrationJson() {
    WorkSigner.Signed signed = creator.signFile(file, ApiHarness.DOMAIN);
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("registration", WireFormat.registration(signed.registration()));
    request.put("signature", signed.signature().toHex());
    return request.toString();
  }

  private HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.url + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postJson(String json, String key) throws Exception {
    return post(
        "/v1/works",
        "application/json",
        json.getBytes(StandardCharsets.UTF_8),
        "Idempotency-Key",
        key);
  }

  /** A multipart registration with a new random boundary, as a retrying client would send it. */
  private HttpResponse<String> postMultipart(String json, byte[] content, String key)
      throws Exception {
    String boundary = "b-" + UUID.randomUUID();
    var body = new java.io.ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + json
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"essay.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return post(
        "/v1/works",
        "multipart/form-data; boundary=" + boundary,
        body.toByteArray(),
        "Idempotency-Key",
        key);
  }

  private static void assertReplayOf(HttpResponse<String> replay, HttpResponse<String> first) {
    assertThat(replay.statusCode()).isEqualTo(first.statusCode());
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(replay.headers().firstValue("Content-Type"))
        .isEqualTo(first.headers().firstValue("Content-Type"));
    assertThat(replay.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }

  @Test
  void aRepeat_isAnsweredWithTheFirstAnswer_andStoresNothingTwice() throws Exception {
    String json = registrationJson();
    HttpResponse<String> first = postJson(json, "key-1");
    HttpResponse<String> repeat = postJson(json, "key-1");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    // without the key the repeat would be a 200 "already registered": this is the stored 202
    assertReplayOf(repeat, first);
    assertThat(api.rows("works")).isEqualTo(1);
    assertThat(api.rows("log_leaves")).isEqualTo(1);
    assertThat(api.rows("idempotency_keys")).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherBody_is422_andRunsNothing() throws Exception {
    String json = registrationJson();
    postJson(json, "key-1");
    HttpResponse<String> other = postJson(json.replace("}", " }"), "key-1");
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.body()).contains("urn:airm:problem:idempotency-key-reused");
    assertThat(api.rows("works")).isEqualTo(1);
  }

  @Test
  void multipart_isFingerprintedByItsFieldsAndFile_notItsBoundary() throws Exception {
    String json = registrationJson();
    byte[] content = Files.readAllBytes(file);
    HttpResponse<String> first = postMultipart(json, content, "upload-1");
    HttpResponse<String> repeat = postMultipart(json, content, "upload-1");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertReplayOf(repeat, first);

    byte[] changed = content.clone();
    changed[changed.length - 1] ^= 1; // one bit of the file, the JSON part unchanged
    HttpResponse<String> other = postMultipart(json, changed, "upload-1");
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(api.rows("works")).isEqualTo(1);
  }

  @Test
  void aRepeatWhileTheFirstIsInFlight_is409() throws Exception {
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return post(
                    "/test/slow", "application/json", "{}".getBytes(), "Idempotency-Key", "k");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> concurrent =
        post("/test/slow", "application/json", "{}".getBytes(), "Idempotency-Key", "k");
    assertThat(concurrent.statusCode()).isEqualTo(409);
    assertThat(concurrent.body()).contains("still being processed");
    assertThat(concurrent.headers().firstValue("Retry-After")).isPresent();

    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    HttpResponse<String> after =
        post("/test/slow", "application/json", "{}".getBytes(), "Idempotency-Key", "k");
    assertReplayOf(after, first.get());
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void a5xx_isNotStored_soTheRetryRuns_andItsAnswerIsStored() throws Exception {
    byte[] body = "{}".getBytes();
    assertThat(post("/test/flaky", "application/json", body, "Idempotency-Key", "f").statusCode())
        .isEqualTo(500);
    HttpResponse<String> retry =
        post("/test/flaky", "application/json", body, "Idempotency-Key", "f");
    assertThat(retry.statusCode()).isEqualTo(200);
    HttpResponse<String> again =
        post("/test/flaky", "application/json", body, "Idempotency-Key", "f");
    assertReplayOf(again, retry);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void a4xx_isStored_andReplayed() throws Exception {
    HttpResponse<String> first = postJson("{\"registration\": ", "bad-1");
    assertThat(first.statusCode()).isEqualTo(400);
    assertReplayOf(postJson("{\"registration\": ", "bad-1"), first);
  }

  @Test
  void theAnswer_survivesARestart_onTheSameDatabase() throws Exception {
    String json = registrationJson();
    HttpResponse<String> first = postJson(json, "key-restart");
    api.close();
    api = new ApiHarness(dir, options());

    assertReplayOf(postJson(json, "key-restart"), first);
    assertThat(api.rows("works")).isEqualTo(1);
  }

  @Test
  void keys_areScopedByPrincipal() throws Exception {
    String json = registrationJson();
    postJson(json, "shared");
    HttpResponse<String> admin =
        post(
            "/v1/works",
            "application/json",
            json.getBytes(StandardCharsets.UTF_8),
            "Idempotency-Key",
            "shared",
            "Authorization",
            "Bearer " + ApiHarness.ADMIN_TOKEN);
    // the registration ran again for the admin (and found the work), no replay of the peer's 202
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }

  @Test
  void keys_expireAfter24Hours() throws Exception {
    String json = registrationJson();
    postJson(json, "old");
    now.set(now.get().plus(Duration.ofHours(25)));
    HttpResponse<String> later = postJson("{\"registration\": 1}", "old");
    assertThat(later.statusCode()).as(later.body()).isEqualTo(400); // ran, not 422
    assertThat(later.body()).contains("registration must be a JSON object");
  }

  @Test
  void aQuotedKey_isTheSameKeyAsTheBareOne() throws Exception {
    String json = registrationJson();
    HttpResponse<String> first = postJson(json, "abc");
    assertReplayOf(postJson(json, "\"abc\""), first);
  }

  @Test
  void malformedKeys_are400() throws Exception {
    String json = registrationJson();
    for (String key : new String[] {"\"\"", "x".repeat(256), "\"a\"b\""}) {
      HttpResponse<String> response = postJson(json, key);
      assertThat(response.statusCode()).as(key).isEqualTo(400);
      assertThat(response.body()).contains("invalid-idempotency-key");
    }
    assertThat(api.rows("works")).isZero();
  }

  @Test
  void getRequests_ignoreTheHeader() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api.url + "/health"))
                .header("Idempotency-Key", "x")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.rows("idempotency_keys")).isZero();
  }
}
