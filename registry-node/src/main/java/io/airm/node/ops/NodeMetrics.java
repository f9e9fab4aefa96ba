package io.airm.node.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's Prometheus metrics, in a registry of its own (several nodes may share a JVM in tests).
 * Events (requests, IPFS failures) are counted where they happen; state that lives in the database
 * or on chain (log size, pending anchors, chain lag, attestations and settlement runs by state) is
 * read when scraped, at most once a second, so a scrape costs a few indexed queries and one RPC
 * call, each bounded in time.
 */
public final class NodeMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeMetrics.class);

  /** How long a read of the database and the chain serves scrapes. */
  static final Duration CACHE = Duration.ofSeconds(1);

  /** How long a scrape waits for the chain's head block. */
  static final Duration CHAIN_TIMEOUT = Duration.ofSeconds(2);

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final ExpositionFormats formats = ExpositionFormats.init();
  private final Counter requests;
  private final Histogram latency;
  private final Counter ipfsErrors;
  private final ExecutorService chainReader =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "airm-metrics-chain");
            thread.setDaemon(true);
            return thread;
          });
  private Cached<OpsSnapshot> snapshot;
  private Cached<Long> chainHead;
  private Future<Long> chainHeadRead;

  public NodeMetrics() {
    requests =
        Counter.builder()
            .name("airm_http_requests")
            .help("HTTP requests answered, by method, route template and status")
            .labelNames("method", "route", "status")
            .register(registry);
    latency =
        Histogram.builder()
            .name("airm_http_request_duration_seconds")
            .help("Time from a request's arrival to its answer, by method and route template")
            .labelNames("method", "route")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .register(registry);
    ipfsErrors =
        Counter.builder()
            .name("airm_ipfs_errors")
            .help(
                "Failures of the content store (embedded block store or Kubo), by store and"
                    + " operation")
            .labelNames("store", "operation")
            .register(registry);
    JvmMetrics.builder().register(registry);
  }

  /** Counts one answered request; {@code route} is the route template, never the raw path. */
  public void request(String method, String route, int status, long nanos) {
    requests.labelValues(method, route, Integer.toString(status)).inc();
    latency.labelValues(method, route).observe(nanos / 1e9);
  }

  /** Counts one failure of the content store. */
  public void ipfsError(String store, String operation) {
    ipfsErrors.labelValues(store, operation).inc();
  }

  /**
   * Reports the node's state: the database's through {@code state}, the chain's head through {@code
   * chainHead} (an RPC call, bounded by {@link #CHAIN_TIMEOUT}).
   */
  public NodeMetrics watch(OpsSnapshot.Source state, LongSupplier chainHead) {
    this.snapshot = new Cached<>(state::read);
    this.chainHead = new Cached<>(() -> readChainHead(chainHead));
    gauge("airm_log_size", "Entries in the transparency log", s -> s.logSize());
    gauge(
        "airm_log_entries_pending",
        "Log entries not yet covered by a final checkpoint",
        OpsSnapshot::pendingEntries);
    gauge(
        "airm_anchor_final_tree_size",
        "Tree size of the newest final checkpoint",
        OpsSnapshot::finalTreeSize);
    gauge(
        "airm_anchor_transactions_in_flight",
        "Anchor transactions signed, sent or mined, not yet final",
        OpsSnapshot::anchorsInFlight);
    GaugeWithCallback.builder()
        .name("airm_anchor_lag_seconds")
        .help(
            "How long the oldest log entry not covered by a final checkpoint has waited (0 when"
                + " none is pending)")
        .callback(cb -> current().ifPresent(s -> cb.call(s.oldestPendingAgeSeconds())))
        .register(registry);
    byState("airm_attestations", "Usage attestations by state", OpsSnapshot::attestationsByState);
    byState("airm_settlement_runs", "Settlement runs by state", OpsSnapshot::settlementsByState);
    GaugeWithCallback.builder()
        .name("airm_chain_head_block")
        .help("The chain's latest block number")
        .callback(cb -> head().ifPresent(cb::call))
        .register(registry);
    GaugeWithCallback.builder()
        .name("airm_pool_indexer_block")
        .help("The last block the pool indexer applied")
        .callback(
            cb ->
                current().map(OpsSnapshot::poolIndexerBlock).ifPresent(b -> b.ifPresent(cb::call)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("airm_pool_indexer_lag_blocks")
        .help("Blocks between the chain's head and the last block the pool indexer applied")
        .callback(
            cb -> {
              Optional<Long> head = head();
              OptionalLong indexed =
                  current().map(OpsSnapshot::poolIndexerBlock).orElse(OptionalLong.empty());
              if (head.isPresent() && indexed.isPresent()) {
                cb.call(Math.max(0, head.get() - indexed.getAsLong()));
              }
            })
        .register(registry);
    return this;
  }

  private interface Field {
    long of(OpsSnapshot snapshot);
  }

  private void gauge(String name, String help, Field field) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> current().ifPresent(s -> cb.call(field.of(s))))
        .register(registry);
  }

  private void byState(
      String name, String help, java.util.function.Function<OpsSnapshot, Map<String, Long>> map) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames("state")
        .callback(
            cb ->
                current()
                    .ifPresent(
                        s ->
                            map.apply(s).entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .forEach(e -> cb.call(e.getValue(), e.getKey()))))
        .register(registry);
  }

  private Optional<OpsSnapshot> current() {
    return snapshot == null ? Optional.empty() : snapshot.get();
  }

  private Optional<Long> head() {
    return chainHead == null ? Optional.empty() : chainHead.get();
  }

  private synchronized long readChainHead(LongSupplier chainHead) throws Exception {
    // one read at a time: a hung chain holds one thread, and later scrapes wait on the same read
    if (chainHeadRead == null || chainHeadRead.isDone()) {
      chainHeadRead = chainReader.submit(chainHead::getAsLong);
    }
    try {
      return chainHeadRead.get(CHAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "the chain did not answer within " + CHAIN_TIMEOUT.toMillis() + " ms");
    }
  }

  /** The content type {@link #write} uses for a request that sent {@code accept}. */
  public String contentType(String accept) {
    return writer(accept).getContentType();
  }

  /**
   * Writes every metric, in OpenMetrics text if {@code accept} asks for it, else in the Prometheus
   * text format 0.0.4.
   */
  public void write(OutputStream out, String accept) throws IOException {
    writer(accept).write(out, registry.scrape());
  }

  private ExpositionFormatWriter writer(String accept) {
    ExpositionFormatWriter openMetrics = formats.getOpenMetricsTextFormatWriter();
    return accept != null && openMetrics.accepts(accept)
        ? openMetrics
        : formats.getPrometheusTextFormatWriter();
  }

  @Override
  public void close() {
    chainReader.shutdownNow();
  }

  /** A value read at most once per {@link #CACHE}; a failed read reports nothing until retried. */
  private static final class Cached<T> {
    private interface Read<T> {
      T read() throws Exception;
    }

    private final Read<T> read;
    private boolean loaded;
    private long readAt;
    private Optional<T> value = Optional.empty();

    Cached(Read<T> read) {
      this.read = read;
    }

    synchronized Optional<T> get() {
      long now = System.nanoTime();
      if (loaded && now - readAt < CACHE.toNanos()) {
        return value;
      }
      try {
        value = Optional.of(read.read());
      } catch (Exception e) {
        LOG.debug("A metric's source failed: {}", e.toString());
        value = Optional.empty();
      }
      loaded = true;
      readAt = System.nanoTime();
      return value;
    }
  }
}
