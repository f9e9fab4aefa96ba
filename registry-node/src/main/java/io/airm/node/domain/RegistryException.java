package io.airm.node.domain;

/** The node's one exception family: a kind the API maps to a status, and a message for people. */
public class RegistryException extends RuntimeException {
  private final ErrorKind kind;

  public RegistryException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public RegistryException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** What kind of failure this is. */
  public ErrorKind kind() {
    return kind;
  }
}
