package io.airm.bench;

import io.airm.valuation.influence.Int8Kernel;
import io.airm.valuation.influence.KnnShapley;
import io.airm.valuation.influence.LabeledPoint;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times {@link KnnShapley#values} on seeded random int8 data. Arguments: N M d K threads [seed].
 * Prints the seconds of the valuation alone (data generation excluded) and the peak heap, taken as
 * the sum over heap memory pools of {@code MemoryPoolMXBean.getPeakUsage().getUsed()} (each pool's
 * own peak, so an upper bound on the true simultaneous peak), which includes the input data. Needs
 * {@code --add-modules jdk.incubator.vector} for the fast kernel.
 */
public final class KnnShapleyBenchmark {
  private KnnShapleyBenchmark() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int m = Integer.parseInt(args[1]);
    int d = Integer.parseInt(args[2]);
    int k = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    long seed = args.length > 5 ? Long.parseLong(args[5]) : 42;
    SplittableRandom random = new SplittableRandom(seed);
    List<LabeledPoint> works = points(random, n, d);
    List<LabeledPoint> probes = points(random, m, d);
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long start = System.nanoTime();
    KnnShapley.Result result = KnnShapley.values(works, probes, k, threads);
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "KNN-Shapley N=%d M=%d d=%d K=%d threads=%d vectorised=%s: %.2f s, peak heap %d MiB"
            + " (max %d MiB), utility %d/%d, sum of values %s units%n",
        n,
        m,
        d,
        k,
        threads,
        Int8Kernel.vectorised(),
        seconds,
        peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        result.hits(),
        result.utilityDenominator(),
        result.sumOfValues());
  }

  private static List<LabeledPoint> points(SplittableRandom random, int count, int d) {
    List<LabeledPoint> list = new ArrayList<>(count);
    byte[] id = new byte[16];
    for (int i = 0; i < count; i++) {
      byte[] e = new byte[d];
      for (int j = 0; j < d; j++) {
        e[j] = (byte) (random.nextInt(255) - 127);
      }
      for (int j = 0; j < id.length; j++) {
        id[j] = (byte) random.nextInt(256);
      }
      list.add(new LabeledPoint(HexFormat.of().formatHex(id), e, random.nextInt(10)));
    }
    return list;
  }
}
