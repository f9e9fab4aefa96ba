package io.airm.node.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a request comes from and whether it may call its route. Bearer tokens ({@code
 * api.admin-token}, {@code api.operator-token}) make a request the admin's or the operator's;
 * without one it is anonymous, known by its TCP peer address. Routes declare the {@link Role} they
 * require; a role no token is configured for is disabled, never open.
 *
 * <p>Only SHA-256 hashes of the tokens are kept, and a presented token is compared by its hash in
 * constant time, so neither the comparison's time nor a heap dump gives a token away.
 */
public final class AccessControl {
  private static final String PRINCIPAL = "airm.principal";
  private static final String REJECTED = "airm.credentials-rejected";
  private static final String CHALLENGE = "Bearer realm=\"airm\"";

  private final Optional<byte[]> adminHash;
  private final Optional<byte[]> operatorHash;
  private final Optional<byte[]> metricsHash;

  /** Recognises {@code adminToken} and {@code operatorToken}; an empty one disables its role. */
  public AccessControl(Optional<String> adminToken, Optional<String> operatorToken) {
    this(adminToken, operatorToken, Optional.empty());
  }

  /** The same, and {@code metricsToken} for {@code /metrics} ({@link Role#METRICS}). */
  public AccessControl(
      Optional<String> adminToken, Optional<String> operatorToken, Optional<String> metricsToken) {
    this.adminHash = adminToken.map(AccessControl::sha256);
    this.operatorHash = operatorToken.map(AccessControl::sha256);
    this.metricsHash = metricsToken.map(AccessControl::sha256);
  }

  /**
   * Resolves the request's principal. Never refuses: a request whose credentials are wrong is
   * charged to its peer address's rate limit first, then refused by {@link #authenticate}.
   */
  void identify(Context ctx) {
    Principal principal = Principal.anonymous(ctx.req().getRemoteAddr());
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      Optional<Principal> presented = bearer(authorization).flatMap(this::principalOf);
      if (presented.isPresent()) {
        principal = presented.get();
      } else {
        ctx.attribute(REJECTED, Boolean.TRUE);
      }
    }
    ctx.attribute(PRINCIPAL, principal);
  }

  /**
   * Refuses a request that presents credentials this node does not accept, on any route: a client
   * that sends a token expects it to count, and silently serving it as anonymous would hide the
   * mistake.
   */
  void authenticate(Context ctx) {
    if (Boolean.TRUE.equals(ctx.attribute(REJECTED))) {
      throw new ProblemException(
          401,
          "unauthorized",
          "The Authorization header does not hold a bearer token this node accepts",
          Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""));
    }
  }

  /** Lets the request through to its route only if its principal holds a role the route needs. */
  void authorize(Context ctx) {
    Set<RouteRole> required = ctx.routeRoles();
    if (required.isEmpty()) {
      return;
    }
    Principal principal = principal(ctx);
    String route = ctx.method() + " " + ctx.path();
    boolean enabled = false;
    for (RouteRole role : required) {
      if (!(role instanceof Role needed)) {
        throw new IllegalStateException(route + " declares an unknown role " + role);
      }
      if (principal.holds(needed)) {
        return;
      }
      enabled |= enabled(needed);
    }
    Role role = (Role) required.iterator().next();
    String name = role.name().toLowerCase(Locale.ROOT);
    if (!enabled) {
      throw new ProblemException(
          403,
          "not-enabled",
          route + " is not enabled on this node (its operator sets api." + name + "-token)");
    }
    if (!principal.authenticated()) {
      throw new ProblemException(
          401,
          "unauthorized",
          route + " needs the " + name + " token: send Authorization: Bearer <token>",
          Map.of("WWW-Authenticate", CHALLENGE));
    }
    throw new ProblemException(
        403,
        "forbidden",
        route
            + " needs the "
            + name
            + " token; the "
            + principal.id()
            + " token"
            + " does not grant it");
  }

  /** The principal {@link #identify} resolved for {@code ctx}. */
  static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("AccessControl.identify did not run for " + ctx.path());
    }
    return principal;
  }

  private boolean enabled(Role role) {
    return switch (role) {
      case ADMIN -> adminHash.isPresent();
      case OPERATOR -> adminHash.isPresent() || operatorHash.isPresent();
      case METRICS -> metricsHash.isPresent();
    };
  }

  private Optional<Principal> principalOf(String token) {
    byte[] hash = sha256(token);
    // both compared, whatever the first answers: the time taken says nothing about which matched
    boolean admin = adminHash.map(h -> MessageDigest.isEqual(h, hash)).orElse(false);
    boolean operator = operatorHash.map(h -> MessageDigest.isEqual(h, hash)).orElse(false);
    boolean metrics = metricsHash.map(h -> MessageDigest.isEqual(h, hash)).orElse(false);
    if (admin) {
      return Optional.of(Principal.ADMIN);
    }
    if (operator) {
      return Optional.of(Principal.OPERATOR);
    }
    return metrics ? Optional.of(Principal.METRICS) : Optional.empty();
  }

  /** The token of an RFC 6750 {@code Bearer} Authorization header; the scheme is case-blind. */
  private static Optional<String> bearer(String authorization) {
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
      return Optional.empty();
    }
    String token = value.substring(space + 1).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
