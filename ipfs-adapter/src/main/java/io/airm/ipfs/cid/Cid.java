package io.airm.ipfs.cid;

import io.airm.ipfs.multiformats.Base32;
import io.airm.ipfs.multiformats.Base58Btc;
import io.airm.ipfs.multiformats.InvalidEncodingException;
import io.airm.ipfs.multiformats.Varint;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A content identifier: version, codec and multihash (https://github.com/multiformats/cid).
 *
 * <p>A CIDv0 is a bare sha2-256 multihash of a dag-pb block, written in base58btc ({@code Qm…}). A
 * CIDv1 is {@code varint(1) varint(codec) multihash}, written here as multibase base32 ({@code
 * b…}), the canonical form Kubo prints. Two CIDs are equal only if version, codec and multihash all
 * are: a CIDv0 and its {@link #toV1()} name the same block but are different CIDs.
 *
 * @param version 0 or 1
 * @param codec how the block's bytes are to be decoded; always {@link Multicodec#DAG_PB} for v0
 * @param multihash the hash of the block's bytes
 */
public record Cid(int version, Multicodec codec, Multihash multihash) {

  /** Length of a CIDv0 in base58btc: a 34-byte multihash always encodes to 46 characters. */
  private static final int V0_STRING_LENGTH = 46;

  /** Validates the version and that a CIDv0 is dag-pb. */
  public Cid {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(multihash, "multihash");
    if (version != 0 && version != 1) {
      throw new IllegalArgumentException("A CID version is 0 or 1, but got " + version + ".");
    }
    if (version == 0 && codec != Multicodec.DAG_PB) {
      throw new IllegalArgumentException(
          "A CIDv0 always names a dag-pb block, but the codec given is " + codec.codecName() + ".");
    }
  }

  /** The CIDv0 of a dag-pb block whose sha2-256 digest is {@code sha256Digest}. */
  public static Cid v0(byte[] sha256Digest) {
    return new Cid(0, Multicodec.DAG_PB, Multihash.ofSha256Digest(sha256Digest));
  }

  /** The CIDv1 of a block in {@code codec} whose sha2-256 digest is {@code sha256Digest}. */
  public static Cid v1(Multicodec codec, byte[] sha256Digest) {
    return new Cid(1, codec, Multihash.ofSha256Digest(sha256Digest));
  }

  /** The CIDv1 of a block in {@code codec} with hash {@code multihash}. */
  public static Cid v1(Multicodec codec, Multihash multihash) {
    return new Cid(1, codec, multihash);
  }

  /**
   * Parses a CIDv0 ({@code Qm…}, base58btc) or a CIDv1 in multibase base32 ({@code b…}) or
   * base58btc ({@code z…}).
   *
   * @throws InvalidCidException naming the string and what is wrong with it
   */
  public static Cid parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new InvalidCidException(text, "it is empty");
    }
    // CID spec, "Decoding Algorithm": a 46-character string starting with "Qm" is a CIDv0; anything
    // else starts with a multibase prefix.
    if (text.startsWith("Qm")) {
      if (text.length() != V0_STRING_LENGTH) {
        throw new InvalidCidException(
            text,
            "it starts with 'Qm' like a CIDv0, but a CIDv0 is "
                + V0_STRING_LENGTH
                + " characters and this is "
                + text.length());
      }
      byte[] bytes = decodeMultibase(text, text, Base58Btc::decode);
      if (!isV0Multihash(bytes)) {
        throw new InvalidCidException(
            text, "it does not decode to the 34-byte sha2-256 multihash a CIDv0 is");
      }
      return decode(bytes, text);
    }
    char prefix = text.charAt(0);
    String body = text.substring(1);
    byte[] bytes =
        switch (prefix) {
          case 'b' -> decodeMultibase(text, body, Base32::decode);
          case 'z' -> decodeMultibase(text, body, Base58Btc::decode);
          default ->
              throw new InvalidCidException(
                  text,
                  "its multibase prefix '"
                      + prefix
                      + "' is not supported (expected 'b' for base32, 'z' for base58btc,"
                      + " or a CIDv0 starting with 'Qm')");
        };
    if (bytes.length > 0 && bytes[0] == Multihash.SHA2_256) {
      // CID spec: a CIDv0 must never be multibase-encoded.
      throw new InvalidCidException(
          text, "it is a multibase-encoded CIDv0, which the CID spec forbids");
    }
    return decode(bytes, text);
  }

  /**
   * Decodes the binary form: a bare 34-byte sha2-256 multihash (CIDv0) or {@code varint(1)
   * varint(codec) multihash} (CIDv1).
   *
   * @throws InvalidCidException naming the bytes (in hex) and what is wrong with them
   */
  public static Cid decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return decode(bytes, "0x" + HexFormat.of().formatHex(bytes));
  }

  private static Cid decode(byte[] bytes, String shown) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      if (isV0Multihash(bytes)) {
        return new Cid(0, Multicodec.DAG_PB, readMultihash(in, shown));
      }
      long version = Varint.read(in);
      if (version != 1) {
        throw new InvalidCidException(
            shown,
            switch ((int) Math.min(version, Integer.MAX_VALUE)) {
              case 0 -> "it declares version 0 explicitly, but a CIDv0 is a bare multihash";
              case Multihash.SHA2_256 ->
                  "it starts like a CIDv0 but is not a 34-byte sha2-256 multihash";
              default -> "its version " + version + " is not supported (only 0 and 1 are)";
            });
      }
      long codecCode = Varint.read(in);
      Multicodec codec =
          Multicodec.fromCode(codecCode)
              .orElseThrow(
                  () ->
                      new InvalidCidException(
                          shown,
                          "its codec 0x"
                              + Long.toHexString(codecCode)
                              + " is not supported (only dag-pb 0x70 and raw 0x55 are)"));
      return new Cid(1, codec, readMultihash(in, shown));
    } catch (InvalidEncodingException e) {
      throw new InvalidCidException(shown, lowerFirst(e.getMessage()));
    }
  }

  private static boolean isV0Multihash(byte[] bytes) {
    return bytes.length == 2 + Multihash.SHA2_256_LENGTH
        && bytes[0] == Multihash.SHA2_256
        && bytes[1] == Multihash.SHA2_256_LENGTH;
  }

  private static Multihash readMultihash(ByteBuffer in, String shown) {
    long hashCode = Varint.read(in);
    if (hashCode != Multihash.SHA2_256) {
      throw new InvalidCidException(
          shown,
          "its multihash function 0x"
              + Long.toHexString(hashCode)
              + " is not supported (only sha2-256 0x12 is)");
    }
    long digestLength = Varint.read(in);
    if (digestLength != Multihash.SHA2_256_LENGTH) {
      throw new InvalidCidException(
          shown,
          "its sha2-256 digest length is declared as "
              + digestLength
              + " bytes, but a sha2-256 digest is 32 bytes");
    }
    if (in.remaining() < Multihash.SHA2_256_LENGTH) {
      throw new InvalidCidException(
          shown, "its sha2-256 digest is truncated to " + in.remaining() + " of 32 bytes");
    }
    byte[] digest = new byte[Multihash.SHA2_256_LENGTH];
    in.get(digest);
    if (in.hasRemaining()) {
      throw new InvalidCidException(
          shown, "it has " + in.remaining() + " trailing byte(s) after the multihash");
    }
    return Multihash.ofSha256Digest(digest);
  }

  private interface Decoder {
    byte[] decode(CharSequence text);
  }

  private static byte[] decodeMultibase(String text, String body, Decoder decoder) {
    try {
      return decoder.decode(body);
    } catch (InvalidEncodingException e) {
      throw new InvalidCidException(text, lowerFirst(e.getMessage()));
    }
  }

  private static String lowerFirst(String sentence) {
    String fragment =
        sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    return Character.toLowerCase(fragment.charAt(0)) + fragment.substring(1);
  }

  /** The same block named by a CIDv1 (a no-op for a CIDv1). */
  public Cid toV1() {
    return version == 1 ? this : new Cid(1, codec, multihash);
  }

  /**
   * The same block named by a CIDv0.
   *
   * @throws InvalidCidException if the codec is not dag-pb, which CIDv0 cannot express
   */
  public Cid toV0() {
    if (version == 0) {
      return this;
    }
    if (codec != Multicodec.DAG_PB) {
      throw new InvalidCidException(
          toString(),
          "it cannot be expressed as a CIDv0, which is always dag-pb, because its codec is "
              + codec.codecName());
    }
    return new Cid(0, codec, multihash);
  }

  /**
   * The binary form: the bare multihash for v0, {@code varint(1) varint(codec) multihash} for v1.
   */
  public byte[] bytes() {
    byte[] hash = multihash.bytes();
    if (version == 0) {
      return hash;
    }
    byte[] versionBytes = Varint.encode(1);
    byte[] codecBytes = Varint.encode(codec.code());
    byte[] out = new byte[versionBytes.length + codecBytes.length + hash.length];
    System.arraycopy(versionBytes, 0, out, 0, versionBytes.length);
    System.arraycopy(codecBytes, 0, out, versionBytes.length, codecBytes.length);
    System.arraycopy(hash, 0, out, versionBytes.length + codecBytes.length, hash.length);
    return out;
  }

  /** The canonical text: base58btc for v0 ({@code Qm…}), multibase base32 for v1 ({@code b…}). */
  @Override
  public String toString() {
    return version == 0 ? Base58Btc.encode(bytes()) : "b" + Base32.encode(bytes());
  }
}
