package io.airm.bench;

import io.airm.valuation.influence.Int8Kernel;
import java.util.SplittableRandom;

/**
 * Throughput of the int8 squared-distance kernel, fast path next to the scalar reference, one
 * thread. Arguments: [d] [works] [seconds per measurement]. GOP/s counts 2 operations per element
 * (one multiply, one add; the subtraction is not counted). Needs {@code --add-modules
 * jdk.incubator.vector} for the fast path.
 */
public final class Int8KernelBenchmark {
  private Int8KernelBenchmark() {}

  public static void main(String[] args) {
    int d = args.length > 0 ? Integer.parseInt(args[0]) : 384;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
    double budget = args.length > 2 ? Double.parseDouble(args[2]) : 2.0;
    SplittableRandom random = new SplittableRandom(1);
    byte[][] works = new byte[n][d];
    for (byte[] w : works) {
      for (int i = 0; i < d; i++) {
        w[i] = (byte) random.nextInt(256);
      }
    }
    byte[] probe = works[0].clone();
    int[] out = new int[n];
    System.out.printf("d=%d works=%d vectorised=%s%n", d, n, Int8Kernel.vectorised());
    for (int round = 0; round < 2; round++) {
      String tag = round == 0 ? "warm-up" : "measured";
      double scalar =
          measure(
                  budget,
                  () -> {
                    for (int j = 0; j < n; j++) {
                      out[j] = Int8Kernel.squaredDistanceScalar(probe, works[j]);
                    }
                  })
              * n
              * d
              * 2
              / 1e9;
      double fast =
          measure(
                  budget,
                  () -> {
                    for (int j = 0; j < n; j++) {
                      out[j] = Int8Kernel.squaredDistance(probe, works[j]);
                    }
                  })
              * n
              * d
              * 2
              / 1e9;
      double batch =
          measure(budget, () -> Int8Kernel.squaredDistances(probe, works, out)) * n * d * 2 / 1e9;
      System.out.printf(
          "%s: scalar %.2f GOP/s, fast (pairwise) %.2f GOP/s, batch %.2f GOP/s%n",
          tag, scalar, fast, batch);
    }
  }

  /** Calls per second of {@code body} over about {@code seconds}. */
  private static double measure(double seconds, Runnable body) {
    long start = System.nanoTime();
    long calls = 0;
    while (System.nanoTime() - start < seconds * 1e9) {
      body.run();
      calls++;
    }
    return calls / ((System.nanoTime() - start) / 1e9);
  }
}
