package io.airm.valuation.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.valuation.ValuationException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AllocationTest {
  private static final String A = "0x" + "a".repeat(40);
  private static final String B = "0x" + "b".repeat(40);
  private static final String C = "0x" + "c".repeat(40);

  private static Map<String, BigInteger> weights(Object... keyWeight) {
    Map<String, BigInteger> map = new LinkedHashMap<>();
    for (int i = 0; i < keyWeight.length; i += 2) {
      map.put((String) keyWeight[i], BigInteger.valueOf((Integer) keyWeight[i + 1]));
    }
    return map;
  }

  @Test
  void largestRemainder_sumsExactly_andGivesLeftoversToTheLargestRemainders() {
    // 100 by 1:1:1 → 33.33 each; one unit left, all remainders equal, so the smallest key gets it
    Map<String, BigInteger> parts =
        LargestRemainder.split(BigInteger.valueOf(100), weights("x2", 1, "x1", 1, "x3", 1));
    assertThat(parts).containsEntry("x1", BigInteger.valueOf(34));
    assertThat(parts).containsEntry("x2", BigInteger.valueOf(33));
    assertThat(parts).containsEntry("x3", BigInteger.valueOf(33));
    // 10 by 5:3:2 of 10... 7 by 1:2 → 2.33, 4.67: the larger remainder (0.67) takes the unit
    Map<String, BigInteger> uneven =
        LargestRemainder.split(BigInteger.valueOf(7), weights("p", 1, "q", 2));
    assertThat(uneven)
        .containsEntry("p", BigInteger.valueOf(2))
        .containsEntry("q", BigInteger.valueOf(5));
  }

  @Test
  void largestRemainder_randomSplitsAlwaysSumToTheTotal() {
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      BigInteger total = new BigInteger(90, random);
      Map<String, BigInteger> w = new LinkedHashMap<>();
      int n = 1 + random.nextInt(20);
      for (int i = 0; i < n; i++) {
        w.put("k" + i, BigInteger.valueOf(random.nextInt(1000)));
      }
      Map<String, BigInteger> parts = LargestRemainder.split(total, w);
      assertThat(parts.values().stream().reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(total);
      for (String key : w.keySet()) { // never more than one unit above the exact share
        BigInteger sum = w.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        if (sum.signum() > 0) {
          BigInteger floor = total.multiply(w.get(key)).divide(sum);
          assertThat(parts.get(key).subtract(floor)).isBetween(BigInteger.ZERO, BigInteger.ONE);
        }
      }
    }
  }

  @Test
  void largestRemainder_allZeroWeights_splitsEqually() {
    Map<String, BigInteger> parts =
        LargestRemainder.split(BigInteger.TEN, weights("a", 0, "b", 0, "c", 0));
    assertThat(parts.values())
        .containsExactly(BigInteger.valueOf(4), BigInteger.valueOf(3), BigInteger.valueOf(3));
  }

  @Test
  void largestRemainder_refusesNegativeWeights() {
    assertThatThrownBy(() -> LargestRemainder.split(BigInteger.TEN, weights("a", -1)))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void allocation_appliesCoCreatorShares_andAggregatesPerAccount() {
    BigInteger pool = new BigInteger("1000000000000000001");
    Map<String, BigInteger> w = weights("w1", 3, "w2", 1);
    Map<String, List<Payee>> payees =
        Map.of(
            "w1", List.of(new Payee(A, 5_000), new Payee(B, 5_000)),
            "w2", List.of(new Payee(B, 2_500), new Payee(C, 7_500)));
    Allocation allocation = Allocation.split(pool, w, payees);
    BigInteger sum =
        allocation.perAccount().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(sum).isEqualTo(pool);
    assertThat(allocation.perWork().get("w1")).isEqualTo(new BigInteger("750000000000000001"));
    assertThat(allocation.perAccount().get(B))
        .isEqualTo(
            allocation
                .perWorkPayee()
                .get("w1")
                .get(B)
                .add(allocation.perWorkPayee().get("w2").get(B)));
    assertThat(allocation.leaves()).extracting(AllocationLeaf::account).containsExactly(A, B, C);
    assertThat(allocation.leaves()).extracting(AllocationLeaf::index).containsExactly(0L, 1L, 2L);
  }

  @Test
  void leafHash_isOpenZeppelinsDoubleHashedAbiEncode() {
    // cast keccak $(cast keccak $(cast abi-encode "f(uint256,address,uint256)" 3 0x7099…79c8 1e18))
    AllocationLeaf leaf =
        AllocationLeaf.of(
            3, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", new BigInteger("1000000000000000000"));
    assertThat(leaf.leafHash())
        .isEqualTo("0xd34166c0e8764cb711ecd3a0b520cfbe8fa290a7b051f6825ed34974858dff69");
  }
}
