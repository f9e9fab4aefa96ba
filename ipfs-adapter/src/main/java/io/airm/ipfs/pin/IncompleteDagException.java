package io.airm.ipfs.pin;

import io.airm.ipfs.IpfsException;
import io.airm.ipfs.cid.Cid;

/** Thrown when a DAG to pin (or to keep while collecting garbage) lacks a block in the store. */
public class IncompleteDagException extends IpfsException {

  private static final long serialVersionUID = 1L;

  private final transient Cid root;
  private final transient Cid missing;

  /** Creates an exception for the DAG under {@code root}, which lacks the block {@code missing}. */
  public IncompleteDagException(Cid root, Cid missing, String action) {
    super(
        "Cannot "
            + action
            + " the DAG under "
            + root
            + ": its block "
            + missing
            + " is not in the store.");
    this.root = root;
    this.missing = missing;
  }

  /** The root of the incomplete DAG. */
  public Cid root() {
    return root;
  }

  /** The block the store lacks. */
  public Cid missing() {
    return missing;
  }
}
