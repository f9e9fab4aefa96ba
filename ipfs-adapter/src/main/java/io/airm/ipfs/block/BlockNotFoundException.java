package io.airm.ipfs.block;

import io.airm.ipfs.IpfsException;
import io.airm.ipfs.cid.Cid;

/** Thrown when a block source does not have the block asked for. */
public class BlockNotFoundException extends IpfsException {

  private static final long serialVersionUID = 1L;

  private final transient Cid cid;

  /**
   * Creates an exception for the missing block {@code cid}.
   *
   * @param source a description of where it was looked for (a directory, a node's URL)
   */
  public BlockNotFoundException(Cid cid, String source) {
    super("Block " + cid + " was not found in " + source + ".");
    this.cid = cid;
  }

  /** The CID that was not found. */
  public Cid cid() {
    return cid;
  }
}
