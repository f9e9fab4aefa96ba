package io.airm.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FeePolicyTest {
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  @Test
  void maxFee_isTwiceTheBaseFeePlusTheTip() {
    FeePolicy fees = FeePolicy.defaults();
    assertThat(fees.maxFeePerGas(GWEI.multiply(BigInteger.TEN)))
        .isEqualTo(GWEI.multiply(BigInteger.valueOf(21)));
  }

  @Test
  void maxFee_neverExceedsTheCap_evenInAFeeSpike() {
    FeePolicy fees = FeePolicy.defaults();
    assertThat(fees.maxFeePerGas(GWEI.multiply(BigInteger.valueOf(10_000))))
        .isEqualTo(GWEI.multiply(BigInteger.valueOf(200)));
  }

  @Test
  void tip_neverExceedsTheMaxFee() {
    FeePolicy fees =
        new FeePolicy(
            GWEI.multiply(BigInteger.valueOf(5)), GWEI.multiply(BigInteger.valueOf(5)), 2);
    BigInteger maxFee = fees.maxFeePerGas(GWEI);
    assertThat(maxFee).isEqualTo(GWEI.multiply(BigInteger.valueOf(5)));
    assertThat(fees.maxPriorityFeePerGas(maxFee)).isLessThanOrEqualTo(maxFee);
    assertThat(fees.maxPriorityFeePerGas(GWEI)).isEqualTo(GWEI);
  }

  @Test
  void aCapBelowTheTip_isRefused() {
    assertThatThrownBy(() -> new FeePolicy(GWEI.multiply(BigInteger.TWO), GWEI, 2))
        .hasMessageContaining("maxFeeCapWei must be at least priorityFeeWei");
  }

  @Test
  void bump_raisesBothFeesByAtLeastTenPercent_roundingUp() {
    FeePolicy fees = FeePolicy.defaults();
    Eip1559Fees bumped =
        fees.bump(new Eip1559Fees(BigInteger.valueOf(3_000_000_001L), GWEI), BigInteger.ONE)
            .orElseThrow();
    assertThat(bumped.maxFeePerGas()).isEqualTo(BigInteger.valueOf(3_300_000_002L));
    assertThat(bumped.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(1_100_000_000L));
  }

  @Test
  void bump_followsARisenBaseFee() {
    FeePolicy fees = FeePolicy.defaults();
    Eip1559Fees bumped =
        fees.bump(
                new Eip1559Fees(GWEI.multiply(BigInteger.valueOf(3)), GWEI),
                GWEI.multiply(BigInteger.TEN))
            .orElseThrow();
    assertThat(bumped.maxFeePerGas()).isEqualTo(GWEI.multiply(BigInteger.valueOf(21)));
  }

  @Test
  void bump_isRefused_whenItWouldPassTheCap() {
    FeePolicy fees = FeePolicy.defaults();
    assertThat(fees.bump(new Eip1559Fees(GWEI.multiply(BigInteger.valueOf(190)), GWEI), GWEI))
        .isEmpty();
  }

  @Test
  void bump_ofAZeroTip_isStillAnIncrease() {
    FeePolicy fees = new FeePolicy(BigInteger.ZERO, GWEI, 2);
    Eip1559Fees bumped =
        fees.bump(new Eip1559Fees(GWEI.divide(BigInteger.TWO), BigInteger.ZERO), BigInteger.ONE)
            .orElseThrow();
    assertThat(bumped.maxPriorityFeePerGas()).isEqualTo(BigInteger.ONE);
  }
}
