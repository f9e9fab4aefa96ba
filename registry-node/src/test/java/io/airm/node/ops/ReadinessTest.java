package io.airm.node.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private static Map<String, Readiness.Probe> probes(Readiness.Probe chain) {
    Map<String, Readiness.Probe> probes = new LinkedHashMap<>();
    probes.put("database", Map::of);
    probes.put("chain", chain);
    probes.put("ipfs", () -> Map.of("store", "embedded"));
    return probes;
  }

  @Test
  void notReady_whileStarting_readyOnceStarted_neverAgainOnceStopping() {
    try (Readiness readiness =
        new Readiness(probes(() -> Map.of("headBlock", 7L)), TIMEOUT, Map.of())) {
      assertThat(readiness.check().ready()).isFalse();
      assertThat(readiness.check().phase()).isEqualTo(Readiness.Phase.STARTING);
      readiness.ready();
      Readiness.Report report = readiness.check();
      assertThat(report.ready()).isTrue();
      assertThat(report.checks().keySet()).containsExactly("database", "chain", "ipfs");
      assertThat(report.checks().get("chain").details()).containsEntry("headBlock", 7L);
      readiness.stopping();
      readiness.ready();
      assertThat(readiness.check().ready()).isFalse();
      assertThat(readiness.check().phase()).isEqualTo(Readiness.Phase.STOPPING);
    }
  }

  @Test
  void aHungDependency_isDownWithinTheTimeout_andHoldsOneThread() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    try (Readiness readiness =
        new Readiness(
            probes(
                () -> {
                  calls.incrementAndGet();
                  never.await();
                  return Map.of();
                }),
            TIMEOUT,
            Map.of())) {
      readiness.ready();
      long start = System.nanoTime();
      Readiness.Report report = readiness.check();
      long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertThat(took).isLessThan(TIMEOUT.toMillis() + 1000);
      assertThat(report.ready()).isFalse();
      assertThat(report.checks().get("chain").up()).isFalse();
      assertThat(report.checks().get("chain").error()).contains("no answer within 300 ms");
      assertThat(report.checks().get("database").up()).isTrue();
      assertThat(report.checks().get("ipfs").up()).isTrue();

      Thread.sleep(Readiness.REUSE.toMillis() + 50);
      assertThat(readiness.check().checks().get("chain").up()).isFalse();
      assertThat(calls).hasValue(1); // the hung probe is waited on again, not started again
    }
  }

  @Test
  void aFailingDependency_reportsWhy_withoutTheSecretsInItsEndpoint() {
    String url = "https://mainnet.example/v3/secret-api-key";
    try (Readiness readiness =
        new Readiness(
            probes(
                () -> {
                  throw new java.io.IOException("Failed to connect to " + url);
                }),
            TIMEOUT,
            Map.of(url, "<chain.rpc-url>"))) {
      readiness.ready();
      Readiness.Check chain = readiness.check().checks().get("chain");
      assertThat(chain.up()).isFalse();
      assertThat(chain.error()).contains("IOException: Failed to connect to <chain.rpc-url>");
      assertThat(chain.error().orElseThrow()).doesNotContain("secret-api-key");
    }
  }

  @Test
  void checks_areReusedForASecond_thenRunAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (Readiness readiness =
        new Readiness(
            probes(
                () -> {
                  calls.incrementAndGet();
                  return Map.of();
                }),
            TIMEOUT,
            Map.of())) {
      readiness.check();
      readiness.check();
      assertThat(calls).hasValue(1);
      Thread.sleep(Readiness.REUSE.toMillis() + 50);
      readiness.check();
      assertThat(calls).hasValue(2);
    }
  }
}
