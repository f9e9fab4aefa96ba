package io.airm.valuation.perspective;

/** A set of longs with open addressing and linear probing; no boxing. */
final class LongHashSet {
  private long[] slots = new long[1 << 12];
  private int size;
  private boolean hasZero; // 0 marks an empty slot, so the value 0 is kept aside

  boolean contains(long value) {
    if (value == 0) {
      return hasZero;
    }
    int mask = slots.length - 1;
    for (int i = mix(value) & mask; ; i = (i + 1) & mask) {
      long at = slots[i];
      if (at == 0) {
        return false;
      }
      if (at == value) {
        return true;
      }
    }
  }

  void add(long value) {
    if (value == 0) {
      hasZero = true;
      return;
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    if (insert(slots, value)) {
      size++;
    }
  }

  private static boolean insert(long[] table, long value) {
    int mask = table.length - 1;
    for (int i = mix(value) & mask; ; i = (i + 1) & mask) {
      long at = table[i];
      if (at == 0) {
        table[i] = value;
        return true;
      }
      if (at == value) {
        return false;
      }
    }
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long v : slots) {
      if (v != 0) {
        insert(bigger, v);
      }
    }
    slots = bigger;
  }

  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
