package io.airm.ipfs.cid;

import io.airm.ipfs.multiformats.Varint;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A self-describing hash: a hash-function code and a digest (https://multiformats.io/multihash/).
 *
 * <p>Only sha2-256 (code {@code 0x12}, 32 bytes) is supported, which is what Kubo uses by default
 * for every block. The digest is copied in and out, so an instance is immutable; {@code equals}
 * compares digests by content, which a record would not do for an array component.
 *
 * @param code the hash-function code, always {@link #SHA2_256}
 * @param digest the digest, 32 bytes
 */
public record Multihash(int code, byte[] digest) {

  /** The multicodec code of sha2-256. */
  public static final int SHA2_256 = 0x12;

  /** The length of a sha2-256 digest in bytes. */
  public static final int SHA2_256_LENGTH = 32;

  /** Validates the code and digest length and copies the digest. */
  public Multihash {
    if (code != SHA2_256) {
      throw new IllegalArgumentException(
          "Only the sha2-256 multihash (0x12) is supported, but got 0x"
              + Integer.toHexString(code)
              + ".");
    }
    if (digest == null || digest.length != SHA2_256_LENGTH) {
      throw new IllegalArgumentException(
          "A sha2-256 digest is 32 bytes, but got "
              + (digest == null ? "null" : digest.length + " bytes")
              + ".");
    }
    digest = digest.clone();
  }

  /** Wraps a 32-byte sha2-256 digest. */
  public static Multihash ofSha256Digest(byte[] digest) {
    return new Multihash(SHA2_256, digest);
  }

  /** Hashes {@code data} with sha2-256. */
  public static Multihash sha256(byte[] data) {
    return sha256(data, 0, data.length);
  }

  /** Hashes {@code length} bytes of {@code data} from {@code offset} with sha2-256. */
  public static Multihash sha256(byte[] data, int offset, int length) {
    MessageDigest sha256 = newSha256();
    sha256.update(data, offset, length);
    return new Multihash(SHA2_256, sha256.digest());
  }

  /** A fresh SHA-256 {@link MessageDigest}; every JDK is required to provide one. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK lacks SHA-256, which every JDK must provide.", e);
    }
  }

  /** A copy of the digest. */
  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** The binary multihash: varint code, varint digest length, digest. */
  public byte[] bytes() {
    byte[] codeBytes = Varint.encode(code);
    byte[] lengthBytes = Varint.encode(digest.length);
    byte[] out = new byte[codeBytes.length + lengthBytes.length + digest.length];
    System.arraycopy(codeBytes, 0, out, 0, codeBytes.length);
    System.arraycopy(lengthBytes, 0, out, codeBytes.length, lengthBytes.length);
    System.arraycopy(digest, 0, out, codeBytes.length + lengthBytes.length, digest.length);
    return out;
  }

  /** The digest in lower-case hex. */
  public String digestHex() {
    return HexFormat.of().formatHex(digest);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Multihash that
        && code == that.code
        && MessageDigest.isEqual(digest, that.digest);
  }

  @Override
  public int hashCode() {
    return 31 * code + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return "sha2-256:" + digestHex();
  }
}
