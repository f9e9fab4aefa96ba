package io.airm.node.settle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the settlement side's steps (pool indexing, attestation relaying, settlement runs) one after
 * the other on one thread, every interval; a failing step is logged and retried next round.
 */
public final class SettlementLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SettlementLoop.class);

  private final Duration interval;
  private final List<Runnable> steps;
  private final ScheduledExecutorService executor;
  private volatile boolean stopping;

  public SettlementLoop(Duration interval, Runnable... steps) {
    this.interval = interval;
    this.steps = List.of(steps);
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "airm-settlement");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts the rounds. */
  public void start() {
    executor.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One round of every step; once stopping, the running step is the last. */
  public void runOnce() {
    for (Runnable step : steps) {
      if (stopping) {
        return;
      }
      try {
        step.run();
      } catch (RuntimeException e) {
        LOG.warn("Settlement step failed, retried next round: {}", e.toString());
      }
    }
  }

  /** Stops after the running step (in-flight work finishes), waiting up to 30 s for it. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /**
   * Stops: the running step finishes, no other starts; waits up to {@code timeout} for it, then
   * interrupts it (what it had stored stays stored; the next start resumes).
   */
  public void close(Duration timeout) {
    stopping = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("A settlement step outlived the shutdown timeout {}; interrupted", timeout);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
