package io.airm.node.http;

import io.airm.node.ops.NodeMetrics;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every request leaves behind: a request id (the client's {@code X-Request-Id} if it is a sane
 * token, else a new UUID), echoed in the answer and put in the logging MDC while the request is
 * served; one access log line; and its count and latency in the metrics, labelled by the route
 * template (never the raw path, so the labels stay few).
 */
public final class RequestTelemetry {
  /** The request id header, read and echoed. */
  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  /** The MDC key of the request id. */
  public static final String MDC_REQUEST_ID = "requestId";

  /** The label of a request that matched no route (404, 405). */
  static final String UNMATCHED = "unmatched";

  private static final Logger ACCESS = LoggerFactory.getLogger("io.airm.node.access");
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final String STARTED = "airm.started";

  private final NodeMetrics metrics;

  public RequestTelemetry(NodeMetrics metrics) {
    this.metrics = metrics;
  }

  /** Runs first: names the request and starts its clock. */
  void begin(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
    String presented = ctx.header(REQUEST_ID_HEADER);
    // anything else is replaced, not echoed: a header must not inject text into the logs
    String id =
        presented != null && SANE_ID.matcher(presented).matches()
            ? presented
            : UUID.randomUUID().toString();
    ctx.header(REQUEST_ID_HEADER, id);
    MDC.put(MDC_REQUEST_ID, id);
  }

  /** Runs last, once the answer is known: counts it and logs it. */
  void end(Context ctx, Float executionMs) {
    try {
      Long started = ctx.attribute(STARTED);
      long nanos =
          started != null
              ? System.nanoTime() - started
              : (long) (executionMs == null ? 0 : executionMs * 1_000_000);
      String method = ctx.method().name();
      String route = route(ctx);
      int status = ctx.statusCode();
      metrics.request(method, route, status, nanos);
      long ms = nanos / 1_000_000;
      ACCESS
          .atInfo()
          .addKeyValue("method", method)
          .addKeyValue("route", route)
          .addKeyValue("status", status)
          .addKeyValue("durationMs", ms)
          .log("{} {} {} {} ms", method, route, status, ms);
    } finally {
      MDC.remove(MDC_REQUEST_ID);
    }
  }

  /** The template of the route that served {@code ctx}, e.g. {@code /v1/works/{workId}}. */
  static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    return endpoint == null ? UNMATCHED : endpoint.path;
  }
}
