package io.airm.chain;

/**
 * The one unchecked exception family of the chain adapter; messages name the tx, address or call.
 */
public class ChainException extends RuntimeException {
  public ChainException(String message) {
    super(message);
  }

  public ChainException(String message, Throwable cause) {
    super(message, cause);
  }
}
