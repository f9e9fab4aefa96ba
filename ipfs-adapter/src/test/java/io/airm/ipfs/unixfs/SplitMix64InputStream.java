package io.airm.ipfs.unixfs;

import java.io.InputStream;

/**
 * {@code size} bytes of SplitMix64 output seeded with {@code seed}, each 64-bit word little-endian:
 * the content of the golden-vector files, regenerated without touching disk.
 */
public final class SplitMix64InputStream extends InputStream {

  private final long size;
  private long state;
  private long position;
  private long word;

  public SplitMix64InputStream(long seed, long size) {
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
        word = next();
      }
      buffer[offset + i] = (byte) (word >>> (8 * inWord));
      position++;
    }
    return count;
  }

  private long next() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
