package io.airm.ipfs.multiformats;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints as the multiformats unsigned-varint spec restricts them.
 *
 * <p>See https://github.com/multiformats/unsigned-varint: at most 9 bytes (63 bits of value), and
 * the encoding must be minimal, so a last byte of {@code 0x00} after a continuation byte is
 * rejected. Protobuf varints are looser (10 bytes, non-minimal allowed) and are read by the dag-pb
 * codec instead.
 */
public final class Varint {

  /** The longest encoding the spec allows: 9 bytes, enough for 63 bits. */
  public static final int MAX_LENGTH = 9;

  private Varint() {}

  /** Returns the number of bytes {@link #encode} produces for {@code value}. */
  public static int size(long value) {
    requireUnsigned(value);
    int size = 1;
    while ((value >>>= 7) != 0) {
      size++;
    }
    return size;
  }

  /** Encodes a non-negative value as a minimal unsigned varint. */
  public static byte[] encode(long value) {
    byte[] out = new byte[size(value)];
    int i = 0;
    while ((value & ~0x7FL) != 0) {
      out[i++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[i] = (byte) value;
    return out;
  }

  /** Appends the minimal unsigned varint of a non-negative value to {@code out}. */
  public static void write(long value, ByteArrayOutputStream out) {
    requireUnsigned(value);
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /**
   * Reads one varint from {@code in}, advancing its position past it.
   *
   * @throws InvalidEncodingException if the varint is truncated, longer than 9 bytes or not
   *     minimally encoded
   */
  public static long read(ByteBuffer in) {
    int start = in.position();
    long value = 0;
    for (int i = 0; i < MAX_LENGTH; i++) {
      if (!in.hasRemaining()) {
        throw new InvalidEncodingException(
            "The varint at offset " + start + " is truncated after " + i + " byte(s).");
      }
      int b = in.get() & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new InvalidEncodingException(
              "The varint at offset "
                  + start
                  + " is not minimally encoded: it ends in a zero byte after "
                  + i
                  + " continuation byte(s).");
        }
        return value;
      }
    }
    throw new InvalidEncodingException(
        "The varint at offset " + start + " is longer than " + MAX_LENGTH + " bytes.");
  }

  private static void requireUnsigned(long value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "A varint holds a non-negative value below 2^63, but got " + value + ".");
    }
  }
}
