package io.airm.valuation.influence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.valuation.ValuationException;
import io.airm.valuation.json.CanonicalJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnShapleyTest {
  private static final BigInteger ONE = BigInteger.valueOf(KnnShapley.ONE);
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  /** An exact fraction num/den with den > 0. */
  private record Q(BigInteger num, BigInteger den) {
    static final Q ZERO = new Q(BigInteger.ZERO, BigInteger.ONE);

    static Q of(long num, long den) {
      return new Q(BigInteger.valueOf(num), BigInteger.valueOf(den)).reduce();
    }

    Q reduce() {
      BigInteger g = num.gcd(den);
      return g.signum() == 0 ? ZERO : new Q(num.divide(g), den.divide(g));
    }

    Q plus(Q o) {
      return new Q(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den)).reduce();
    }

    Q times(Q o) {
      return new Q(num.multiply(o.num), den.multiply(o.den)).reduce();
    }
  }

  @Test
  void values_equalBruteForceShapley_onSmallInstancesWithTies() {
    Random random = new Random(20190401);
    for (int trial = 0; trial < 60; trial++) {
      int n = 1 + random.nextInt(8);
      int m = 1 + random.nextInt(4);
      int k = 1 + random.nextInt(3);
      // d = 2 and components in {-1, 0, 1} make equal distances common, so ids must break ties
      List<LabeledPoint> works = points(random, "w", n, 2, 1, 3);
      List<LabeledPoint> probes = points(random, "p", m, 2, 1, 3);

      KnnShapley.Result result = KnnShapley.values(works, probes, k, 1);

      List<LabeledPoint> byId = new ArrayList<>(works);
      byId.sort(Comparator.comparing(LabeledPoint::id));
      Q utility = Q.ZERO;
      for (int w = 0; w < n; w++) {
        Q exact = Q.ZERO;
        for (LabeledPoint probe : probes) {
          Q brute = bruteForceShapley(byId, probe, k, w);
          assertThat(jiaRecursion(byId, probe, k).get(w)).as("recursion").isEqualTo(brute);
          exact = exact.plus(brute);
        }
        exact = exact.times(Q.of(1, m));
        long value = result.values().get(w).value();
        assertThat(result.values().get(w).workId()).isEqualTo(byId.get(w).id());
        // documented bound: 10^18·v − 2 − 2^-33 < value < 10^18·v + 2^-33
        Q gap = Q.of(value, 1).plus(new Q(ONE.multiply(exact.num).negate(), exact.den));
        assertThat(
                gap.num
                    .multiply(BigInteger.ONE)
                    .compareTo(gap.den.multiply(BigInteger.valueOf(-3))))
            .as("value − 10^18·v > −3")
            .isPositive();
        assertThat(gap.num.compareTo(gap.den)).as("value − 10^18·v < 1").isNegative();
        assertThat(value)
            .as("documented fixed-point rule")
            .isEqualTo(specReference(byId, probes, k, w));
        utility = utility.plus(exact);
      }
      // efficiency: the exact values sum to U = hits / (M·K), and U matches the brute force
      Q u = Q.ZERO;
      for (LabeledPoint probe : probes) {
        u = u.plus(utility(byId, probe, k, (1 << n) - 1));
      }
      u = u.times(Q.of(1, m));
      assertThat(Q.of(result.hits(), result.utilityDenominator())).isEqualTo(u);
      assertThat(utility).isEqualTo(u);
      long gap = result.utilityUnits() - result.sumOfValues().longValueExact();
      assertThat(gap).as("efficiency within [0, 2N] units").isBetween(0L, 2L * n);
    }
  }

  @Test
  void values_whenFewerWorksThanK_giveEachMatchOneKth() {
    List<LabeledPoint> works = List.of(point("a", 0, 1), point("b", 5, 1), point("c", 9, 2));
    KnnShapley.Result result = KnnShapley.values(works, List.of(point("p", 1, 1)), 4, 1);
    assertThat(result.values())
        .extracting(KnnShapley.WorkValue::value)
        .containsExactly(KnnShapley.ONE / 4, KnnShapley.ONE / 4, 0L);
    assertThat(result.utilityUnits()).isEqualTo(KnnShapley.ONE / 2);
  }

  @Test
  void values_areIdenticalForAnyThreadCountAndInputOrder() {
    Random random = new Random(7);
    List<LabeledPoint> works = points(random, "w", 3000, 40, 20, 5);
    List<LabeledPoint> probes = points(random, "p", 37, 40, 20, 5);
    byte[] reference = CanonicalJson.bytes(KnnShapley.values(works, probes, 5, 1).toJson());
    for (int threads : new int[] {2, 3}) {
      List<LabeledPoint> w = new ArrayList<>(works);
      List<LabeledPoint> p = new ArrayList<>(probes);
      Collections.shuffle(w, new Random(threads));
      Collections.shuffle(p, new Random(threads + 10));
      assertThat(CanonicalJson.bytes(KnnShapley.values(w, p, 5, threads).toJson()))
          .isEqualTo(reference);
    }
  }

  @Test
  void values_rejectDuplicateWorkIds() {
    List<LabeledPoint> works = List.of(point("a", 0, 1), point("a", 1, 1));
    assertThatThrownBy(() -> KnnShapley.values(works, List.of(point("p", 0, 1)), 1, 1))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("Work a appears twice");
  }

  @Test
  void values_rejectMixedDimensions() {
    List<LabeledPoint> works = List.of(point("a", 0, 1));
    LabeledPoint probe = new LabeledPoint("p", new byte[] {0, 0}, 1);
    assertThatThrownBy(() -> KnnShapley.values(works, List.of(probe), 1, 1))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("Probe p has dimension 2");
  }

  @Test
  void params_fromJson_rejectsMissingK() throws Exception {
    assertThatThrownBy(() -> KnnShapley.Params.fromJson(CanonicalJson.MAPPER.readTree("{}")))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("influence.knnShapley.k");
    assertThat(KnnShapley.Params.fromJson(CanonicalJson.MAPPER.readTree("{\"k\":3}")).k())
        .isEqualTo(3);
  }

  private static LabeledPoint point(String id, int x, int label) {
    return new LabeledPoint(id, new byte[] {(byte) x}, label);
  }

  private static List<LabeledPoint> points(
      Random random, String prefix, int count, int d, int range, int labels) {
    List<LabeledPoint> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] e = new byte[d];
      for (int j = 0; j < d; j++) {
        e[j] = (byte) (random.nextInt(2 * range + 1) - range);
      }
      list.add(
          new LabeledPoint(
              prefix + Integer.toHexString(random.nextInt()), e, random.nextInt(labels)));
    }
    return list;
  }

  /** Works (in id order) ranked by (distance, id): indexes into {@code byId}. */
  private static List<Integer> ranking(List<LabeledPoint> byId, LabeledPoint probe) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < byId.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingInt(
                (Integer i) ->
                    Int8Kernel.squaredDistanceScalar(byId.get(i).embedding(), probe.embedding()))
            .thenComparing(i -> byId.get(i).id()));
    return order;
  }

  /** U(S) = (1/K) Σ over the min(K,|S|) nearest members of S of 1[label matches]. */
  private static Q utility(List<LabeledPoint> byId, LabeledPoint probe, int k, int subset) {
    int taken = 0;
    int hits = 0;
    for (int i : ranking(byId, probe)) {
      if ((subset >> i & 1) == 1 && taken < k) {
        taken++;
        hits += byId.get(i).label() == probe.label() ? 1 : 0;
      }
    }
    return Q.of(hits, k);
  }

  /** φ_w = Σ over S ∌ w of |S|!(N−|S|−1)!/N! · (U(S ∪ w) − U(S)). */
  private static Q bruteForceShapley(List<LabeledPoint> byId, LabeledPoint probe, int k, int w) {
    int n = byId.size();
    Q sum = Q.ZERO;
    for (int s = 0; s < 1 << n; s++) {
      if ((s >> w & 1) == 1) {
        continue;
      }
      int size = Integer.bitCount(s);
      Q weight = new Q(factorial(size).multiply(factorial(n - size - 1)), factorial(n)).reduce();
      Q with = utility(byId, probe, k, s | 1 << w);
      Q without = utility(byId, probe, k, s);
      sum = sum.plus(weight.times(with.plus(without.times(Q.of(-1, 1)))));
    }
    return sum;
  }

  /** Jia et al.'s recursion in exact rationals; values indexed like {@code byId}. */
  private static List<Q> jiaRecursion(List<LabeledPoint> byId, LabeledPoint probe, int k) {
    int n = byId.size();
    List<Integer> rank = ranking(byId, probe);
    Q[] values = new Q[n];
    Q s = Q.ZERO;
    for (int i = n; i >= 1; i--) {
      int a = byId.get(rank.get(i - 1)).label() == probe.label() ? 1 : 0;
      Q c = Q.of(Math.min(k, i), (long) i * k);
      if (i == n) {
        s = Q.of(a, 1).times(c);
      } else {
        int next = byId.get(rank.get(i)).label() == probe.label() ? 1 : 0;
        s = s.plus(Q.of(a - next, 1).times(c));
      }
      values[rank.get(i - 1)] = s;
    }
    return List.of(values);
  }

  /** The documented fixed-point rule, step by step, in BigInteger. */
  private static long specReference(
      List<LabeledPoint> byId, List<LabeledPoint> probes, int k, int w) {
    BigInteger f = ONE.multiply(TWO_64);
    int n = byId.size();
    BigInteger total = BigInteger.ZERO;
    for (LabeledPoint probe : probes) {
      List<Integer> rank = ranking(byId, probe);
      BigInteger s = BigInteger.ZERO;
      for (int i = n; i >= 1; i--) {
        int a = byId.get(rank.get(i - 1)).label() == probe.label() ? 1 : 0;
        BigInteger c = f.divide(BigInteger.valueOf(i <= k ? k : i));
        if (i == n) {
          s = c.multiply(BigInteger.valueOf(a));
        } else {
          int next = byId.get(rank.get(i)).label() == probe.label() ? 1 : 0;
          s = s.add(c.multiply(BigInteger.valueOf(a - next)));
        }
        if (rank.get(i - 1) == w) {
          total = total.add(floorDiv(s, TWO_64));
        }
      }
    }
    return floorDiv(total, BigInteger.valueOf(probes.size())).longValueExact();
  }

  private static BigInteger floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  private static BigInteger factorial(int n) {
    BigInteger f = BigInteger.ONE;
    for (int i = 2; i <= n; i++) {
      f = f.multiply(BigInteger.valueOf(i));
    }
    return f;
  }
}
