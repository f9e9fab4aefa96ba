package io.airm.node.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-principal rate limits: a token bucket for each anonymous peer address, and more generous ones
 * for the admin and the operator. A request over its limit is refused with 429 and {@code
 * Retry-After}.
 */
public final class RateLimits {
  /** The most buckets kept per tier, about 10 MB: enough for a busy public node. */
  public static final int MAX_BUCKETS = 100_000;

  private final TokenBuckets anonymous;
  private final TokenBuckets authenticated;

  /** Charges anonymous requests to {@code anonymous} and authenticated ones to the other. */
  public RateLimits(TokenBuckets anonymous, TokenBuckets authenticated) {
    this.anonymous = anonymous;
    this.authenticated = authenticated;
  }

  /**
   * The liveness and readiness probes are never throttled: a probe refused with 429 would get a
   * healthy node restarted or taken out of service. They cost little ({@code /health/ready} reuses
   * its checks for a second). {@code /health}, the older summary, stays rate-limited.
   */
  static final Set<String> EXEMPT = Set.of(HealthEndpoints.LIVE, HealthEndpoints.READY);

  /** Takes a token from the principal's bucket, or refuses the request. */
  void charge(Context ctx) {
    if (EXEMPT.contains(ctx.path())) {
      return;
    }
    Principal principal = AccessControl.principal(ctx);
    Optional<Duration> wait =
        (principal.authenticated() ? authenticated : anonymous).take(principal.id());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      throw new ProblemException(
          429,
          "too-many-requests",
          "Too many requests from "
              + principal.id()
              + "; retry after "
              + seconds
              + " s ("
              + (principal.authenticated()
                  ? "api.authenticated-rate-limit-per-second"
                  : "api.rate-limit-per-second")
              + ")",
          Map.of("Retry-After", Long.toString(seconds)));
    }
  }
}
