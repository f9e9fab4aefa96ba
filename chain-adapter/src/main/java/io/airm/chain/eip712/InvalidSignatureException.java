package io.airm.chain.eip712;

import io.airm.chain.ChainException;

/** A signature that is malformed, malleable (high s) or recovers no key. */
public class InvalidSignatureException extends ChainException {
  public InvalidSignatureException(String message) {
    super(message);
  }

  public InvalidSignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
