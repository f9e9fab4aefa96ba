package io.airm.valuation.influence;

/**
 * Stable least-significant-digit radix sort of longs by their high 32 bits (a non-negative
 * distance), leaving keys with equal high words in their incoming order. KNN-Shapley fills the keys
 * in work-id rank order and stores the rank in the low word, so the result is the order by
 * (distance, work id) without comparing ids.
 */
final class RadixSort {
  private static final int BITS = 11;
  private static final int BUCKETS = 1 << BITS;

  private RadixSort() {}

  /**
   * Sorts {@code keys} in place by {@code keys[i] >>> 32}, all of which lie in [0, max].
   *
   * @param scratch an array at least as long as {@code keys}
   */
  static void sortByHighWord(long[] keys, long[] scratch, int max) {
    int n = keys.length;
    int passes = (32 - Integer.numberOfLeadingZeros(max) + BITS - 1) / BITS;
    int[][] counts = new int[passes][BUCKETS + 1];
    for (long key : keys) {
      int high = (int) (key >>> 32);
      for (int pass = 0; pass < passes; pass++) {
        counts[pass][((high >>> (pass * BITS)) & (BUCKETS - 1)) + 1]++;
      }
    }
    long[] from = keys;
    long[] to = scratch;
    for (int pass = 0; pass < passes; pass++) {
      int[] start = counts[pass];
      for (int b = 0; b < BUCKETS; b++) {
        start[b + 1] += start[b];
      }
      int shift = 32 + pass * BITS;
      for (int i = 0; i < n; i++) {
        long key = from[i];
        to[start[(int) (key >>> shift) & (BUCKETS - 1)]++] = key;
      }
      long[] swap = from;
      from = to;
      to = swap;
    }
    if (from != keys) {
      System.arraycopy(from, 0, keys, 0, n);
    }
  }
}
