package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.RegistryNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.storage.Database;
import io.airm.node.storage.TestDatabases;
import io.airm.node.storage.TestDatabases.Backend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations surface of a real node (H2, block store or a Kubo endpoint, anvil): readiness per
 * dependency as each really goes away, the metrics a scrape reads from the database and the chain,
 * and a stop that finishes a registration in flight.
 */
class OperationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(RegistryNode node, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Asks for readiness until {@code until} holds of the answer; fails after 15 s. */
  private JsonNode awaitReadiness(RegistryNode node, int status, Predicate<JsonNode> until)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    HttpResponse<String> answer = get(node, "/health/ready");
    while (!(answer.statusCode() == status && until.test(JSON.readTree(answer.body())))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      answer = get(node, "/health/ready");
    }
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(until.test(body)).as(answer.body()).isTrue();
    return body;
  }

  private static String status(JsonNode readiness, String dependency) {
    return readiness.path("checks").path(dependency).path("status").asText();
  }

  private Map<String, Double> scrape(RegistryNode node) throws Exception {
    HttpResponse<String> answer = get(node, "/metrics");
    assertThat(answer.statusCode()).isEqualTo(200);
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : answer.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return samples;
  }

  private Map<String, Double> awaitMetrics(RegistryNode node, Predicate<Map<String, Double>> until)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Map<String, Double> samples = scrape(node);
    while (!until.test(samples) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      samples = scrape(node);
    }
    assertThat(until.test(samples)).as(samples.toString()).isTrue();
    return samples;
  }

  @Test
  void readiness_reportsTheDatabaseAndTheChainApart_asEachGoesDown_andMetricsReadTheState()
      throws Exception {
    try (TestDatabases.Fresh database = TestDatabases.fresh(Backend.H2);
        LocalChain chain = NodeFixture.chain(dir.resolve("chain"));
        RegistryNode node =
            NodeFixture.start(
                dir.resolve("node"), chain, database, Map.of("anchor.interval", "PT0.5S"))) {
      JsonNode ready = awaitReadiness(node, 200, body -> true);
      assertThat(ready.path("status").asText()).isEqualTo("ready");
      assertThat(status(ready, "database")).isEqualTo("up");
      assertThat(status(ready, "chain")).isEqualTo("up");
      assertThat(status(ready, "ipfs")).isEqualTo("up");
      assertThat(ready.at("/checks/chain/headBlock").asLong()).isPositive();

      RegistryClient client = new RegistryClient(node.url());
      WorkSigner creator = new WorkSigner(DevAccounts.key(5));
      Path file = dir.resolve("work.txt");
      Files.writeString(file, "a work the metrics will count\n");
      WorkSigner.Signed signed = creator.signFile(file, client.domain());
      assertThat(
              client
                  .register(
                      signed.registration(),
                      signed.signature(),
                      Optional.empty(),
                      Optional.of(file))
                  .status())
          .isEqualTo(202);
      NodeFixture.awaitState(client, signed.workId(), "final", Duration.ofSeconds(60));

      Map<String, Double> samples =
          awaitMetrics(
              node,
              s ->
                  Double.valueOf(0).equals(s.get("airm_log_entries_pending"))
                      && s.containsKey("airm_pool_indexer_block"));
      assertThat(samples)
          .containsEntry("airm_log_size", 1.0)
          .containsEntry("airm_anchor_final_tree_size", 1.0)
          .containsEntry("airm_anchor_transactions_in_flight", 0.0)
          .containsEntry("airm_anchor_lag_seconds", 0.0)
          .containsEntry(
              "airm_http_requests_total{method=\"POST\",route=\"/v1/works\",status=\"202\"}", 1.0);
      double head = samples.get("airm_chain_head_block");
      assertThat(head).isPositive();
      // the indexer keeps `anchor.confirmations` blocks behind the head, and polls twice a second
      assertThat(samples.get("airm_pool_indexer_lag_blocks"))
          .isEqualTo(head - samples.get("airm_pool_indexer_block"))
          .isBetween(0.0, 20.0);

      // the database goes away: database down, the chain and IPFS still up
      node.database().orElseThrow().close();
      JsonNode noDatabase = awaitReadiness(node, 503, b -> status(b, "database").equals("down"));
      assertThat(noDatabase.path("status").asText()).isEqualTo("not-ready");
      assertThat(status(noDatabase, "chain")).isEqualTo("up");
      assertThat(status(noDatabase, "ipfs")).isEqualTo("up");
      assertThat(noDatabase.at("/checks/database/error").asText()).isNotBlank();

      // then the chain: anvil stopped
      chain.close();
      JsonNode noChain = awaitReadiness(node, 503, b -> status(b, "chain").equals("down"));
      assertThat(status(noChain, "ipfs")).isEqualTo("up");
      assertThat(noChain.at("/checks/chain/error").asText()).isNotBlank();
      assertThat(get(node, "/health/live").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aKuboNodeThatIsNotThere_isIpfsDown_andItsFailuresAreCounted() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (TestDatabases.Fresh database = TestDatabases.fresh(Backend.H2);
        LocalChain chain = NodeFixture.chain(dir.resolve("chain"));
        RegistryNode node =
            NodeFixture.start(
                dir.resolve("node"),
                chain,
                database,
                Map.of("ipfs.kubo-url", "http://127.0.0.1:" + closed))) {
      JsonNode body = awaitReadiness(node, 503, b -> status(b, "ipfs").equals("down"));
      assertThat(status(body, "database")).isEqualTo("up");
      assertThat(status(body, "chain")).isEqualTo("up");
      assertThat(body.at("/checks/ipfs/error").asText())
          .isNotBlank()
          .doesNotContain(Integer.toString(closed)); // the configured endpoint is redacted

      String cid = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
      assertThat(get(node, "/ipfs/" + cid).statusCode()).isEqualTo(502);
      // whichever operation the gateway tried first, the store's failure is counted
      awaitMetrics(
          node,
          s ->
              s.entrySet().stream()
                      .filter(e -> e.getKey().startsWith("airm_ipfs_errors_total{"))
                      .filter(e -> e.getKey().contains("store=\"kubo\""))
                      .mapToDouble(Map.Entry::getValue)
                      .sum()
                  >= 1.0);
    }
  }

  @Test
  void close_finishesARegistrationInFlight_refusesNewConnections_andReturnsInTime()
      throws Exception {
    Duration timeout = Duration.ofSeconds(20);
    try (TestDatabases.Fresh database = TestDatabases.fresh(Backend.H2);
        LocalChain chain = NodeFixture.chain(dir.resolve("chain"))) {
      RegistryNode node =
          NodeFixture.start(
              dir.resolve("node"),
              chain,
              database,
              Map.of("node.shutdown-timeout", timeout.toString()));
      RegistryClient client = new RegistryClient(node.url());
      WorkSigner creator = new WorkSigner(DevAccounts.key(7));
      Path file = dir.resolve("large.bin");
      byte[] content = new byte[2_000_000];
      new Random(7).nextBytes(content);
      Files.write(file, content);
      WorkSigner.Signed signed = creator.signFile(file, client.domain());
      ObjectNode request = WireFormat.JSON.createObjectNode();
      request.set("registration", WireFormat.registration(signed.registration()));
      request.put("signature", signed.signature().toHex());
      String boundary = "airm-ops-boundary";
      byte[] head =
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
                  + "Content-Type: application/json\r\n\r\n"
                  + request
                  + "\r\n--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"c\"\r\n"
                  + "Content-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
      int port = node.port();

      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/works HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: multipart/form-data; boundary="
                    + boundary
                    + "\r\nContent-Length: "
                    + (head.length + content.length + tail.length)
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(head);
        out.write(content, 0, content.length / 2); // the upload is half sent, slowly
        out.flush();
        Thread.sleep(500);

        long closing = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(node::close);
        assertThat(awaitRefused(port)).as("new connections refused once stopping").isTrue();
        assertThat(node.readiness().check().ready()).isFalse();
        assertThat(stopped).isNotDone(); // it waits for the upload

        out.write(content, content.length / 2, content.length - content.length / 2);
        out.write(tail);
        out.flush();
        String answer = readAll(socket.getInputStream());
        assertThat(answer).startsWith("HTTP/1.1 202");
        assertThat(answer).contains(signed.workId().hex());

        stopped.get(timeout.toSeconds() + 5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(timeout);
      }

      // what was accepted is stored
      Database db = database.open();
      long works =
          db.inTransaction(
              "count works",
              c -> {
                try (PreparedStatement count =
                    c.prepareStatement("SELECT COUNT(*) FROM works WHERE work_id = ?")) {
                  count.setString(1, signed.workId().hex());
                  try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                  }
                }
              });
      assertThat(works).isEqualTo(1);
    }
  }

  /** Connects until the connection is refused; false if it never is within 10 s. */
  private static boolean awaitRefused(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        Thread.sleep(20);
      } catch (ConnectException e) {
        return true;
      } catch (IOException e) {
        // anything else: try again
      }
    }
    return false;
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
