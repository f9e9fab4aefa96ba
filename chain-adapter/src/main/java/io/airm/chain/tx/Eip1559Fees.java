package io.airm.chain.tx;

import java.math.BigInteger;

/**
 * The two fees of one EIP-1559 transaction.
 *
 * @param maxFeePerGas the most paid per gas, base fee included
 * @param maxPriorityFeePerGas the tip per gas; never above {@code maxFeePerGas}
 */
public record Eip1559Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
  public Eip1559Fees {
    if (maxFeePerGas == null || maxPriorityFeePerGas == null || maxPriorityFeePerGas.signum() < 0) {
      throw new IllegalArgumentException("Both EIP-1559 fees are required and not negative");
    }
    if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
      throw new IllegalArgumentException(
          "The tip "
              + maxPriorityFeePerGas
              + " wei must not exceed the max fee "
              + maxFeePerGas
              + " wei");
    }
  }
}
