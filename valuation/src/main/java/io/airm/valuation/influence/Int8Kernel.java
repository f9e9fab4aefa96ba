package io.airm.valuation.influence;

/**
 * Squared Euclidean distance and dot product between int8 vectors, accumulated exactly in int32.
 *
 * <p>Every result is an exact integer, so it is the same on every CPU and with or without the
 * vector path. For dimension {@code d <= MAX_DIMENSION} no intermediate overflows: a squared
 * difference is at most 255² = 65,025 and 32,768 × 65,025 < 2³¹.
 *
 * <p>The fast path uses {@code jdk.incubator.vector} when the JVM was started with {@code
 * --add-modules jdk.incubator.vector}; without it, every method falls back to the scalar loop and
 * returns the same integers, only more slowly. {@link #vectorised()} says which path is in use.
 */
public final class Int8Kernel {
  /** The largest dimension for which int32 accumulation cannot overflow. */
  public static final int MAX_DIMENSION = 32_768;

  private static final boolean VECTOR =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !Boolean.getBoolean("airm.int8.scalar");

  private Int8Kernel() {}

  /** Whether the fast path runs on the Vector API (true) or on the scalar fallback (false). */
  public static boolean vectorised() {
    return VECTOR;
  }

  /** Reference: Σ (a[i] − b[i])², one element at a time. */
  public static int squaredDistanceScalar(byte[] a, byte[] b) {
    checkPair(a, b);
    int sum = 0;
    for (int i = 0; i < a.length; i++) {
      int diff = a[i] - b[i];
      sum += diff * diff;
    }
    return sum;
  }

  /** Reference: Σ a[i] · b[i], one element at a time. */
  public static int dotScalar(byte[] a, byte[] b) {
    checkPair(a, b);
    int sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Σ (a[i] − b[i])², on the fast path; always equal to {@link #squaredDistanceScalar}. */
  public static int squaredDistance(byte[] a, byte[] b) {
    checkPair(a, b);
    return VECTOR ? VectorInt8.squaredDistance(a, b) : squaredDistanceScalar(a, b);
  }

  /** Σ a[i] · b[i], on the fast path; always equal to {@link #dotScalar}. */
  public static int dot(byte[] a, byte[] b) {
    checkPair(a, b);
    return VECTOR ? VectorInt8.dot(a, b) : dotScalar(a, b);
  }

  /** Σ a[i]², the squared norm, exact. */
  public static int squaredNorm(byte[] a) {
    int sum = 0;
    for (byte x : a) {
      sum += x * x;
    }
    return sum;
  }

  /**
   * One probe against every work: {@code out[j] = ‖probe − works[j]‖²}. Batch form of {@link
   * #squaredDistance}; {@code out} must have at least {@code works.length} entries.
   */
  public static void squaredDistances(byte[] probe, byte[][] works, int[] out) {
    if (out.length < works.length) {
      throw new IllegalArgumentException(
          "Output holds " + out.length + " distances but there are " + works.length + " works");
    }
    for (int j = 0; j < works.length; j++) {
      out[j] = squaredDistance(probe, works[j]);
    }
  }

  /**
   * Dot products of probes {@code [from, to)} against every work, into {@code out[outRow + p −
   * from][j]}. Probes are taken four at a time so each work is read from memory once per four
   * probes; this is where the KNN-Shapley time goes.
   */
  static void dotsBlock(
      byte[][] probes, int from, int to, byte[][] works, int[][] out, int outRow) {
    if (to <= from) {
      return;
    }
    int d = probes[from].length;
    checkDimension(d);
    if (VECTOR) {
      VectorInt8.dotsBlock(probes, from, to, works, out, outRow);
      return;
    }
    for (int p = from; p < to; p++) {
      int[] row = out[outRow + p - from];
      for (int j = 0; j < works.length; j++) {
        row[j] = dotScalar(probes[p], works[j]);
      }
    }
  }

  private static void checkPair(byte[] a, byte[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "Vectors differ in dimension: " + a.length + " and " + b.length);
    }
    checkDimension(a.length);
  }

  static void checkDimension(int d) {
    if (d > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "Dimension " + d + " exceeds " + MAX_DIMENSION + ", where int32 could overflow");
    }
  }
}
