package io.airm.ipfs;

/**
 * Root of the unchecked exceptions thrown by the IPFS adapter.
 *
 * <p>Every subclass carries a full-sentence message that names the thing at fault (the CID, the
 * string that failed to parse, the file that holds a corrupt block), so that a caller can log or
 * map it without adding context of its own.
 */
public class IpfsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a full-sentence message. */
  public IpfsException(String message) {
    super(message);
  }

  /** Creates an exception with a full-sentence message and the underlying cause. */
  public IpfsException(String message, Throwable cause) {
    super(message, cause);
  }
}
