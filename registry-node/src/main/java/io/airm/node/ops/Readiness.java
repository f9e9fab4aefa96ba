package io.airm.node.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the node can serve: its phase (starting, ready, stopping) and a probe per dependency
 * (database, chain, IPFS), each bounded by a timeout so that a hung dependency cannot hang the
 * answer. A probe still running from an earlier check is waited for, not started again, so a hung
 * dependency holds at most one thread.
 */
public final class Readiness implements AutoCloseable {
  /** Where the node is in its life. */
  public enum Phase {
    STARTING,
    READY,
    STOPPING
  }

  /** One dependency's probe: returns details to report (e.g. the chain's head block), or throws. */
  @FunctionalInterface
  public interface Probe {
    Map<String, Object> check() throws Exception;
  }

  /**
   * One probe's outcome.
   *
   * @param up whether the dependency answered within the timeout
   * @param latencyMs how long it took (the timeout when it did not answer)
   * @param error why it is down, if it is
   * @param details what the probe reported
   */
  public record Check(
      boolean up, long latencyMs, Optional<String> error, Map<String, Object> details) {}

  /**
   * The node's readiness: ready only in phase READY with every dependency up.
   *
   * @param phase the node's phase
   * @param checks each dependency's check, in the order the probes were given
   */
  public record Report(Phase phase, Map<String, Check> checks) {
    /** Whether a load balancer should send this node traffic. */
    public boolean ready() {
      return phase == Phase.READY && checks.values().stream().allMatch(Check::up);
    }
  }

  private static final int MAX_ERROR_CHARS = 300;

  /** How long one round of checks answers later requests: probes cost the dependencies little. */
  static final Duration REUSE = Duration.ofSeconds(1);

  private final Map<String, Probe> probes;
  private final Duration timeout;
  private final Map<String, String> redactions;
  private final Map<String, Future<Map<String, Object>>> running = new ConcurrentHashMap<>();
  private final ExecutorService executor;
  private volatile Phase phase = Phase.STARTING;
  private Map<String, Check> lastChecks;
  private long lastCheckedAt;

  /**
   * @param probes the dependencies by name, in the order they are reported
   * @param timeout how long each probe may take
   * @param redactions text that must never appear in a reported error (e.g. an RPC URL that carries
   *     an API key), each mapped to what replaces it
   */
  public Readiness(Map<String, Probe> probes, Duration timeout, Map<String, String> redactions) {
    this.probes = new LinkedHashMap<>(probes);
    this.timeout = timeout;
    this.redactions = Map.copyOf(redactions);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "airm-probe-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The node has started: it is ready whenever its dependencies are. */
  public void ready() {
    if (phase == Phase.STARTING) {
      phase = Phase.READY;
    }
  }

  /** The node is stopping: never ready again. */
  public void stopping() {
    phase = Phase.STOPPING;
  }

  /** The node's phase. */
  public Phase phase() {
    return phase;
  }

  /**
   * Runs every probe (concurrently, each within the timeout) and reports; checks made less than
   * {@link #REUSE} ago are reported again instead.
   */
  public synchronized Report check() {
    long now = System.nanoTime();
    if (lastChecks == null || now - lastCheckedAt >= REUSE.toNanos()) {
      lastChecks = runProbes();
      lastCheckedAt = System.nanoTime();
    }
    return new Report(phase, lastChecks);
  }

  private Map<String, Check> runProbes() {
    Map<String, Future<Map<String, Object>>> futures = new LinkedHashMap<>();
    Map<String, Long> started = new LinkedHashMap<>();
    for (var probe : probes.entrySet()) {
      started.put(probe.getKey(), System.nanoTime());
      futures.put(probe.getKey(), submit(probe.getKey(), probe.getValue()));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Check> checks = new LinkedHashMap<>();
    for (var future : futures.entrySet()) {
      String name = future.getKey();
      long start = started.get(name);
      try {
        Map<String, Object> details =
            future.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        checks.put(name, new Check(true, millisSince(start), Optional.empty(), details));
      } catch (TimeoutException e) {
        checks.put(
            name,
            new Check(
                false,
                millisSince(start),
                Optional.of("no answer within " + timeout.toMillis() + " ms"),
                Map.of()));
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        checks.put(
            name, new Check(false, millisSince(start), Optional.of(describe(cause)), Map.of()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        checks.put(
            name, new Check(false, millisSince(start), Optional.of("interrupted"), Map.of()));
      }
    }
    return java.util.Collections.unmodifiableMap(checks);
  }

  private Future<Map<String, Object>> submit(String name, Probe probe) {
    return running.compute(
        name,
        (key, previous) ->
            previous != null && !previous.isDone() ? previous : executor.submit(probe::check));
  }

  private String describe(Throwable failure) {
    String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
    String text = failure.getClass().getSimpleName() + message;
    for (var redaction : redactions.entrySet()) {
      if (!redaction.getKey().isEmpty()) {
        text = text.replace(redaction.getKey(), redaction.getValue());
      }
    }
    return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text;
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** Stops the probe threads (a hung probe's thread is interrupted). */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
