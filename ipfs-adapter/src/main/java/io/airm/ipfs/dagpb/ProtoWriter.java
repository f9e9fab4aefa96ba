package io.airm.ipfs.dagpb;

import java.util.Arrays;

/**
 * A minimal protobuf wire-format writer for the dag-pb and UnixFS messages.
 *
 * <p>It writes fields in exactly the order it is called, which is what canonical dag-pb needs: the
 * ordering rules live in the callers, next to the spec they follow. Varints are minimal.
 */
public final class ProtoWriter {

  /** Wire type of varint fields (int32, uint64, enum, bool). */
  public static final int VARINT = 0;

  /** Wire type of length-delimited fields (bytes, string, embedded messages). */
  public static final int LEN = 2;

  private byte[] buffer;
  private int size;

  /** Creates a writer whose buffer starts at {@code expectedSize} bytes and grows as needed. */
  public ProtoWriter(int expectedSize) {
    this.buffer = new byte[Math.max(16, expectedSize)];
  }

  /** Writes a varint field. */
  public ProtoWriter uint64(int field, long value) {
    tag(field, VARINT);
    varint(value);
    return this;
  }

  /** Writes a length-delimited field holding all of {@code value}. */
  public ProtoWriter bytes(int field, byte[] value) {
    return bytes(field, value, 0, value.length);
  }

  /** Writes a length-delimited field holding {@code length} bytes of {@code value}. */
  public ProtoWriter bytes(int field, byte[] value, int offset, int length) {
    tag(field, LEN);
    varint(length);
    ensure(length);
    System.arraycopy(value, offset, buffer, size, length);
    size += length;
    return this;
  }

  /** The number of bytes written so far. */
  public int size() {
    return size;
  }

  /** A copy of the bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    ensure(10);
    // Protobuf varints are unsigned LEB128; a negative long is written as its 64-bit pattern.
    while ((value & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[size++] = (byte) value;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
