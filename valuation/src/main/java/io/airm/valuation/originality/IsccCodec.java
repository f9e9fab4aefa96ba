package io.airm.valuation.originality;

import java.io.ByteArrayOutputStream;

/**
 * The ISCC unit header and its base32 text form (ISO 24138; iscc-core {@code codec.py}): main type,
 * sub type, version and length as variable-length nibbles, then the digest truncated to the length,
 * RFC 4648 base32 without padding, behind {@code ISCC:}.
 */
final class IsccCodec {
  /** MainType CONTENT. */
  static final int MT_CONTENT = 2;

  /** MainType DATA. */
  static final int MT_DATA = 3;

  /** SubType TEXT of CONTENT; also SubType NONE. */
  static final int ST_TEXT = 0;

  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private IsccCodec() {}

  /** Checks a unit length: 32 to 256 bits in steps of 32, as ISCC v0 allows. */
  static void checkBits(int bits) {
    if (bits < 32 || bits > 256 || bits % 32 != 0) {
      throw new IllegalArgumentException(
          "An ISCC unit has 32 to 256 bits in steps of 32, not " + bits);
    }
  }

  /** {@code ISCC:} and the base32 of header and the first {@code bits} of {@code digest}. */
  static String encode(int mainType, int subType, int version, int bits, byte[] digest) {
    checkBits(bits);
    // Content and data units store their length as (bits / 32) - 1.
    int[] fields = {mainType, subType, version, bits / 32 - 1};
    StringBuilder nibbleBits = new StringBuilder();
    for (int field : fields) {
      nibbleBits.append(varnibble(field));
    }
    while (nibbleBits.length() % 8 != 0) {
      nibbleBits.append('0');
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < nibbleBits.length(); i += 8) {
      out.write(Integer.parseInt(nibbleBits.substring(i, i + 8), 2));
    }
    out.write(digest, 0, bits / 8);
    return "ISCC:" + base32(out.toByteArray());
  }

  // ISO 24138 variable-length nibbles: 0xxx, 10xxxxxx, 110xxxxxxxxx, 1110xxxxxxxxxxxx.
  private static String varnibble(int n) {
    if (n < 0 || n > 4679) {
      throw new IllegalArgumentException("ISCC header field out of range: " + n);
    }
    if (n < 8) {
      return pad(n, 4);
    } else if (n < 72) {
      return "10" + pad(n - 8, 6);
    } else if (n < 584) {
      return "110" + pad(n - 72, 9);
    }
    return "1110" + pad(n - 584, 12);
  }

  private static String pad(int n, int width) {
    String s = Integer.toBinaryString(n);
    return "0".repeat(width - s.length()) + s;
  }

  private static String base32(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bitsLeft = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bitsLeft += 8;
      while (bitsLeft >= 5) {
        out.append(BASE32[(buffer >>> (bitsLeft - 5)) & 31]);
        bitsLeft -= 5;
      }
    }
    if (bitsLeft > 0) {
      out.append(BASE32[(buffer << (5 - bitsLeft)) & 31]);
    }
    return out.toString();
  }

  /** The first 8 bytes of a digest as a big-endian long. */
  static long first64(byte[] digest) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (digest[i] & 0xFF);
    }
    return v;
  }

  /**
   * Similarity of two 64-bit digests: (64 − Hamming distance) / 64, in ppm (exact: 15,625 per bit).
   */
  static long similarityPpm(long a, long b) {
    return (64L - Long.bitCount(a ^ b)) * 15_625L;
  }
}
