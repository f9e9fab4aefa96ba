package io.airm.valuation.influence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Int8KernelTest {
  @Test
  void fastPath_equalsScalar_onRandomVectorsOfManyDimensions() {
    Random random = new Random(1);
    for (int d : new int[] {1, 7, 15, 16, 17, 31, 33, 100, 384, 385, 768, 1000, 4096}) {
      for (int trial = 0; trial < 20; trial++) {
        byte[] a = random(random, d);
        byte[] b = random(random, d);
        assertThat(Int8Kernel.squaredDistance(a, b))
            .isEqualTo(Int8Kernel.squaredDistanceScalar(a, b));
        assertThat(Int8Kernel.dot(a, b)).isEqualTo(Int8Kernel.dotScalar(a, b));
      }
    }
  }

  @Test
  void fastPath_isExactAtTheExtremes() {
    byte[] low = new byte[4096];
    byte[] high = new byte[4096];
    Arrays.fill(low, Byte.MIN_VALUE);
    Arrays.fill(high, Byte.MAX_VALUE);
    assertThat(Int8Kernel.squaredDistance(low, high)).isEqualTo(4096 * 255 * 255);
    assertThat(Int8Kernel.dot(low, low)).isEqualTo(4096 * 128 * 128);
    assertThat(Int8Kernel.dot(low, high)).isEqualTo(-4096 * 128 * 127);
  }

  @Test
  void batch_equalsScalar_forEveryWork() {
    Random random = new Random(2);
    for (int d : new int[] {5, 384, 391}) {
      byte[][] works = new byte[53][];
      for (int j = 0; j < works.length; j++) {
        works[j] = random(random, d);
      }
      byte[] probe = random(random, d);
      int[] out = new int[works.length];
      Int8Kernel.squaredDistances(probe, works, out);
      for (int j = 0; j < works.length; j++) {
        assertThat(out[j]).isEqualTo(Int8Kernel.squaredDistanceScalar(probe, works[j]));
      }
      byte[][] probes = new byte[7][];
      for (int p = 0; p < probes.length; p++) {
        probes[p] = random(random, d);
      }
      int[][] dots = new int[6][works.length];
      Int8Kernel.dotsBlock(probes, 1, 7, works, dots, 0);
      for (int p = 1; p < 7; p++) {
        for (int j = 0; j < works.length; j++) {
          assertThat(dots[p - 1][j]).isEqualTo(Int8Kernel.dotScalar(probes[p], works[j]));
        }
      }
    }
  }

  @Test
  void squaredDistance_rejectsMismatchedDimensions() {
    assertThatThrownBy(() -> Int8Kernel.squaredDistance(new byte[3], new byte[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 and 4");
  }

  private static byte[] random(Random random, int d) {
    byte[] v = new byte[d];
    random.nextBytes(v);
    return v;
  }
}
