package io.airm.ipfs.kubo;

import java.time.Duration;

/** Thrown when a Kubo node does not answer a call within its timeout. */
public class KuboTimeoutException extends KuboException {

  private static final long serialVersionUID = 1L;

  private final transient Duration timeout;

  /**
   * Creates an exception for a call to {@code endpoint} at {@code url} that took over {@code
   * timeout}.
   */
  public KuboTimeoutException(String endpoint, String url, Duration timeout, Throwable cause) {
    super(
        endpoint,
        "The Kubo RPC call "
            + endpoint
            + " to "
            + url
            + " did not complete within "
            + timeout.toMillis()
            + " ms.",
        cause);
    this.timeout = timeout;
  }

  /** The timeout that was exceeded. */
  public Duration timeout() {
    return timeout;
  }
}
