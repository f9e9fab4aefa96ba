package io.airm.valuation.originality;

import java.util.function.IntConsumer;

/**
 * Finds every earlier 64-bit code within {@code maxDistance} bits of a query without comparing all
 * pairs: the 64 bits are cut into {@code maxDistance + 1} blocks, and by the pigeonhole principle
 * two codes that differ in at most {@code maxDistance} bits agree exactly on at least one block.
 */
final class BitBlockIndex {
  private final int maxDistance;
  private final int[] from;
  private final IntBuckets[] blocks;
  private final long[] codes;

  BitBlockIndex(int maxDistance, int capacity) {
    this.maxDistance = maxDistance;
    int n = maxDistance + 1;
    this.from = new int[n + 1];
    this.blocks = new IntBuckets[n];
    for (int t = 0; t <= n; t++) {
      from[t] = t * 64 / n;
    }
    for (int t = 0; t < n; t++) {
      blocks[t] = new IntBuckets();
    }
    this.codes = new long[capacity];
  }

  /** Adds the code of the work at {@code position} (positions are added in increasing order). */
  void add(int position, long code) {
    codes[position] = code;
    for (int t = 0; t < blocks.length; t++) {
      blocks[t].add(block(code, t), position);
    }
  }

  /** Reports every added position within the distance of {@code code}, possibly repeatedly. */
  void near(long code, IntConsumer onHit) {
    for (int t = 0; t < blocks.length; t++) {
      int[] list = blocks[t].get(block(code, t));
      for (int k = 1; k <= IntBuckets.size(list); k++) {
        int p = list[k];
        if (Long.bitCount(codes[p] ^ code) <= maxDistance) {
          onHit.accept(p);
        }
      }
    }
  }

  // Bits from[t] .. from[t+1] of the code, counted from the most significant bit.
  private long block(long code, int t) {
    int width = from[t + 1] - from[t];
    long mask = width == 64 ? -1L : (1L << width) - 1;
    return (code >>> (64 - from[t + 1])) & mask;
  }
}
