package io.airm.ipfs.car;

import io.airm.ipfs.IpfsException;

/** Thrown when a stream is not a well-formed CARv1: bad header, bad varint, truncation. */
public class InvalidCarException extends IpfsException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a full-sentence message naming the offset and what is wrong. */
  public InvalidCarException(String message) {
    super(message);
  }

  /** Creates an exception with a full-sentence message and the underlying cause. */
  public InvalidCarException(String message, Throwable cause) {
    super(message, cause);
  }
}
