package io.airm.ipfs.block;

import io.airm.ipfs.IpfsException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multihash;
import java.util.Optional;

/** Thrown when bytes that should be a block do not hash to its CID. */
public class CorruptBlockException extends IpfsException {

  private static final long serialVersionUID = 1L;

  private final transient Cid cid;
  private final transient Multihash actual;
  private final String location;

  /**
   * Creates an exception for the block {@code cid} whose bytes hash to {@code actual} instead.
   *
   * @param location where the bytes were read from (a file path, a URL), or null if unknown
   */
  public CorruptBlockException(Cid cid, Multihash actual, String location) {
    super(
        "Block "
            + cid
            + (location == null ? "" : " read from " + location)
            + " is corrupt: its bytes hash to "
            + actual
            + ", but the CID expects "
            + cid.multihash()
            + ".");
    this.cid = cid;
    this.actual = actual;
    this.location = location;
  }

  /** The CID the bytes were supposed to match. */
  public Cid cid() {
    return cid;
  }

  /** The hash the bytes actually have. */
  public Multihash actual() {
    return actual;
  }

  /** Where the bytes were read from, if known. */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }
}
