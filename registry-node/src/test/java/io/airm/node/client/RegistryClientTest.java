package io.airm.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The client's transport against a real HTTP server (the JDK's) that answers from a script: which
 * answers it retries and how long it waits, that a retried POST keeps its idempotency key, and how
 * refusals become typed problems.
 */
class RegistryClientTest {
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final Eip712Domain DOMAIN =
      Eip712Domain.workRegistry(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));

  /** One request as the server saw it. */
  record Seen(String method, String path, Map<String, List<String>> headers, String body) {
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }
  }

  /** What the server does with one request. */
  interface Step {
    void answer(HttpExchange exchange, String body) throws IOException;
  }

  private HttpServer server;
  private final Map<String, Deque<Step>> script = new ConcurrentHashMap<>();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
          seen.add(
              new Seen(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          Deque<Step> steps = script.get(key);
          Step step = steps == null ? null : steps.size() > 1 ? steps.poll() : steps.peek();
          if (step == null) {
            respond(exchange, 404, "application/problem+json", problem(404, "not-found", key));
          } else {
            step.answer(exchange, body);
          }
        });
    server.start();
    on("GET /v1/registry", (x, b) -> respond(x, 200, "application/json", registryJson()));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private RegistryClient client() {
    return RegistryClient.builder(uri())
        .initialBackoff(Duration.ofMillis(10))
        .maxRetryWait(Duration.ofSeconds(2))
        .build();
  }

  /** The steps for {@code route}, in order; the last one repeats. */
  private void on(String route, Step... steps) {
    script.put(route, new ArrayDeque<>(List.of(steps)));
  }

  private List<Seen> seen(String method, String path) {
    synchronized (seen) {
      return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    respond(exchange, status, type, body, Map.of());
  }

  private static void respond(
      HttpExchange exchange, int status, String type, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private static String problem(int status, String slug, String detail) {
    ObjectNode p = WireFormat.JSON.createObjectNode();
    p.put("type", "urn:airm:problem:" + slug);
    p.put("title", slug.replace('-', ' '));
    p.put("status", status);
    p.put("detail", detail);
    p.put("instance", "/v1/works");
    return p.toString();
  }

  private static String registryJson() {
    ObjectNode body = WireFormat.JSON.createObjectNode();
    ObjectNode d = body.putObject("eip712Domain");
    d.put("name", DOMAIN.name());
    d.put("version", DOMAIN.version());
    d.put("chainId", 31337);
    d.put("verifyingContract", DOMAIN.verifyingContract().value());
    body.put("chainId", 31337);
    body.put("workRegistry", DOMAIN.verifyingContract().value());
    body.put("deploymentBlock", 1);
    body.put("rpcUrl", "http://127.0.0.1:1");
    body.put("logSize", 0);
    return body.toString();
  }

  /** Answers a hash-only registration as the node does: 202 with the digest of what was signed. */
  private static void accept(HttpExchange exchange, String body) throws IOException {
    JsonNode request = WireFormat.JSON.readTree(body);
    WorkRegistration registration =
        WireFormat.registration(request.get("registration"), "registration");
    ObjectNode answer = WireFormat.JSON.createObjectNode();
    answer.put("workId", registration.digest(DOMAIN).hex());
    answer.put("logIndex", 7);
    answer.put("cid", registration.cid());
    answer.put("state", "pending");
    respond(exchange, 202, "application/json", answer.toString());
  }

  private static WorkUpload hashOnly() {
    return WorkUpload.ofBytes("a work\n".getBytes(StandardCharsets.UTF_8)).hashOnly();
  }

  @Test
  void register_429ThenAccepted_waitsRetryAfter_andKeepsTheIdempotencyKey() {
    on(
        "POST /v1/works",
        (x, b) ->
            respond(
                x,
                429,
                "application/problem+json",
                problem(429, "too-many-requests", "Too many requests"),
                Map.of("Retry-After", "1")),
        RegistryClientTest::accept);

    long started = System.nanoTime();
    Registered registered = client().register(new WorkSigner(CREATOR_KEY), hashOnly());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    List<Seen> posts = seen("POST", "/v1/works");
    assertThat(posts).hasSize(2);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    String key = posts.get(0).header("Idempotency-Key").orElseThrow();
    assertThat(key).isNotBlank();
    assertThat(posts.get(1).header("Idempotency-Key")).contains(key);
    assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
    assertThat(registered.logIndex()).isEqualTo(7);
  }

  @Test
  void register_lostConnectionThen503ThenAccepted_retriesUnderOneKey() {
    on(
        "POST /v1/works",
        (x, b) -> x.close(), // the connection drops without an answer
        (x, b) ->
            respond(
                x,
                503,
                "application/problem+json",
                problem(503, "unavailable", "The database is down")),
        RegistryClientTest::accept);

    Registered registered = client().register(new WorkSigner(CREATOR_KEY), hashOnly());

    List<Seen> posts = seen("POST", "/v1/works");
    assertThat(posts).hasSize(3);
    assertThat(posts.stream().map(s -> s.header("Idempotency-Key").orElseThrow()).distinct())
        .hasSize(1);
    assertThat(registered.replayed()).isFalse();
  }

  @Test
  void twoRegistrations_useTwoKeys() {
    on("POST /v1/works", RegistryClientTest::accept);
    RegistryClient client = client();
    client.register(new WorkSigner(CREATOR_KEY), hashOnly());
    client.register(new WorkSigner(CREATOR_KEY), hashOnly());
    List<Seen> posts = seen("POST", "/v1/works");
    assertThat(posts.get(0).header("Idempotency-Key"))
        .isNotEqualTo(posts.get(1).header("Idempotency-Key"));
  }

  @Test
  void replayedAnswer_isReportedAsReplayed() {
    on(
        "POST /v1/works",
        (x, b) -> {
          x.getResponseHeaders().add("Idempotent-Replayed", "true");
          accept(x, b);
        });
    assertThat(client().register(new WorkSigner(CREATOR_KEY), hashOnly()).replayed()).isTrue();
  }

  @Test
  void idempotencyKeyInFlight_isRetried() {
    on(
        "POST /v1/works",
        (x, b) ->
            respond(
                x,
                409,
                "application/problem+json",
                problem(409, "idempotency-key-in-flight", "still being processed"),
                Map.of("Retry-After", "0")),
        RegistryClientTest::accept);
    client().register(new WorkSigner(CREATOR_KEY), hashOnly());
    assertThat(seen("POST", "/v1/works")).hasSize(2);
  }

  @Test
  void retryAfterLongerThanTheClientWaits_isNotWaitedFor() {
    on(
        "GET /v1/works/" + "0x" + "ab".repeat(32),
        (x, b) ->
            respond(
                x,
                429,
                "application/problem+json",
                problem(429, "too-many-requests", "Too many requests from peer:127.0.0.1"),
                Map.of("Retry-After", "100")));
    long started = System.nanoTime();
    assertThatThrownBy(() -> client().getWork(Bytes32.parse("0x" + "ab".repeat(32))))
        .isInstanceOfSatisfying(
            RegistryProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.type()).isEqualTo("urn:airm:problem:too-many-requests");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(seen("GET", "/v1/works/0x" + "ab".repeat(32))).hasSize(1);
  }

  @Test
  void attemptsExhausted_throwTheLastProblem() {
    on(
        "GET /v1/registry",
        (x, b) ->
            respond(x, 503, "application/problem+json", problem(503, "unavailable", "still down")));
    RegistryClient client =
        RegistryClient.builder(uri()).maxAttempts(3).initialBackoff(Duration.ofMillis(5)).build();
    assertThatThrownBy(client::info)
        .isInstanceOfSatisfying(
            RegistryProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.detail()).isEqualTo("still down");
            });
    assertThat(seen("GET", "/v1/registry")).hasSize(3);
  }

  @Test
  void rawPostWithoutKey_isTriedOnce() {
    on(
        "POST /v1/works",
        (x, b) -> respond(x, 503, "application/problem+json", problem(503, "unavailable", "down")));
    RegistryClient.Answer answer = client().postJson("v1/works", "{}");
    assertThat(answer.status()).isEqualTo(503);
    assertThat(seen("POST", "/v1/works")).hasSize(1);
    assertThat(seen("POST", "/v1/works").get(0).header("Idempotency-Key")).isEmpty();
  }

  @Test
  void problem_isTyped_withStatusTypeTitleDetailAndInstance() {
    on(
        "POST /v1/works",
        (x, b) ->
            respond(
                x,
                422,
                "application/problem+json",
                problem(422, "content-mismatch", "The content hashes to 0x12, not 0x34")));
    assertThatThrownBy(() -> client().register(new WorkSigner(CREATOR_KEY), hashOnly()))
        .isInstanceOfSatisfying(
            RegistryProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.type()).isEqualTo("urn:airm:problem:content-mismatch");
              assertThat(e.title()).isEqualTo("content mismatch");
              assertThat(e.detail()).isEqualTo("The content hashes to 0x12, not 0x34");
              assertThat(e.instance()).contains("/v1/works");
              assertThat(e.getMessage()).contains("422").contains("0x12, not 0x34");
            });
    assertThat(seen("POST", "/v1/works")).hasSize(1); // a 4xx is not retried
  }

  @Test
  void nonProblemError_isAboutBlank_withTheBodyAsDetail() {
    on("GET /v1/registry", (x, b) -> respond(x, 500, "application/json", "{\"oops\":1}"));
    assertThatThrownBy(() -> client().info())
        .isInstanceOfSatisfying(
            RegistryProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.type()).isEqualTo("about:blank");
              assertThat(e.detail()).contains("oops");
            });
  }

  @Test
  void answerNotJson_isAClientException_namingTheUri() {
    on("GET /v1/registry", (x, b) -> respond(x, 200, "text/html", "<html>a proxy</html>"));
    assertThatThrownBy(() -> client().info())
        .isInstanceOf(RegistryClientException.class)
        .hasMessageContaining("/v1/registry")
        .hasMessageContaining("not JSON");
  }

  @Test
  void nodeNotReachable_isStatusZero_afterItsAttempts() throws IOException {
    URI closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    RegistryClient client =
        RegistryClient.builder(closed).maxAttempts(2).initialBackoff(Duration.ofMillis(5)).build();
    assertThatThrownBy(client::info)
        .isInstanceOfSatisfying(
            RegistryClientException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.getMessage()).contains("Cannot reach").contains("2 attempts");
            });
  }

  @Test
  void bearerToken_isSentWithEveryRequest_andNeverShown() {
    RegistryClient client =
        RegistryClient.builder(uri()).bearerToken("operator-secret-token").build();
    client.info();
    assertThat(seen("GET", "/v1/registry").get(0).header("Authorization"))
        .contains("Bearer operator-secret-token");
    assertThat(client.toString()).doesNotContain("operator-secret-token");
  }

  @Test
  void submitAttestation_retriesUnderOneKey_andChecksTheId() {
    AttestationSigner company = new AttestationSigner(CREATOR_KEY);
    Eip712Domain domain = AttestationMessage.domain(31337, Address.parse("0x" + "ab".repeat(20)));
    var signed =
        company.sign(
            Bytes32.parse("0x" + "42".repeat(32)),
            "model 1",
            EvidenceDocument.none(List.of(Bytes32.parse("0x" + "01".repeat(32)))),
            java.math.BigInteger.ZERO,
            Duration.ofHours(1),
            domain);
    on(
        "POST /v1/attestations",
        (x, b) -> respond(x, 503, "application/problem+json", problem(503, "unavailable", "x")),
        (x, b) -> {
          JsonNode request = WireFormat.JSON.readTree(b);
          AttestationMessage message =
              WireFormat.attestation(request.get("attestation"), "attestation");
          ObjectNode answer = WireFormat.JSON.createObjectNode();
          answer.put("id", message.digest(domain).hex());
          answer.put("logIndex", 3);
          answer.put("evidenceCid", "bafkreiexample");
          answer.put("state", "pending");
          respond(x, 202, "application/json", answer.toString());
        });
    AttestationReceipt receipt = client().submitAttestation(signed);
    assertThat(receipt.id()).isEqualTo(signed.id());
    List<Seen> posts = seen("POST", "/v1/attestations");
    assertThat(posts).hasSize(2);
    assertThat(posts.get(1).header("Idempotency-Key"))
        .isEqualTo(posts.get(0).header("Idempotency-Key"));
  }

  @Test
  void registeredIdOtherThanSigned_isRefused() {
    on(
        "POST /v1/works",
        (x, b) ->
            respond(
                x,
                202,
                "application/json",
                "{\"workId\":\"0x"
                    + "cd".repeat(32)
                    + "\",\"logIndex\":1,\"cid\":\"bafk\",\"state\":\"pending\"}"));
    assertThatThrownBy(() -> client().register(new WorkSigner(CREATOR_KEY), hashOnly()))
        .isInstanceOf(RegistryClientException.class)
        .hasMessageContaining("but the creator signed");
  }

  @Test
  void retryAfter_readsSecondsAndHttpDates() {
    assertThat(RegistryClient.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
    assertThat(RegistryClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .contains(Duration.ZERO); // a date in the past: retry now
    assertThat(RegistryClient.parseRetryAfter("soon")).isEmpty();
  }

  @Test
  void signers_neverShowTheirKey() {
    String hex = CREATOR_KEY.substring(2);
    assertThat(new WorkSigner(CREATOR_KEY).toString()).doesNotContain(hex).contains("0x");
    assertThat(AttestationSigner.of(Credentials.create(CREATOR_KEY)).toString())
        .doesNotContain(hex);
    assertThatThrownBy(() -> WorkSigner.fromHex(CREATOR_KEY.substring(0, 60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(CREATOR_KEY.substring(2, 60));
  }
}
