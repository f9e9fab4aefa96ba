package io.airm.ipfs.kubo;

/** Thrown when a Kubo node answers a call with an error of its own. */
public class KuboNodeErrorException extends KuboException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String nodeMessage;

  /** Creates an exception for {@code endpoint} at {@code url} answering HTTP {@code status}. */
  public KuboNodeErrorException(String endpoint, String url, int status, String nodeMessage) {
    super(
        endpoint,
        "The Kubo RPC call "
            + endpoint
            + " to "
            + url
            + " failed with HTTP "
            + status
            + ": "
            + nodeMessage);
    this.status = status;
    this.nodeMessage = nodeMessage;
  }

  /** The HTTP status the node answered. */
  public int status() {
    return status;
  }

  /** The node's own error message, from the {@code Message} field of its JSON error body. */
  public String nodeMessage() {
    return nodeMessage;
  }
}
