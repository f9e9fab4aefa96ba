package io.airm.chain.eth;

import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.utils.Numeric;

/** A 32-byte value (a hash, a root, a work id), held as lower-case 0x-prefixed hex. */
public record Bytes32(String hex) {
  private static final Pattern HEX64 = Pattern.compile("0x[0-9a-f]{64}");
  public static final Bytes32 ZERO = new Bytes32("0x" + "0".repeat(64));

  public Bytes32 {
    if (hex == null || !HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "A 32-byte value must be 0x followed by 64 lower-case hex digits, not " + hex);
    }
  }

  /** Parses 0x-prefixed hex of exactly 32 bytes, in any letter case. */
  public static Bytes32 parse(String text) {
    if (text == null || !text.trim().matches("0x[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "A 32-byte value must be 0x followed by 64 hex digits, not '" + text + "'");
    }
    return new Bytes32(text.trim().toLowerCase(Locale.ROOT));
  }

  /** Wraps exactly 32 bytes. */
  public static Bytes32 of(byte[] bytes) {
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException(
          "Expected 32 bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    return new Bytes32(Numeric.toHexString(bytes));
  }

  /** A fresh copy of the 32 bytes. */
  public byte[] bytes() {
    return Numeric.hexStringToByteArray(hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
