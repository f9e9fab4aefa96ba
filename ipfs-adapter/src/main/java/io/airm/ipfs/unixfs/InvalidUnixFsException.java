package io.airm.ipfs.unixfs;

import io.airm.ipfs.IpfsException;

/** Thrown when a DAG is not a UnixFS file this adapter can read, or contradicts its own sizes. */
public class InvalidUnixFsException extends IpfsException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a full-sentence message naming the node at fault. */
  public InvalidUnixFsException(String message) {
    super(message);
  }

  /** Creates an exception with a full-sentence message and the lower-level cause. */
  public InvalidUnixFsException(String message, Throwable cause) {
    super(message, cause);
  }
}
