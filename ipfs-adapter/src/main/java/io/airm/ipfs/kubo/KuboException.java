package io.airm.ipfs.kubo;

import io.airm.ipfs.IpfsException;

/** Thrown when a call to a Kubo node's RPC API fails; the message names the endpoint. */
public class KuboException extends IpfsException {

  private static final long serialVersionUID = 1L;

  private final String endpoint;

  /** Creates an exception for a failed call to {@code endpoint}, such as {@code block/get}. */
  public KuboException(String endpoint, String message) {
    super(message);
    this.endpoint = endpoint;
  }

  /** Creates an exception for a failed call to {@code endpoint} with its underlying cause. */
  public KuboException(String endpoint, String message, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
  }

  /** The RPC endpoint that failed, without the {@code /api/v0/} prefix. */
  public String endpoint() {
    return endpoint;
  }
}
