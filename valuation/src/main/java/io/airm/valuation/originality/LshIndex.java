package io.airm.valuation.originality;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Banded locality-sensitive hashing over MinHash signatures: two works are candidates when all
 * {@code rows} values of at least one of the {@code bands} bands are equal. Buckets are keyed by a
 * hash of the band, and every hit is checked value by value, so the candidates are exactly the
 * works sharing a band, whatever the bucket hash.
 */
final class LshIndex {
  private final int bands;
  private final int rows;
  private final IntBuckets[] buckets;
  private final long[][] signatures;

  LshIndex(int bands, int rows, int capacity) {
    this.bands = bands;
    this.rows = rows;
    this.buckets = new IntBuckets[bands];
    for (int j = 0; j < bands; j++) {
      buckets[j] = new IntBuckets();
    }
    this.signatures = new long[capacity][];
  }

  /** Adds the signature of the work at {@code position}. */
  void add(int position, long[] signature) {
    signatures[position] = signature;
    for (int j = 0; j < bands; j++) {
      buckets[j].add(bandKey(signature, j), position);
    }
  }

  /** The signature added at {@code position}. */
  long[] signature(int position) {
    return signatures[position];
  }

  /** Reports every added position sharing a band with {@code signature}, possibly repeatedly. */
  void candidates(long[] signature, IntConsumer onCandidate) {
    for (int j = 0; j < bands; j++) {
      int[] list = buckets[j].get(bandKey(signature, j));
      int from = j * rows;
      for (int k = 1; k <= IntBuckets.size(list); k++) {
        int p = list[k];
        if (Arrays.equals(signatures[p], from, from + rows, signature, from, from + rows)) {
          onCandidate.accept(p);
        }
      }
    }
  }

  private long bandKey(long[] signature, int band) {
    long h = band;
    for (int i = band * rows; i < (band + 1) * rows; i++) {
      h = ShingleSketcher.splitMix(h ^ signature[i]) + 0x9E3779B97F4A7C15L;
    }
    return h;
  }
}
