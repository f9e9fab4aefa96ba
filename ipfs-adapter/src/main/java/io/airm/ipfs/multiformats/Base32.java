package io.airm.ipfs.multiformats;

/**
 * RFC 4648 base32 without padding, in the lower-case alphabet (multibase prefix {@code b}) or the
 * upper-case one (the form Kubo's flatfs uses for file names).
 *
 * <p>Decoding is strict: only the lower-case alphabet is accepted, lengths that no byte string
 * encodes to (1, 3 or 6 characters past a multiple of 8) are rejected, and so are non-zero unused
 * bits in the last character, so that every byte string has exactly one accepted encoding.
 */
public final class Base32 {

  private static final char[] LOWER = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final int[] LOWER_INDEX = new int[128];

  static {
    java.util.Arrays.fill(LOWER_INDEX, -1);
    for (int i = 0; i < LOWER.length; i++) {
      LOWER_INDEX[LOWER[i]] = i;
    }
  }

  private Base32() {}

  /** Encodes bytes in the lower-case RFC 4648 alphabet without padding. */
  public static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out.append(LOWER[(buffer >>> bits) & 0x1F]);
      }
    }
    if (bits > 0) {
      out.append(LOWER[(buffer << (5 - bits)) & 0x1F]);
    }
    return out.toString();
  }

  /** Encodes bytes in the upper-case RFC 4648 alphabet without padding. */
  public static String encodeUpper(byte[] bytes) {
    return encode(bytes).toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Decodes lower-case RFC 4648 base32 without padding.
   *
   * @throws InvalidEncodingException naming the first offending character or the bad length
   */
  public static byte[] decode(CharSequence text) {
    int length = text.length();
    int tail = length % 8;
    if (tail == 1 || tail == 3 || tail == 6) {
      throw new InvalidEncodingException(
          "A base32 string of "
              + length
              + " characters is impossible: no byte string encodes to that length.");
    }
    byte[] out = new byte[length * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int o = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      int value = c < 128 ? LOWER_INDEX[c] : -1;
      if (value < 0) {
        throw new InvalidEncodingException(
            "Character '" + c + "' at index " + i + " is not in the lower-case base32 alphabet.");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (buffer >>> bits);
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new InvalidEncodingException(
          "The last base32 character '"
              + text.charAt(length - 1)
              + "' has non-zero padding bits, so the string is not a canonical encoding.");
    }
    return out;
  }
}
