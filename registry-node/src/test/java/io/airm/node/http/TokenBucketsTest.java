package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private TokenBuckets buckets(double perSecond, int burst, int maxBuckets) {
    return new TokenBuckets(perSecond, burst, maxBuckets, nanos::get);
  }

  private static void about(Duration actual, Duration expected) {
    assertThat(actual).isBetween(expected, expected.plusNanos(100));
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void aBurst_isServed_thenTheNextRequestWaitsForOneToken() {
    TokenBuckets buckets = buckets(2, 3, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("peer:a")).as("request %d", i).isEmpty();
    }
    assertThat(buckets.take("peer:a"))
        .hasValueSatisfying(wait -> about(wait, Duration.ofMillis(500)));
  }

  @Test
  void tokens_refillAtTheRate_andNoFasterThanTheBurst() {
    TokenBuckets buckets = buckets(2, 3, 100);
    for (int i = 0; i < 3; i++) {
      buckets.take("peer:a");
    }
    advance(Duration.ofMillis(499));
    assertThat(buckets.take("peer:a"))
        .hasValueSatisfying(wait -> about(wait, Duration.ofMillis(1)));
    advance(Duration.ofMillis(1));
    assertThat(buckets.take("peer:a")).isEmpty();
    advance(Duration.ofHours(1)); // idle for long: a full bucket, not thousands of tokens
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("peer:a")).isEmpty();
    }
    assertThat(buckets.take("peer:a")).isPresent();
  }

  @Test
  void aRefusedRequest_costsNothing() {
    TokenBuckets buckets = buckets(1, 1, 100);
    buckets.take("peer:a");
    for (int i = 0; i < 10; i++) {
      assertThat(buckets.take("peer:a")).isPresent();
    }
    advance(Duration.ofSeconds(1));
    assertThat(buckets.take("peer:a")).isEmpty();
  }

  @Test
  void eachKey_hasItsOwnBucket() {
    TokenBuckets buckets = buckets(1, 1, 100);
    assertThat(buckets.take("peer:a")).isEmpty();
    assertThat(buckets.take("peer:a")).isPresent();
    assertThat(buckets.take("peer:b")).isEmpty();
  }

  @Test
  void idleBuckets_areForgotten_onceTheyWouldBeFull() {
    TokenBuckets buckets = buckets(10, 10, 1000);
    for (int i = 0; i < 500; i++) {
      buckets.take("peer:" + i);
    }
    assertThat(buckets.size()).isEqualTo(500);
    advance(Duration.ofMillis(100)); // one token back: full again
    buckets.take("peer:new");
    assertThat(buckets.size()).isEqualTo(1);
  }

  @Test
  void memory_isBounded_whenManyKeysAreBusy() {
    TokenBuckets buckets = buckets(1, 5, 100);
    for (int i = 0; i < 10_000; i++) {
      buckets.take("peer:" + i);
    }
    assertThat(buckets.size()).isEqualTo(100);
    // the least recently used were dropped; the newest keep their state
    for (int i = 0; i < 4; i++) {
      buckets.take("peer:9999");
    }
    assertThat(buckets.take("peer:9999")).isPresent();
  }

  @Test
  void fractionalRates_giveLongWaits() {
    TokenBuckets buckets = buckets(0.1, 1, 10);
    buckets.take("peer:a");
    assertThat(buckets.take("peer:a"))
        .hasValueSatisfying(wait -> about(wait, Duration.ofSeconds(10)));
  }

  @Test
  void nonsenseSettings_areRefused() {
    assertThatThrownBy(() -> buckets(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> buckets(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
