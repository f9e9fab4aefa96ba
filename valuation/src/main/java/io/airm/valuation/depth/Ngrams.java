package io.airm.valuation.depth;

/**
 * Exact n-gram bookkeeping over a sequence of word ids: an open-addressing table keyed by the n ids
 * themselves (the hash only chooses the slot; equality is checked id by id), so the result never
 * depends on a hash collision.
 */
final class Ngrams {
  private Ngrams() {}

  /**
   * For each start position {@code i} (0..len-n), the start position of the first occurrence of the
   * same n-gram; {@code null} when the sequence is shorter than n.
   */
  static int[] firstOccurrences(int[] ids, int len, int n) {
    int count = len - n + 1;
    if (count <= 0) {
      return null;
    }
    int capacity = Integer.highestOneBit(Math.max(4, count) * 2) << 1;
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    java.util.Arrays.fill(slots, -1);
    int[] first = new int[count];
    for (int i = 0; i < count; i++) {
      long h = 0;
      for (int j = 0; j < n; j++) {
        h = (h + ids[i + j] + 1) * 0x9E3779B97F4A7C15L;
      }
      int slot = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
      while (true) {
        int at = slots[slot];
        if (at < 0) {
          slots[slot] = i;
          first[i] = i;
          break;
        }
        if (same(ids, at, i, n)) {
          first[i] = at;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return first;
  }

  private static boolean same(int[] ids, int a, int b, int n) {
    for (int j = 0; j < n; j++) {
      if (ids[a + j] != ids[b + j]) {
        return false;
      }
    }
    return true;
  }
}
