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
}
