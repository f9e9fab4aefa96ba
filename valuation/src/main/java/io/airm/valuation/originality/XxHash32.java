package io.airm.valuation.originality;

/**
 * xxHash32 (seed 0 unless given), as specified at https://github.com/Cyan4973/xxHash
 * (doc/xxhash_spec.md). ISCC uses it, via Python's {@code xxhash.xxh32_intdigest}, for n-gram and
 * chunk features.
 */
final class XxHash32 {
  private static final int P1 = 0x9E3779B1;
  private static final int P2 = 0x85EBCA77;
  private static final int P3 = 0xC2B2AE3D;
  private static final int P4 = 0x27D4EB2F;
  private static final int P5 = 0x165667B1;

  private XxHash32() {}

  /**
   * The hash of {@code len} bytes of {@code b} from {@code off}, as an unsigned value in an int.
   */
  static int hash(byte[] b, int off, int len, int seed) {
    int end = off + len;
    int p = off;
    int h;
    if (len >= 16) {
      int v1 = seed + P1 + P2;
      int v2 = seed + P2;
      int v3 = seed;
      int v4 = seed - P1;
      int limit = end - 16;
      do {
        v1 = round(v1, le32(b, p));
        v2 = round(v2, le32(b, p + 4));
        v3 = round(v3, le32(b, p + 8));
        v4 = round(v4, le32(b, p + 12));
        p += 16;
      } while (p <= limit);
      h =
          Integer.rotateLeft(v1, 1)
              + Integer.rotateLeft(v2, 7)
              + Integer.rotateLeft(v3, 12)
              + Integer.rotateLeft(v4, 18);
    } else {
      h = seed + P5;
    }
    h += len;
    while (p + 4 <= end) {
      h = Integer.rotateLeft(h + le32(b, p) * P3, 17) * P4;
      p += 4;
    }
    while (p < end) {
      h = Integer.rotateLeft(h + (b[p] & 0xFF) * P5, 11) * P1;
      p++;
    }
    h ^= h >>> 15;
    h *= P2;
    h ^= h >>> 13;
    h *= P3;
    h ^= h >>> 16;
    return h;
  }

  private static int round(int acc, int lane) {
    return Integer.rotateLeft(acc + lane * P2, 13) * P1;
  }

  private static int le32(byte[] b, int i) {
    return (b[i] & 0xFF)
        | (b[i + 1] & 0xFF) << 8
        | (b[i + 2] & 0xFF) << 16
        | (b[i + 3] & 0xFF) << 24;
  }
}
