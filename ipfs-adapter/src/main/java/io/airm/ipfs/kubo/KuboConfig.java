package io.airm.ipfs.kubo;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Kubo node's RPC API and how long and how much to wait for it.
 *
 * @param apiUrl the RPC API base, for example {@code http://127.0.0.1:5001}; {@code /api/v0/} is
 *     appended
 * @param connectTimeout how long to wait for a TCP connection
 * @param callTimeout the deadline of one small call (version, block, pin): from sending the request
 *     to the last byte of the response
 * @param transferTimeout the deadline of one bulk call ({@code add}, {@code dag/import}), whose
 *     request body may be large
 * @param maxResponseBytes the most bytes accepted in one response body; a block is at most 1 MiB
 *     after chunking, while listings such as {@code pin/ls} grow with the node
 */
public record KuboConfig(
    URI apiUrl,
    Duration connectTimeout,
    Duration callTimeout,
    Duration transferTimeout,
    long maxResponseBytes) {

  /** Kubo's default RPC address. */
  public static final URI DEFAULT_API_URL = URI.create("http://127.0.0.1:5001");

  /** Large enough for a 1 MiB block or a listing of tens of thousands of pins. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L << 20;

  /** Validates every setting, naming the one that is wrong. */
  public KuboConfig {
    Objects.requireNonNull(apiUrl, "apiUrl");
    if (!"http".equals(apiUrl.getScheme()) && !"https".equals(apiUrl.getScheme())) {
      throw new IllegalArgumentException(
          "The Kubo setting apiUrl must be an http or https URL, but got '" + apiUrl + "'.");
    }
    if (apiUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "The Kubo setting apiUrl must name a host, but got '" + apiUrl + "'.");
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("callTimeout", callTimeout);
    requirePositive("transferTimeout", transferTimeout);
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException(
          "The Kubo setting maxResponseBytes must be at least 1024, but got "
              + maxResponseBytes
              + ".");
    }
  }

  /**
   * The defaults for a node at {@code apiUrl}: 5 s to connect, 30 s per call, 10 min per transfer.
   */
  public static KuboConfig defaults(URI apiUrl) {
    return new KuboConfig(
        apiUrl,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** This configuration with another per-call deadline. */
  public KuboConfig withCallTimeout(Duration callTimeout) {
    return new KuboConfig(apiUrl, connectTimeout, callTimeout, transferTimeout, maxResponseBytes);
  }

  /** This configuration with another bulk-transfer deadline. */
  public KuboConfig withTransferTimeout(Duration transferTimeout) {
    return new KuboConfig(apiUrl, connectTimeout, callTimeout, transferTimeout, maxResponseBytes);
  }

  /** This configuration with another response size limit. */
  public KuboConfig withMaxResponseBytes(long maxResponseBytes) {
    return new KuboConfig(apiUrl, connectTimeout, callTimeout, transferTimeout, maxResponseBytes);
  }

  private static void requirePositive(String key, Duration value) {
    Objects.requireNonNull(value, key);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "The Kubo setting " + key + " must be a positive duration, but got " + value + ".");
    }
  }
}
