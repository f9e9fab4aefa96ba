package io.airm.ipfs.dagpb;

import io.airm.ipfs.multiformats.InvalidEncodingException;

/**
 * A minimal protobuf wire-format reader for the dag-pb and UnixFS messages.
 *
 * <p>It reports malformed input (truncated fields, varints over 10 bytes, lengths past the end) as
 * {@link InvalidEncodingException}; which fields are allowed, and in which order, is for the caller
 * to decide.
 */
public final class ProtoReader {

  private final byte[] buffer;
  private final int end;
  private int position;

  /** Reads {@code length} bytes of {@code buffer} from {@code offset}. */
  public ProtoReader(byte[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.position = offset;
    this.end = offset + length;
  }

  /** Reads all of {@code buffer}. */
  public ProtoReader(byte[] buffer) {
    this(buffer, 0, buffer.length);
  }

  /** True if there is another field to read. */
  public boolean hasMore() {
    return position < end;
  }

  /** Reads a field key; {@code key >>> 3} is the field number and {@code key & 7} the wire type. */
  public int tag() {
    long key = varint();
    if (key >>> 3 == 0 || key > Integer.MAX_VALUE) {
      throw new InvalidEncodingException("The protobuf field key " + key + " is invalid.");
    }
    return (int) key;
  }

  /** Reads a varint of up to 10 bytes as an unsigned 64-bit pattern. */
  public long varint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= end) {
        throw new InvalidEncodingException(
            "A protobuf varint is truncated at offset " + position + ".");
      }
      int b = buffer[position++] & 0xFF;
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new InvalidEncodingException(
        "A protobuf varint ending at offset " + position + " is longer than 10 bytes.");
  }

  /** Reads a length-delimited field's payload. */
  public byte[] bytes() {
    int length = length();
    byte[] out = new byte[length];
    System.arraycopy(buffer, position, out, 0, length);
    position += length;
    return out;
  }

  /** Reads a length-delimited field as a sub-reader over its payload, without copying. */
  public ProtoReader message() {
    int length = length();
    ProtoReader sub = new ProtoReader(buffer, position, length);
    position += length;
    return sub;
  }

  /** Skips the payload of a field of {@code wireType}. */
  public void skip(int wireType) {
    switch (wireType) {
      case ProtoWriter.VARINT -> varint();
      case 1 -> advance(8);
      case ProtoWriter.LEN -> position += length();
      case 5 -> advance(4);
      default ->
          throw new InvalidEncodingException(
              "The protobuf wire type " + wireType + " is not supported.");
    }
  }

  private int length() {
    long length = varint();
    if (length < 0 || length > end - position) {
      throw new InvalidEncodingException(
          "A protobuf length of "
              + Long.toUnsignedString(length)
              + " bytes at offset "
              + position
              + " runs past the end of the message.");
    }
    return (int) length;
  }

  private void advance(int count) {
    if (count > end - position) {
      throw new InvalidEncodingException(
          "A protobuf fixed-width field at offset " + position + " is truncated.");
    }
    position += count;
  }
}
