package io.airm.ipfs.dagpb;

import io.airm.ipfs.cid.Cid;
import java.util.Objects;

/**
 * A dag-pb link: the child's CID, an optional name, and an optional cumulative size.
 *
 * <p>UnixFS file nodes written by Kubo always carry an empty name and a Tsize, which is the child's
 * encoded length plus the Tsize of all its own links (for a raw leaf: its length).
 *
 * @param hash the child's CID
 * @param name the link name, or null when the field is absent (absent and empty encode differently)
 * @param tsize the child's cumulative size, or null when the field is absent
 */
public record PbLink(Cid hash, String name, Long tsize) {

  /** Validates that the hash is present and the size is not negative. */
  public PbLink {
    Objects.requireNonNull(hash, "hash");
    if (tsize != null && tsize < 0) {
      throw new IllegalArgumentException(
          "The Tsize of the link to " + hash + " must not be negative, but got " + tsize + ".");
    }
  }

  /** A link with an empty name, the form UnixFS file nodes use. */
  public static PbLink unnamed(Cid hash, long tsize) {
    return new PbLink(hash, "", tsize);
  }
}
