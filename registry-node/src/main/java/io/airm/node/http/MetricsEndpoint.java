package io.airm.node.http;

import io.airm.node.ops.NodeMetrics;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: the Prometheus text format 0.0.4, or OpenMetrics 1.0 when the scraper's
 * {@code Accept} asks for it. Open unless {@code api.metrics-token} is set, then it needs that
 * token (or the admin's).
 */
public final class MetricsEndpoint {
  static final String PATH = "/metrics";

  private final NodeMetrics metrics;
  private final boolean needsToken;

  /**
   * @param needsToken whether a metrics token is configured, so the route requires {@link
   *     Role#METRICS}
   */
  public MetricsEndpoint(NodeMetrics metrics, boolean needsToken) {
    this.metrics = metrics;
    this.needsToken = needsToken;
  }

  boolean needsToken() {
    return needsToken;
  }

  void handle(Context ctx) throws IOException {
    String accept = ctx.header("Accept");
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    metrics.write(out, accept);
    ctx.header("Cache-Control", "no-store")
        .contentType(metrics.contentType(accept))
        .result(out.toByteArray());
  }
}
