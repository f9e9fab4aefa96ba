package io.airm.node.http;

import io.airm.node.api.JsonLimits;
import io.javalin.config.RoutesConfig;

/**
 * What every request passes on its way to an endpoint, in this order: who sent it ({@link
 * AccessControl}), whether it is within its rate limit ({@link RateLimits}), whether its
 * credentials hold; then, on a route that exists, whether its principal holds the route's {@link
 * Role}, whether its JSON is within the {@link JsonLimits}, and whether it repeats an {@link
 * Idempotency} key. An endpoint added to {@link HttpApi} gets all of these without a line of its
 * own, except its role.
 */
public final class ApiGuards {
  private final AccessControl access;
  private final RateLimits rateLimits;
  private final JsonBodyLimits jsonLimits;
  private final Idempotency idempotency;
  private final java.util.Map<String, RequestBody.Limit> largeBodies =
      new java.util.concurrent.ConcurrentHashMap<>();

  public ApiGuards(
      AccessControl access, RateLimits rateLimits, JsonLimits jsonLimits, Idempotency idempotency) {
    this.access = access;
    this.rateLimits = rateLimits;
    this.jsonLimits = new JsonBodyLimits(jsonLimits, largeBodies);
    this.idempotency = idempotency;
    idempotency.readBodiesWith(largeBodies);
  }

  /**
   * Lets {@code method path} take bodies up to {@code maxBytes} (set by {@code setting}) instead of
   * {@code http.max-json-bytes}; the guards and the endpoint then share one read of it.
   */
  public ApiGuards withLargeBody(String method, String path, long maxBytes, String setting) {
    largeBodies.put(method + " " + path, new RequestBody.Limit(maxBytes, setting));
    return this;
  }

  /** Registers the guards' handlers, before any route's. */
  void install(RoutesConfig routes) {
    // the order is the order of the checks: a refused token still costs its peer a request
    routes.before(access::identify);
    routes.before(rateLimits::charge);
    routes.before(access::authenticate);
    routes.beforeMatched(access::authorize);
    routes.beforeMatched(jsonLimits::check);
    routes.beforeMatched(idempotency::claim);
    routes.after(idempotency::record);
  }
}
