package io.airm.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.node.api.WireFormat;
import io.airm.node.ops.Readiness;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /health/live}: 200 while the process serves, whatever its dependencies. {@code GET
 * /health/ready}: 200 when the node has started, is not stopping, and reaches its database, chain
 * and IPFS; else 503. Both are exempt from the rate limits, so that a probe is never throttled into
 * a restart.
 */
public final class HealthEndpoints {
  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";

  private final Readiness readiness;

  public HealthEndpoints(Readiness readiness) {
    this.readiness = readiness;
  }

  void live(Context ctx) {
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.put("status", "live");
    ctx.contentType("application/json").result(body.toString());
  }

  void ready(Context ctx) {
    Readiness.Report report = readiness.check();
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.put("status", report.ready() ? "ready" : "not-ready");
    body.put("phase", report.phase().name().toLowerCase(Locale.ROOT));
    ObjectNode checks = body.putObject("checks");
    for (Map.Entry<String, Readiness.Check> entry : report.checks().entrySet()) {
      Readiness.Check check = entry.getValue();
      ObjectNode node = checks.putObject(entry.getKey());
      node.put("status", check.up() ? "up" : "down");
      node.put("latencyMs", check.latencyMs());
      check.error().ifPresent(error -> node.put("error", error));
      check.details().forEach((key, value) -> node.set(key, WireFormat.JSON.valueToTree(value)));
    }
    ctx.status(report.ready() ? 200 : 503)
        .header("Cache-Control", "no-store")
        .contentType("application/json")
        .result(body.toString());
  }
}
