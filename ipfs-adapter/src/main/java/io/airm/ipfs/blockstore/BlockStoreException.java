package io.airm.ipfs.blockstore;

import io.airm.ipfs.IpfsException;

/** Thrown when a block store cannot read or write its storage (disk full, permissions, I/O). */
public class BlockStoreException extends IpfsException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a full-sentence message naming the block and the path. */
  public BlockStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception with a full-sentence message naming what is wrong. */
  public BlockStoreException(String message) {
    super(message);
  }
}
