package io.airm.ipfs.dagpb;

import io.airm.ipfs.IpfsException;

/** Thrown when bytes are not a valid dag-pb node as the IPLD dag-pb spec defines it. */
public class InvalidDagPbException extends IpfsException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a full-sentence message naming what is wrong. */
  public InvalidDagPbException(String message) {
    super(message);
  }

  /** Creates an exception with a full-sentence message and the lower-level cause. */
  public InvalidDagPbException(String message, Throwable cause) {
    super(message, cause);
  }
}
