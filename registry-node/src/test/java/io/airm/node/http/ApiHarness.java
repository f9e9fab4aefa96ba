package io.airm.node.http;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eth.Address;
import io.airm.ipfs.blockstore.FileSystemBlockStore;
import io.airm.node.api.JsonLimits;
import io.airm.node.client.RegistryClient;
import io.airm.node.content.BlockStoreContent;
import io.airm.node.content.MeteredContentStore;
import io.airm.node.domain.LogQueries;
import io.airm.node.domain.RegistrationService;
import io.airm.node.domain.WorkQueries;
import io.airm.node.gateway.GatewayEndpoint;
import io.airm.node.ops.NodeMetrics;
import io.airm.node.ops.Readiness;
import io.airm.node.settle.AttestationService;
import io.airm.node.settle.FakeAttestationChain;
import io.airm.node.settle.ReportCache;
import io.airm.node.settle.SettlementService;
import io.airm.node.storage.Database;
import io.airm.node.storage.JdbcAnchorStore;
import io.airm.node.storage.JdbcAttestationStore;
import io.airm.node.storage.JdbcIdempotencyStore;
import io.airm.node.storage.JdbcLog;
import io.airm.node.storage.JdbcOpsQueries;
import io.airm.node.storage.JdbcPoolStore;
import io.airm.node.storage.JdbcSettlementStore;
import io.airm.node.storage.JdbcWorkStore;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The node's HTTP API over a real H2 database and a real block store, without a chain: what a
 * registration needs is the domain, not the chain. Every answer it gives is recorded, and checked
 * against the OpenAPI document when the harness closes.
 */
