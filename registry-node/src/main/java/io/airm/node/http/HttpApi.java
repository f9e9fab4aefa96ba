package io.airm.node.http;

import io.airm.node.api.WireFormat;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import io.airm.node.gateway.GatewayEndpoint;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's HTTP API on Javalin: routes to endpoint classes, and every error as a problem. */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /**
   * HTTP limits.
   *
   * @param maxJsonBytes the largest JSON body
   * @param maxUploadBytes the largest multipart upload (the content)
   * @param spoolDir where uploads are spooled while they are checked
   */
  public record Limits(long maxJsonBytes, long maxUploadBytes, Path spoolDir) {}

  private HttpApi() {}

  /** Builds (does not start) the Javalin app serving {@code endpoints} behind {@code guards}. */
  public static Javalin create(
      String host,
      int port,
      Limits limits,
      ApiGuards guards,
      WorksEndpoint works,
      InfoEndpoints info,
      LogEndpoint log,
      GatewayEndpoint gateway) {
    return create(host, port, limits, guards, works, info, log, gateway, null, null, config -> {});
  }

  /**
   * The endpoints of the settlement side.
   *
   * @param attestations usage attestations and the admin's role grant
   * @param pools pools, settlement runs and allocations
   */
  public record SettlementEndpoints(AttestationsEndpoint attestations, PoolsEndpoint pools) {}

  /**
   * What operating the node needs: health probes, metrics, request ids and access logs, and a
   * graceful stop.
   *
   * @param health {@code /health/live} and {@code /health/ready}
   * @param metrics {@code /metrics}
   * @param telemetry request ids, the access log, request metrics
   * @param shutdownTimeout how long a stop waits for requests in flight ({@code
   *     node.shutdown-timeout}); the server stops accepting connections at once
   */
  public record Operations(
      HealthEndpoints health,
      MetricsEndpoint metrics,
      RequestTelemetry telemetry,
      Duration shutdownTimeout) {}

  /** The whole node's app with its operations endpoints and a graceful stop. */
  public static Javalin create(
      String host,
      int port,
      Limits limits,
      ApiGuards guards,
      WorksEndpoint works,
      InfoEndpoints info,
      LogEndpoint log,
      SettlementEndpoints settlement,
      Operations operations) {
    return create(
        host,
        port,
        limits,
        guards,
        works,
        info,
        log,
        new GatewayEndpoint(info.content()),
        settlement,
        operations,
        config -> {});
  }

  /**
   * The app: the settlement endpoints if {@code settlement} is not null, the operations endpoints
   * and a graceful stop if {@code operations} is not null, then {@code extra} configuration after
   * ours (tests observe answers with it).
   */
  static Javalin create(
      String host,
      int port,
      Limits limits,
      ApiGuards guards,
      WorksEndpoint works,
      InfoEndpoints info,
      LogEndpoint log,
      GatewayEndpoint gateway,
      SettlementEndpoints settlement,
      Operations operations,
      Consumer<JavalinConfig> extra) {
    return Javalin.create(
        config -> {
          config.jetty.host = host;
          config.jetty.port = port;
          config.http.maxRequestSize = limits.maxJsonBytes();
          config.jetty.multipartConfig.cacheDirectory(limits.spoolDir().toString());
          config.jetty.multipartConfig.maxFileSize(limits.maxUploadBytes(), SizeUnit.BYTES);
          config.jetty.multipartConfig.maxInMemoryFileSize(256 * 1024, SizeUnit.BYTES);
          config.jetty.multipartConfig.maxTotalRequestSize(
              limits.maxUploadBytes() + limits.maxJsonBytes(), SizeUnit.BYTES);
          config.startup.showJavalinBanner = false;

          if (operations != null) {
            // Jetty's graceful stop: connectors stop accepting at once, requests in flight get
            // up to the timeout to finish, new requests on open connections are answered 503
            long stopMillis = operations.shutdownTimeout().toMillis();
            config.jetty.modifyServer(
                server -> {
                  server.setStopTimeout(stopMillis);
                  server.setHandler(new GracefulHandler());
                });
            RequestTelemetry telemetry = operations.telemetry();
            config.routes.before(telemetry::begin); // first: every later line carries the id
            config.requestLogger.http(telemetry::end);
          }
          guards.install(config.routes);
          if (operations != null) {
            HealthEndpoints health = operations.health();
            config.routes.get(HealthEndpoints.LIVE, health::live);
            config.routes.get(HealthEndpoints.READY, health::ready);
            MetricsEndpoint metrics = operations.metrics();
            if (metrics.needsToken()) {
              config.routes.get(MetricsEndpoint.PATH, metrics::handle, Role.METRICS);
            } else {
              config.routes.get(MetricsEndpoint.PATH, metrics::handle);
            }
          }
          config.routes.get(OpenApiEndpoint.PATH, OpenApiEndpoint::handle);
          config.routes.get(InfoEndpoints.HEALTH, info::health);
          config.routes.get(InfoEndpoints.REGISTRY, info::registry);
          config.routes.post(WorksEndpoint.WORKS, works::register);
          config.routes.get(WorksEndpoint.WORKS, works::list);
          config.routes.get(WorksEndpoint.WORK, works::get);
          config.routes.get(LogEndpoint.HEAD, log::head);
          config.routes.get(LogEndpoint.ENTRIES, log::entries);
          config.routes.get(LogEndpoint.CONSISTENCY, log::consistency);
          config.routes.get(LogEndpoint.PROOF, log::proof);
          config.routes.get(GatewayEndpoint.PATH, gateway::handle);
          WebPage page = new WebPage(info.publicRpcUrl());
          for (String path : WebPage.paths()) {
            config.routes.get(path, page::handle);
          }
          config.routes.head(GatewayEndpoint.PATH, gateway::handle);
          if (settlement != null) {
            AttestationsEndpoint attestations = settlement.attestations();
            PoolsEndpoint pools = settlement.pools();
            config.routes.post(AttestationsEndpoint.ATTESTATIONS, attestations::submit);
            config.routes.get(AttestationsEndpoint.ATTESTATION, attestations::get);
            config.routes.get(AttestationsEndpoint.ATTESTER, attestations::attester);
            config.routes.post(AttestationsEndpoint.ATTESTERS, attestations::grant, Role.ADMIN);
            config.routes.get(PoolsEndpoint.POOLS, pools::list);
            config.routes.get(PoolsEndpoint.POOL, pools::get);
            config.routes.post(PoolsEndpoint.SETTLE, pools::settle, Role.OPERATOR);
            config.routes.get(PoolsEndpoint.ALLOCATION, pools::allocation);
            config.routes.get(PoolsEndpoint.ACCOUNT_ALLOCATIONS, pools::accountAllocations);
          }

          config.routes.exception(
              RegistryException.class, (e, ctx) -> Problem.write(ctx, e.kind(), e.getMessage()));
          config.routes.exception(
              ProblemException.class,
              (e, ctx) -> {
                e.headers().forEach(ctx::header);
                Problem.write(ctx, e.status(), e.slug(), e.getMessage());
              });
          config.routes.exception(
              WireFormat.WireFormatException.class,
              (e, ctx) -> Problem.write(ctx, ErrorKind.INVALID_REQUEST, e.getMessage()));
          config.routes.exception(
              HttpResponseException.class,
              (e, ctx) ->
                  Problem.write(
                      ctx,
                      e.getStatus(),
                      e.getStatus() == 413 ? "too-large" : "http-" + e.getStatus(),
                      e.getMessage()));
          config.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                Problem.write(
                    ctx, 500, "internal", "The node failed unexpectedly; the error is logged.");
              });
          config.routes.error(
              404,
              "*",
              ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith(Problem.CONTENT_TYPE)) {
                  Problem.write(
                      ctx, 404, "not-found", "No route for " + ctx.method() + " " + ctx.path());
                }
              });
          config.routes.error(
              405,
              "*",
              ctx ->
                  Problem.write(
                      ctx, 405, "method-not-allowed", ctx.method() + " is not allowed here"));
          extra.accept(config);
        });
  }
}
