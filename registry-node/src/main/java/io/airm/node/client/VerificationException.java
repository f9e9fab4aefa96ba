package io.airm.node.client;

/**
 * A record the node served does not verify: its id, its signature, its inclusion proof, or its
 * checkpoint's root on chain. The message names the check with the computed and the expected value.
 */
public final class VerificationException extends RegistryClientException {
  /** A failed check, described in full. */
  public VerificationException(String message) {
    super(0, message);
  }

  /** A failed check, caused by {@code cause}. */
  public VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
