package io.airm.ipfs.unixfs;

import io.airm.ipfs.cid.Cid;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identities of one file's content, computed in a single read: its SHA-256 and the CIDs that
 * {@code ipfs add} and {@code ipfs add --cid-version=1} give it.
 *
 * @param sha256Hex the SHA-256 of the content bytes, lower-case hex
 * @param size the number of content bytes
 * @param cidV0 the CID with Kubo's defaults (dag-pb leaves)
 * @param cidV1 the CID with {@code --cid-version=1}, whose raw leaves make it a different DAG: it
 *     is never {@code cidV0.toV1()}
 */
public record ContentIdentity(String sha256Hex, long size, Cid cidV0, Cid cidV1) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Validates the digest and that each CID has the version its name says. */
  public ContentIdentity {
    Objects.requireNonNull(sha256Hex, "sha256Hex");
    Objects.requireNonNull(cidV0, "cidV0");
    Objects.requireNonNull(cidV1, "cidV1");
    if (!SHA256_HEX.matcher(sha256Hex).matches()) {
      throw new IllegalArgumentException(
          "The sha256Hex of a content identity must be 64 lower-case hex digits, but got '"
              + sha256Hex
              + "'.");
    }
    if (size < 0) {
      throw new IllegalArgumentException(
          "The size of a content identity must not be negative, but got " + size + ".");
    }
    if (cidV0.version() != 0 || cidV1.version() != 1) {
      throw new IllegalArgumentException(
          "A content identity needs a CIDv0 and a CIDv1, but got " + cidV0 + " and " + cidV1 + ".");
    }
  }
}
