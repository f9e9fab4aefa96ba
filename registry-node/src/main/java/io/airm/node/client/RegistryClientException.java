package io.airm.node.client;

/** A call to a registry node failed; the message carries the node's problem detail if any. */
public class RegistryClientException extends RuntimeException {
  private final int status;

  public RegistryClientException(int status, String message) {
    super(message);
    this.status = status;
  }

  public RegistryClientException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status, or 0 if the node was not reached. */
  public int status() {
    return status;
  }
}
