package io.airm.localchain;

/** The local chain could not be started, reached or deployed to; the message says what to do. */
public class LocalChainException extends RuntimeException {
  public LocalChainException(String message) {
    super(message);
  }

  public LocalChainException(String message, Throwable cause) {
    super(message, cause);
  }
}
