package io.airm.valuation.influence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.json.CanonicalJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact KNN-Shapley values (Jia et al. 2019, "Efficient Task-Specific Data Valuation for Nearest
 * Neighbor Algorithms", Theorem 1) of the works for an unweighted K-nearest-neighbour classifier,
 * averaged over labelled probes.
 *
 * <h2>What is computed</h2>
 *
 * For one probe with label y, the N works are ranked by (squared int8 Euclidean distance to the
 * probe, then work id by {@link String#compareTo}) ascending; α_i is the work at rank i (1-based)
 * and a_i = 1 if its label equals y, else 0. With c_i = min(K, i) / (i·K):
 *
 * <pre>
 *   s(α_N) = a_N · c_N                       (= a_N / N when N ≥ K, as in the paper)
 *   s(α_i) = s(α_(i+1)) + (a_i − a_(i+1)) · c_i      for i = N−1 … 1
 * </pre>
 *
 * These are the Shapley values of the utility U(S) = (1/K) · Σ over the min(K, |S|) members of S
 * nearest the probe of a. A work's value is the mean of its s over the M probes. The utility of the
 * full set, U = hits / (M·K) with hits the number of label matches among each probe's K nearest
 * works, equals the sum of the exact values (efficiency).
 *
 * <h2>Value representation (fixed point, for auditors)</h2>
 *
 * A value is a signed 64-bit integer count of <b>units of 10⁻¹⁸</b>. It is computed as follows,
 * with F = 10¹⁸ · 2⁶⁴ and all arithmetic on exact integers:
 *
 * <ol>
 *   <li>C_i = floor(F / (K if i ≤ K else i)) for i = 1 … N (that is floor(F · c_i)).
 *   <li>Per probe: S_N = a_N · C_N; S_i = S_(i+1) + (a_i − a_(i+1)) · C_i. (Exact integer sums.)
 *   <li>Per probe and work: p = floor(S_i / 2⁶⁴), the value in units rounded toward −∞.
 *   <li>Per work: value = floor((Σ over probes of p) / M).
 * </ol>
 *
 * Error: each C_i is below F·c_i by less than 1, and S_i sums at most N of them, so S_i / 2⁶⁴ is
 * within N · 2⁻⁶⁴ units of 10¹⁸ · s (less than 2⁻³³ units for any N < 2³¹). The two floors each
 * lose less than one unit. Hence, for the exact value v, {@code 10¹⁸·v − 2 − 2⁻³³ < value < 10¹⁸·v
 * + 2⁻³³}: at most 2 units (2·10⁻¹⁸) below the exact value, never above it by a whole unit.
 * Efficiency holds within the sum of those errors: {@code 10¹⁸·U − Σ value} lies in (−N·2⁻³³, 2N +
 * N·2⁻³³), i.e. in [0, 2N] units after rounding. Every step is an exact integer operation, so the
 * result does not depend on the thread count, on the order of works or probes, or on the CPU.
 */
public final class KnnShapley {
  /** Units per 1: a value of {@code ONE} means 1.0. */
  public static final long ONE = 1_000_000_000_000_000_000L;

  /** Probes handled together, so each work's bytes are read once per batch. */
  private static final int BATCH = 8;

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private KnnShapley() {}

  /**
   * Parameters from the scoring model document.
   *
   * @param k the classifier's K, at least 1
   */
  public record Params(int k) {
    public Params {
      if (k < 1) {
        throw new ValuationException("influence.knnShapley.k must be at least 1, not " + k);
      }
    }

    /** Reads {@code {"k": <int ≥ 1>}}. */
    public static Params fromJson(JsonNode node) {
      JsonNode k = node == null ? null : node.get("k");
      if (k == null || !k.isIntegralNumber() || !k.canConvertToInt()) {
        throw new ValuationException("influence.knnShapley.k is missing or not an integer");
      }
      return new Params(k.intValue());
    }
  }

  /**
   * One work's value.
   *
   * @param workId the work
   * @param value the mean KNN-Shapley value in units of 10⁻¹⁸ (see the class comment)
   */
  public record WorkValue(String workId, long value) {}

  /**
   * The values of all works, in work-id order, and the utility of the full set.
   *
   * @param k the classifier's K
   * @param probeCount M
   * @param values one entry per work, sorted by work id
   * @param hits Σ over probes of the label matches among the K nearest works
   */
  public record Result(int k, int probeCount, List<WorkValue> values, long hits) {
    public Result {
      values = List.copyOf(values);
    }

    /** The denominator of the utility: M · K. */
    public long utilityDenominator() {
      return (long) probeCount * k;
    }

    /** floor(10¹⁸ · hits / (M·K)): the utility of the full set in units. */
    public long utilityUnits() {
      return BigInteger.valueOf(hits)
          .multiply(BigInteger.valueOf(ONE))
          .divide(BigInteger.valueOf(utilityDenominator()))
          .longValueExact();
    }

    /** Σ of the values, exact. */
    public BigInteger sumOfValues() {
      BigInteger sum = BigInteger.ZERO;
      for (WorkValue v : values) {
        sum = sum.add(BigInteger.valueOf(v.value()));
      }
      return sum;
    }

    /** The result as evidence: integers and strings only, values in work-id order. */
    public ObjectNode toJson() {
      ObjectNode node = CanonicalJson.MAPPER.createObjectNode();
      node.put("method", "knn-shapley");
      node.put("unit", "1e-18");
      node.put("k", k);
      node.put("works", values.size());
      node.put("probes", probeCount);
      ObjectNode utility = node.putObject("utility");
      utility.put("hits", hits);
      utility.put("denominator", utilityDenominator());
      utility.put("units", utilityUnits());
      ArrayNode array = node.putArray("values");
      for (WorkValue v : values) {
        array.addObject().put("work", v.workId()).put("value", v.value());
      }
      return node;
    }
  }

  /** {@link #values(List, List, int, int)} with K from the model's parameters. */
  public static Result values(
      Params params, List<LabeledPoint> works, List<LabeledPoint> probes, int threads) {
    return values(works, probes, params.k(), threads);
  }

  /**
   * Computes every work's mean KNN-Shapley value over the probes.
   *
   * @param works the works; ids must be distinct; any order
   * @param probes the labelled test points; any order
   * @param k the classifier's K, at least 1
   * @param threads worker threads, at least 1; does not change the result
   * @throws ValuationException on an empty list, a duplicate work id, or mixed dimensions
   */
  public static Result values(
      List<LabeledPoint> works, List<LabeledPoint> probes, int k, int threads) {
    new Params(k);
    if (threads < 1) {
      throw new ValuationException("Thread count must be at least 1, not " + threads);
    }
    if (works.isEmpty() || probes.isEmpty()) {
      throw new ValuationException(
          "KNN-Shapley needs works and probes; got "
              + works.size()
              + " works and "
              + probes.size()
              + " probes");
    }
    // Rank works by id once: the rank is the tie-break inside every probe's sort.
    LabeledPoint[] sorted = works.toArray(new LabeledPoint[0]);
    Arrays.sort(sorted, Comparator.comparing(LabeledPoint::id));
    int d = sorted[0].bytes().length;
    Int8Kernel.checkDimension(d);
    for (int r = 0; r < sorted.length; r++) {
      if (r > 0 && sorted[r].id().equals(sorted[r - 1].id())) {
        throw new ValuationException("Work " + sorted[r].id() + " appears twice");
      }
      checkDimension(sorted[r], d, "Work");
    }
    for (LabeledPoint probe : probes) {
      checkDimension(probe, d, "Probe");
    }
    Problem problem = new Problem(sorted, probes.toArray(new LabeledPoint[0]), k);
    Partial total = run(problem, threads);

    List<WorkValue> values = new ArrayList<>(sorted.length);
    BigInteger m = BigInteger.valueOf(problem.probes.length);
    for (int r = 0; r < sorted.length; r++) {
      long hi = total.hi[r];
      long lo = total.lo[r];
      long value;
      if (hi == lo >> 63) {
        value = Math.floorDiv(lo, (long) problem.probes.length);
      } else {
        BigInteger sum = BigInteger.valueOf(hi).shiftLeft(64).add(unsigned(lo));
        BigInteger[] qr = sum.divideAndRemainder(m);
        value = (qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0]).longValueExact();
      }
      values.add(new WorkValue(sorted[r].id(), value));
    }
    return new Result(k, problem.probes.length, values, total.hits);
  }

  private static void checkDimension(LabeledPoint point, int d, String what) {
    if (point.bytes().length != d) {
      throw new ValuationException(
          what
              + " "
              + point.id()
              + " has dimension "
              + point.bytes().length
              + " but the works have "
              + d);
    }
  }

  private static Partial run(Problem problem, int threads) {
    int batches = (problem.probes.length + BATCH - 1) / BATCH;
    int workers = Math.min(threads, batches);
    AtomicInteger next = new AtomicInteger();
    if (workers == 1) {
      return problem.work(next);
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Partial>> futures = new ArrayList<>();
      for (int t = 0; t < workers; t++) {
        futures.add(pool.submit(() -> problem.work(next)));
      }
      Partial total = null;
      for (Future<Partial> future : futures) {
        Partial partial = future.get();
        total = total == null ? partial : total.plus(partial);
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ValuationException("KNN-Shapley was interrupted", e);
    } catch (ExecutionException e) {
      throw new ValuationException("KNN-Shapley failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static BigInteger unsigned(long x) {
    BigInteger b = BigInteger.valueOf(x);
    return x < 0 ? b.add(TWO_64) : b;
  }

  /** Per-work sums of the per-probe values p, as 128-bit integers (hi, unsigned lo). */
  private static final class Partial {
    final long[] hi;
    final long[] lo;
    long hits;

    Partial(int n) {
      hi = new long[n];
      lo = new long[n];
    }

    Partial plus(Partial other) {
      for (int r = 0; r < hi.length; r++) {
        long sum = lo[r] + other.lo[r];
        hi[r] += other.hi[r] + (Long.compareUnsigned(sum, lo[r]) < 0 ? 1 : 0);
        lo[r] = sum;
      }
      hits += other.hits;
      return this;
    }
  }

  /** The inputs in rank order, and the constants C_i shared by every probe. */
  private static final class Problem {
    final LabeledPoint[] probes;
    final byte[][] works;
    final int[] labels;
    final int[] norms;
    final int k;
    final long[] cHi;
    final long[] cLo;

    Problem(LabeledPoint[] sortedWorks, LabeledPoint[] probes, int k) {
      int n = sortedWorks.length;
      this.probes = probes;
      this.k = k;
      works = new byte[n][];
      labels = new int[n];
      norms = new int[n];
      for (int r = 0; r < n; r++) {
        works[r] = sortedWorks[r].bytes();
        labels[r] = sortedWorks[r].label();
        norms[r] = Int8Kernel.squaredNorm(works[r]);
      }
      // cHi[i] * 2^64 + cLo[i] = C_i = floor(10^18 * 2^64 / q), q = K if i <= K else i.
      cHi = new long[n + 1];
      cLo = new long[n + 1];
      for (int i = 1; i <= n; i++) {
        long q = i <= k ? k : i;
        cHi[i] = ONE / q;
        long r = ONE % q; // r < q < 2^31, so r << 32 does not overflow
        long t1 = r << 32;
        long q1 = t1 / q;
        long t2 = (t1 % q) << 32;
        long q2 = t2 / q;
        cLo[i] = (q1 << 32) | q2;
      }
    }

    /** Takes batches of probes until none is left; returns this worker's sums. */
    Partial work(AtomicInteger next) {
      int n = works.length;
      Partial partial = new Partial(n);
      int[][] dots = new int[BATCH][n];
      long[] keys = new long[n];
      long[] scratch = new long[n];
      byte[][] probeBytes = new byte[probes.length][];
      for (int b; (b = next.getAndIncrement()) * BATCH < probes.length; ) {
        int from = b * BATCH;
        int to = Math.min(probes.length, from + BATCH);
        for (int p = from; p < to; p++) {
          probeBytes[p] = probes[p].bytes();
        }
        Int8Kernel.dotsBlock(probeBytes, from, to, works, dots, 0);
        for (int p = from; p < to; p++) {
          probe(probes[p], dots[p - from], keys, scratch, partial);
        }
      }
      return partial;
    }

    private void probe(LabeledPoint probe, int[] dot, long[] keys, long[] scratch, Partial out) {
      int n = works.length;
      int probeNorm = Int8Kernel.squaredNorm(probe.bytes());
      int max = 0;
      for (int r = 0; r < n; r++) {
        // ‖p − w‖² = ‖p‖² + ‖w‖² − 2 p·w: exact, and below 2^31 for d ≤ MAX_DIMENSION
        int distance = probeNorm + norms[r] - 2 * dot[r];
        max = Math.max(max, distance);
        keys[r] = ((long) distance << 32) | r;
      }
      RadixSort.sortByHighWord(keys, scratch, max);

      int y = probe.label();
      long[] hi = out.hi;
      long[] lo = out.lo;
      // Rank i = pos + 1. S_N = a_N · C_N, then S_i = S_(i+1) ± C_i where the label flips.
      int work = (int) keys[n - 1];
      boolean previous = labels[work] == y;
      long sHi = previous ? cHi[n] : 0;
      long sLo = previous ? cLo[n] : 0;
      add(hi, lo, work, sHi);
      for (int pos = n - 2; pos >= 0; pos--) {
        work = (int) keys[pos];
        boolean match = labels[work] == y;
        if (match != previous) {
          int i = pos + 1;
          if (match) {
            long sum = sLo + cLo[i];
            sHi += cHi[i] + (Long.compareUnsigned(sum, sLo) < 0 ? 1 : 0);
            sLo = sum;
          } else {
            long difference = sLo - cLo[i];
            sHi -= cHi[i] + (Long.compareUnsigned(sLo, cLo[i]) < 0 ? 1 : 0);
            sLo = difference;
          }
          previous = match;
        }
        add(hi, lo, work, sHi); // sHi = floor(S_i / 2^64): the per-probe value in units
      }
      int nearest = Math.min(k, n);
      for (int pos = 0; pos < nearest; pos++) {
        if (labels[(int) keys[pos]] == y) {
          out.hits++;
        }
      }
    }

    private static void add(long[] hi, long[] lo, int r, long x) {
      long sum = lo[r] + x;
      hi[r] += (x >> 63) + (Long.compareUnsigned(sum, lo[r]) < 0 ? 1 : 0);
      lo[r] = sum;
    }
  }
}
