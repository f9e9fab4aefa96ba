package io.airm.ipfs.multiformats;

import java.util.Arrays;

/**
 * Base58 in the Bitcoin alphabet (multibase prefix {@code z}; CIDv0 strings use it bare).
 *
 * <p>Each leading zero byte becomes a leading {@code 1}, as in Bitcoin addresses. The quadratic
 * big-number conversion is fine for the short strings (CIDs, keys) this is used for.
 */
public final class Base58Btc {

  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEX = new int[128];

  static {
    Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEX[ALPHABET[i]] = i;
    }
  }

  private Base58Btc() {}

  /** Encodes bytes in base58btc. */
  public static String encode(byte[] bytes) {
    int zeros = 0;
    while (zeros < bytes.length && bytes[zeros] == 0) {
      zeros++;
    }
    // Base-58 digits, least significant first; log(256)/log(58) < 1.37.
    int[] digits = new int[(bytes.length - zeros) * 137 / 100 + 1];
    int used = 0;
    for (int i = zeros; i < bytes.length; i++) {
      int carry = bytes[i] & 0xFF;
      for (int j = 0; j < used; j++) {
        carry += digits[j] << 8;
        digits[j] = carry % 58;
        carry /= 58;
      }
      while (carry > 0) {
        digits[used++] = carry % 58;
        carry /= 58;
      }
    }
    StringBuilder out = new StringBuilder(zeros + used);
    for (int i = 0; i < zeros; i++) {
      out.append('1');
    }
    for (int i = used - 1; i >= 0; i--) {
      out.append(ALPHABET[digits[i]]);
    }
    return out.toString();
  }

  /**
   * Decodes base58btc.
   *
   * @throws InvalidEncodingException naming the first character outside the alphabet
   */
  public static byte[] decode(CharSequence text) {
    int length = text.length();
    int ones = 0;
    while (ones < length && text.charAt(ones) == '1') {
      ones++;
    }
    // Base-256 digits, least significant first; log(58)/log(256) < 0.74.
    int[] bytes = new int[(length - ones) * 74 / 100 + 1];
    int used = 0;
    for (int i = ones; i < length; i++) {
      char c = text.charAt(i);
      int carry = c < 128 ? INDEX[c] : -1;
      if (carry < 0) {
        throw new InvalidEncodingException(
            "Character '" + c + "' at index " + i + " is not in the base58btc alphabet.");
      }
      for (int j = 0; j < used; j++) {
        carry += bytes[j] * 58;
        bytes[j] = carry & 0xFF;
        carry >>>= 8;
      }
      while (carry > 0) {
        bytes[used++] = carry & 0xFF;
        carry >>>= 8;
      }
    }
    byte[] out = new byte[ones + used];
    for (int i = 0; i < used; i++) {
      out[ones + i] = (byte) bytes[used - 1 - i];
    }
    return out;
  }
}
