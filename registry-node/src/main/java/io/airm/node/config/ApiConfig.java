package io.airm.node.config;

import java.util.Optional;

/**
 * How the HTTP API treats its clients: who may call the protected routes, how fast anyone may call
 * any route, and how complex a JSON request may be. Part of {@link NodeConfig}; its keys are in
 * {@link NodeConfig#KEYS}.
 *
 * @param adminToken the bearer token of the admin routes; empty leaves them disabled (never logged)
 * @param operatorToken the bearer token of the operator routes (the admin token works there too);
 *     empty with no admin token leaves them disabled (never logged)
 * @param ratePerSecond requests per second one anonymous client (one peer address) may sustain
 * @param burst requests one anonymous client may send at once after being idle
 * @param authenticatedRatePerSecond the same for a client with a valid token
 * @param authenticatedBurst the same for a client with a valid token
 * @param maxJsonDepth the deepest nesting of arrays and objects in a JSON request
 * @param maxJsonString the longest string, in characters, in a JSON request
 * @param metricsToken the bearer token {@code GET /metrics} requires; empty leaves it open (never
 *     logged)
 */
public record ApiConfig(
    Optional<String> adminToken,
    Optional<String> operatorToken,
    double ratePerSecond,
    int burst,
    double authenticatedRatePerSecond,
    int authenticatedBurst,
    int maxJsonDepth,
    int maxJsonString,
    Optional<String> metricsToken) {

  /** The shortest token accepted: 32 characters, e.g. {@code openssl rand -hex 32} gives 64. */
  public static final int MIN_TOKEN_LENGTH = 32;

  /** RFC 6750 b64token: what may follow {@code Bearer } in an Authorization header. */
  private static final String TOKEN_SYNTAX = "[A-Za-z0-9\\-._~+/]+=*";

  public ApiConfig {
    token("api.admin-token", adminToken);
    token("api.operator-token", operatorToken);
    token("api.metrics-token", metricsToken);
    if (metricsToken.isPresent()
        && (metricsToken.equals(adminToken) || metricsToken.equals(operatorToken))) {
      throw new ConfigException(
          "api.metrics-token must differ from api.admin-token and api.operator-token");
    }
    if (adminToken.isPresent() && adminToken.equals(operatorToken)) {
      throw new ConfigException(
          "api.admin-token and api.operator-token must differ, or the operator would be admin");
    }
    positive("api.rate-limit-per-second", ratePerSecond);
    positive("api.authenticated-rate-limit-per-second", authenticatedRatePerSecond);
    if (burst < 1 || authenticatedBurst < 1) {
      throw new ConfigException(
          "api.rate-limit-burst and api.authenticated-rate-limit-burst must be at least 1");
    }
    if (maxJsonDepth < 2 || maxJsonDepth > 1000) {
      throw new ConfigException("http.max-json-depth must be 2 to 1000, not " + maxJsonDepth);
    }
    if (maxJsonString < 1024) {
      throw new ConfigException("http.max-json-string must be at least 1024, not " + maxJsonString);
    }
  }

  private static void token(String key, Optional<String> token) {
    if (token.isEmpty()) {
      return;
    }
    // the message names the key and the rule, never the value
    if (token.get().length() < MIN_TOKEN_LENGTH) {
      throw new ConfigException(
          key
              + " must be at least "
              + MIN_TOKEN_LENGTH
              + " characters (e.g. openssl rand -hex 32)");
    }
    if (!token.get().matches(TOKEN_SYNTAX)) {
      throw new ConfigException(
          key + " may hold only letters, digits and - . _ ~ + / (and = at the end)");
    }
  }

  private static void positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new ConfigException(key + " must be a positive number, not " + value);
    }
  }

  /** Reads the API keys from {@code source}, with their defaults. */
  static ApiConfig from(ConfigSource source) {
    return new ApiConfig(
        source.get("api.admin-token"),
        source.get("api.operator-token"),
        decimal(source, "api.rate-limit-per-second", 20),
        (int) NodeConfig.integer(source, "api.rate-limit-burst", 60L),
        decimal(source, "api.authenticated-rate-limit-per-second", 200),
        (int) NodeConfig.integer(source, "api.authenticated-rate-limit-burst", 1000L),
        (int) NodeConfig.integer(source, "http.max-json-depth", 32L),
        (int) NodeConfig.integer(source, "http.max-json-string", 65536L),
        source.get("api.metrics-token"));
  }

  private static double decimal(ConfigSource source, String key, double fallback) {
    Optional<String> value = source.get(key);
    try {
      return value.map(Double::parseDouble).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number, not '" + value.get() + "'");
    }
  }

  @Override
  public String toString() {
    // whether a token is set, never the token
    return "ApiConfig[adminToken="
        + (adminToken.isPresent() ? "(set)" : "(none)")
        + ", operatorToken="
        + (operatorToken.isPresent() ? "(set)" : "(none)")
        + ", rateLimit="
        + ratePerSecond
        + "/s burst "
        + burst
        + ", authenticatedRateLimit="
        + authenticatedRatePerSecond
        + "/s burst "
        + authenticatedBurst
        + ", maxJsonDepth="
        + maxJsonDepth
        + ", maxJsonString="
        + maxJsonString
        + ", metricsToken="
        + (metricsToken.isPresent() ? "(set)" : "(none)")
        + "]";
  }
}
