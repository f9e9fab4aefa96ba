package io.airm.ipfs.kubo;

import java.io.InputStream;

/**
 * {@code size} bytes of SplitMix64 output from {@code seed}: large test content without a buffer.
 */
final class PseudoRandomContent extends InputStream {

  private final long size;
  private long state;
  private long position;
  private long word;

  PseudoRandomContent(long seed, long size) {
    this.state = seed;
    this.size = size;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (position == size) {
      return -1;
    }
    int count = (int) Math.min(length, size - position);
    for (int i = 0; i < count; i++) {
      int inWord = (int) (position & 7);
      if (inWord == 0) {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        word = z ^ (z >>> 31);
      }
      buffer[offset + i] = (byte) (word >>> (8 * inWord));
      position++;
    }
    return count;
  }
}
