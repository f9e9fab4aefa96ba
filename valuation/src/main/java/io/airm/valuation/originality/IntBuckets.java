package io.airm.valuation.originality;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Lists of work positions under 64-bit keys; lookups only, never iterated. */
final class IntBuckets {
  private static final int[] NONE = new int[0];

  private final Map<Long, int[]> buckets = new HashMap<>();

  /** Appends {@code position} under {@code key}; slot 0 of each array holds the count. */
  void add(long key, int position) {
    int[] list = buckets.get(key);
    if (list == null) {
      list = new int[4];
    } else if (list[0] + 1 == list.length) {
      list = Arrays.copyOf(list, list.length * 2);
    }
    list[++list[0]] = position;
    buckets.put(key, list);
  }

  /** The positions under {@code key} in the order added; slot 0 is the count. */
  int[] get(long key) {
    int[] list = buckets.get(key);
    return list == null ? NONE : list;
  }

  static int size(int[] list) {
    return list.length == 0 ? 0 : list[0];
  }
}
