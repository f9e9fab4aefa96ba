package io.airm.ipfs.block;

import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.cid.Multihash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A block: bytes and the CID that names them.
 *
 * <p>The invariant every caller may rely on is that the CID's multihash is the hash of the bytes:
 * the only ways to obtain a block either compute the CID ({@link #create}, {@link #raw}) or check
 * it ({@link #of}). The bytes are copied in and out, so a block is immutable. It is a class rather
 * than a record so that the constructor that skips the check can stay private.
 */
public final class Block {

  private final Cid cid;
  private final byte[] data;

  private Block(Cid cid, byte[] data) {
    this.cid = cid;
    this.data = data;
  }

  /**
   * Wraps bytes that claim to be the block {@code cid}, after checking that they hash to it.
   *
   * @throws CorruptBlockException if the bytes do not hash to the CID's multihash
   */
  public static Block of(Cid cid, byte[] data) {
    Objects.requireNonNull(cid, "cid");
    byte[] copy = data.clone();
    Multihash actual = Multihash.sha256(copy);
    if (!actual.equals(cid.multihash())) {
      throw new CorruptBlockException(cid, actual, null);
    }
    return new Block(cid, copy);
  }

  /** Creates the block of {@code data} in {@code codec}, named by a CID of {@code version}. */
  public static Block create(int version, Multicodec codec, byte[] data) {
    byte[] copy = data.clone();
    return new Block(new Cid(version, codec, Multihash.sha256(copy)), copy);
  }

  /** Creates a raw block (codec {@code 0x55}), which is always named by a CIDv1. */
  public static Block raw(byte[] data) {
    return create(1, Multicodec.RAW, data);
  }

  /** The CID that names this block. */
  public Cid cid() {
    return cid;
  }

  /** A copy of the block's bytes. */
  public byte[] data() {
    return data.clone();
  }

  /** The number of bytes in the block. */
  public int length() {
    return data.length;
  }

  /** A stream over the block's bytes, without copying them. */
  public InputStream openStream() {
    return new ByteArrayInputStream(data);
  }

  /** Writes the block's bytes to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(data);
  }

  /** Two blocks are equal if their CIDs are: the CID's hash pins the bytes. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Block that && cid.equals(that.cid);
  }

  @Override
  public int hashCode() {
    return cid.hashCode();
  }

  @Override
  public String toString() {
    return "Block[" + cid + ", " + data.length + " bytes]";
  }
}
