package io.airm.ipfs.kubo;

/** Thrown when a Kubo node's response exceeds the configured size limit. */
public class KuboResponseTooLargeException extends KuboException {

  private static final long serialVersionUID = 1L;

  private final long limit;

  /**
   * Creates an exception for a response from {@code endpoint} at {@code url} over {@code limit}
   * bytes.
   */
  public KuboResponseTooLargeException(String endpoint, String url, long limit) {
    super(
        endpoint,
        "The Kubo RPC call "
            + endpoint
            + " to "
            + url
            + " returned more than the limit of "
            + limit
            + " bytes (setting maxResponseBytes); the response was abandoned.");
    this.limit = limit;
  }

  /** The limit, in bytes, that the response exceeded. */
  public long limit() {
    return limit;
  }
}
