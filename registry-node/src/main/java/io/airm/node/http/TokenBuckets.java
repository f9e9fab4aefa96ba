package io.airm.node.http;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One token bucket per key: each holds up to {@code burst} tokens, refilled at {@code perSecond}; a
 * request takes one. Memory is bounded: a bucket that has refilled completely is the same as no
 * bucket and is dropped, and beyond {@code maxBuckets} the least recently used bucket is dropped
 * even if it is not full (its owner then starts again from a full bucket).
 */
public final class TokenBuckets {
  private final double perNano;
  private final double burst;
  private final int maxBuckets;
  private final LongSupplier nanoTime;
  // in access order: the eldest entry is the least recently used bucket
  private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

  /**
   * @param perSecond tokens added per second
   * @param burst the most tokens a bucket holds
   * @param maxBuckets the most buckets kept at once
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public TokenBuckets(double perSecond, int burst, int maxBuckets, LongSupplier nanoTime) {
    if (!(perSecond > 0) || burst < 1 || maxBuckets < 1) {
      throw new IllegalArgumentException(
          "A token bucket needs a positive rate, burst and size, not "
              + perSecond
              + "/s, "
              + burst
              + ", "
              + maxBuckets);
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.maxBuckets = maxBuckets;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes a token from {@code key}'s bucket.
   *
   * @return empty if the request may go ahead, else how long until the bucket holds a token
   */
  public synchronized Optional<Duration> take(String key) {
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    bucket.refill(now);
    Optional<Duration> wait;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      wait = Optional.empty();
    } else {
      wait = Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / perNano)));
    }
    evict(now);
    return wait;
  }

  /** How many buckets are kept (tests). */
  synchronized int size() {
    return buckets.size();
  }

  /** Drops full buckets from the least recently used end, and any beyond {@code maxBuckets}. */
  private void evict(long now) {
    for (Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
        eldest.hasNext(); ) {
      Bucket bucket = eldest.next().getValue();
      if (buckets.size() > maxBuckets || bucket.fullAt(now)) {
        eldest.remove();
      } else {
        return;
      }
    }
  }

  private final class Bucket {
    private double tokens;
    private long updated;

    private Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }

    private void refill(long now) {
      tokens = Math.min(burst, tokens + (now - updated) * perNano);
      updated = now;
    }

    private boolean fullAt(long now) {
      return tokens + (now - updated) * perNano >= burst;
    }
  }
}
