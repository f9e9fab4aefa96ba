package io.airm.node.client;

/**
 * A call to a registry node failed: the node could not be reached, answered something that is not
 * the API's JSON, or refused the request ({@link RegistryProblemException}, with the node's problem
 * details).
 */
public class RegistryClientException extends RuntimeException {
  private final int status;

  /** A failure with the HTTP status the node answered ({@code 0} if it was not reached). */
  public RegistryClientException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** A failure caused by {@code cause}, the node not reached. */
  public RegistryClientException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status, or 0 if the node was not reached. */
  public int status() {
    return status;
  }
}