final class ApiHarness implements AutoCloseable {
  static final Eip712Domain DOMAIN =
      Eip712Domain.workRegistry(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));

  /** The attestation route's own body limit in the harness (far above its JSON limit). */
  static final long MAX_ATTESTATION_BYTES = 512 * 1024;

  static final String ADMIN_TOKEN = "admin-token-" + "a".repeat(32);
  static final String OPERATOR_TOKEN = "operator-token-" + "o".repeat(32);
  static final String METRICS_TOKEN = "metrics-token-" + "m".repeat(32);

  /** How long the harness's stop waits for requests in flight. */
  static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How the harness's node is configured.
   *
   * @param extraRoutes routes only a test has, added after the API's own
   */
  record Options(
      long maxJsonBytes,
      long maxUploadBytes,
      Optional<String> adminToken,
      Optional<String> operatorToken,
      double ratePerSecond,
      int burst,
      JsonLimits jsonLimits,
      Clock clock,
      Consumer<RoutesConfig> extraRoutes,
      Optional<String> metricsToken) {

    static Options defaults() {
      return new Options(
          64 * 1024,
          2 * 1024 * 1024,
          Optional.empty(),
          Optional.empty(),
          1000,
          1000,
          new JsonLimits(32, 65_536, 64 * 1024),
          Clock.systemUTC(),
          routes -> {},
          Optional.empty());
    }

    Options withTokens(Optional<String> admin, Optional<String> operator) {
      return new Options(
          maxJsonBytes,
          maxUploadBytes,
          admin,
          operator,
          ratePerSecond,
          burst,
          jsonLimits,
          clock,
          extraRoutes,
          metricsToken);
    }

    Options withRateLimit(double perSecond, int burst) {
      return new Options(
          maxJsonBytes,
          maxUploadBytes,
          adminToken,
          operatorToken,
          perSecond,
          burst,
          jsonLimits,
          clock,
          extraRoutes,
          metricsToken);
    }

    Options withJsonLimits(JsonLimits limits) {
      return new Options(
          maxJsonBytes,
          maxUploadBytes,
          adminToken,
          operatorToken,
          ratePerSecond,
          burst,
          limits,
          clock,
          extraRoutes,
          metricsToken);
    }

    Options withClock(Clock clock) {
      return new Options(
          maxJsonBytes,
          maxUploadBytes,
          adminToken,
          operatorToken,
          ratePerSecond,
          burst,
          jsonLimits,
          clock,
          extraRoutes,
          metricsToken);
    }

    Options withMetricsToken(String token) {
      return new Options(
          maxJsonBytes,
          maxUploadBytes,
          adminToken,
          operatorToken,
          ratePerSecond,
          burst,
          jsonLimits,
          clock,
          extraRoutes,
          Optional.of(token));
    }

    Options withRoutes(Consumer<RoutesConfig> routes) {
      return new Options(
          maxJsonBytes,
          maxUploadBytes,
          adminToken,
          operatorToken,
          ratePerSecond,
          burst,
          jsonLimits,
          clock,
          routes,
          metricsToken);
    }
  }

  /** One answer of the node, as a client got it. */
  record Answered(String method, String path, int status, String contentType, byte[] body) {}

  final Database database;
  final FakeAttestationChain attestationChain = new FakeAttestationChain();
  final JdbcAttestationStore attestations;
  final Javalin app;
  final RegistryClient client;
  final NodeMetrics metrics = new NodeMetrics();
  final Readiness readiness;
  final Path blocks;
  final String url;
  private final List<Answered> answers = Collections.synchronizedList(new ArrayList<>());

  ApiHarness(Path dir, long maxJsonBytes, long maxUploadBytes) {
    this(
        dir,
        new Options(
            maxJsonBytes,
            maxUploadBytes,
            Optional.empty(),
            Optional.empty(),
            1000,
            1000,
            new JsonLimits(32, 65_536, maxJsonBytes),
            Clock.systemUTC(),
            routes -> {},
            Optional.empty()));
  }

  ApiHarness(Path dir, Options options) {
    database = Database.open(Database.h2Url(dir.resolve("db")), "sa", "");
    Clock clock = options.clock();
    var works = new JdbcWorkStore(database);
    var log = new JdbcLog(database);
    var anchors = new JdbcAnchorStore(database, clock);
    blocks = dir.resolve("blocks");
    FileSystemBlockStore blockStore = FileSystemBlockStore.open(blocks);
    var content =
        new MeteredContentStore(new BlockStoreContent(blockStore), "embedded", metrics::ipfsError);
    var ops = new JdbcOpsQueries(database, "test", clock);
    // no chain here: the chain's gauges are absent, and readiness probes the database and IPFS
    metrics.watch(
        ops,
        () -> {
          throw new IllegalStateException("the harness has no chain");
        });
    Map<String, Readiness.Probe> probes = new LinkedHashMap<>();
    probes.put(
        "database",
        () -> {
          ops.ping();
          return Map.of();
        });
    probes.put(
        "ipfs",
        () -> {
          if (!java.nio.file.Files.isWritable(blockStore.root())) {
            throw new IOException(blockStore.root() + " is not writable");
          }
          return Map.of("store", "embedded");
        });
    readiness = new Readiness(probes, Duration.ofMillis(500), Map.of());
    var registrations = new RegistrationService(DOMAIN, works, content, clock);
    attestations = new JdbcAttestationStore(database, clock);
    var guards =
        new ApiGuards(
            new AccessControl(
                options.adminToken(), options.operatorToken(), options.metricsToken()),
            new RateLimits(
                new TokenBuckets(options.ratePerSecond(), options.burst(), 1000, System::nanoTime),
                new TokenBuckets(
                    10 * options.ratePerSecond(), 10 * options.burst(), 1000, System::nanoTime)),
            options.jsonLimits(),
            new Idempotency(new JdbcIdempotencyStore(database), clock));
    guards.withLargeBody(
        "POST", "/v1/attestations", MAX_ATTESTATION_BYTES, "http.max-attestation-bytes");
    app =
        HttpApi.create(
            "127.0.0.1",
            0,
            new HttpApi.Limits(
                options.maxJsonBytes(), options.maxUploadBytes(), dir.resolve("spool")),
            guards,
            new WorksEndpoint(
                registrations,
                new WorkQueries(works, log, anchors),
                dir.resolve("spool"),
                options.jsonLimits()),
            new InfoEndpoints(DOMAIN, "http://127.0.0.1:1", 1, log, anchors, content),
            new LogEndpoint(new LogQueries(log, works, anchors)),
            new GatewayEndpoint(content),
            new HttpApi.SettlementEndpoints(
                new AttestationsEndpoint(
                    new AttestationService(attestationChain, attestations, works, content, clock),
                    attestations,
                    attestationChain,
                    MAX_ATTESTATION_BYTES),
                new PoolsEndpoint(
                    new SettlementService(
                        new JdbcPoolStore(database, "test"),
                        attestations,
                        new JdbcSettlementStore(database, clock)),
                    new ReportCache(content))),
            new HttpApi.Operations(
                new HealthEndpoints(readiness),
                new MetricsEndpoint(metrics, options.metricsToken().isPresent()),
                new RequestTelemetry(metrics),
                SHUTDOWN_TIMEOUT),
            config -> {
              options.extraRoutes().accept(config.routes);
              config.routes.after(
                  ctx -> {
                    byte[] body = new byte[0];
                    try (InputStream result = ctx.resultInputStream()) {
                      if (result != null) { // null when the endpoint streamed its answer
                        body = result.readAllBytes();
                        ctx.result(body);
                      }
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                    answers.add(
                        new Answered(
                            ctx.method().name(),
                            ctx.path(),
                            ctx.statusCode(),
                            ctx.res().getContentType(),
                            body));
                  });
            });
    app.start();
    readiness.ready();
    url = "http://127.0.0.1:" + app.port();
    client = new RegistryClient(url);
  }

  /** The answers given so far (not those replayed for an idempotency key, nor streamed ones). */
  List<Answered> answers() {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  /** Rows in a table: what a refused request must leave unchanged. */
  long rows(String table) {
    return database.inTransaction(
        "count " + table,
        connection -> {
          try (PreparedStatement count =
                  connection.prepareStatement("SELECT COUNT(*) FROM " + table);
              ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** Stops the node, then checks every answer it gave against the OpenAPI document. */
  @Override
  public void close() {
    readiness.stopping();
    app.stop();
    readiness.close();
    metrics.close();
    database.close();
    OpenApiContract.assertConforms(answers());
  }
}
