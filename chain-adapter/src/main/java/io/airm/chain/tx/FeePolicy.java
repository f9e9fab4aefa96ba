package io.airm.chain.tx;

import java.math.BigInteger;
import java.util.Optional;

/**
 * EIP-1559 fee limits: the tip asked for and hard caps on both fees, so that a fee spike on a
 * public chain never drains the sender.
 *
 * @param priorityFeeWei the tip offered per gas
 * @param maxFeeCapWei the most ever offered per gas (base fee plus tip)
 * @param baseFeeMultiplier how many times the current base fee the max fee allows, to survive base
 *     fee rises while the transaction waits
 */
public record FeePolicy(BigInteger priorityFeeWei, BigInteger maxFeeCapWei, int baseFeeMultiplier) {
  public FeePolicy {
    if (priorityFeeWei == null || priorityFeeWei.signum() < 0) {
      throw new IllegalArgumentException("priorityFeeWei must be zero or more");
    }
    if (maxFeeCapWei == null || maxFeeCapWei.compareTo(priorityFeeWei) < 0) {
      throw new IllegalArgumentException("maxFeeCapWei must be at least priorityFeeWei");
    }
    if (baseFeeMultiplier < 1) {
      throw new IllegalArgumentException("baseFeeMultiplier must be at least 1");
    }
  }

  /** 1 gwei tip, at most 200 gwei per gas, twice the base fee. */
  public static FeePolicy defaults() {
    return new FeePolicy(
        BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(200_000_000_000L), 2);
  }

  /** The max fee per gas for a block whose base fee is {@code baseFee}: never above the cap. */
  public BigInteger maxFeePerGas(BigInteger baseFee) {
    BigInteger wanted = baseFee.multiply(BigInteger.valueOf(baseFeeMultiplier)).add(priorityFeeWei);
    return wanted.min(maxFeeCapWei);
  }

  /** The tip: never above the max fee. */
  public BigInteger maxPriorityFeePerGas(BigInteger maxFeePerGas) {
    return priorityFeeWei.min(maxFeePerGas);
  }

  /** The fees of a first transaction signed while the base fee is {@code baseFee}. */
  public Eip1559Fees initialFees(BigInteger baseFee) {
    BigInteger maxFee = maxFeePerGas(baseFee);
    return new Eip1559Fees(maxFee, maxPriorityFeePerGas(maxFee));
  }

  /**
   * The fees of a replacement for a transaction that paid {@code previous}: both fees at least 10%
   * higher (the replacement rule of geth and anvil, rounded up), the max fee also high enough for
   * {@code baseFee}; empty when that would exceed {@link #maxFeeCapWei()}, since a smaller bump
   * would be refused anyway.
   */
  public Optional<Eip1559Fees> bump(Eip1559Fees previous, BigInteger baseFee) {
    BigInteger tip = atLeastTenPercentMore(previous.maxPriorityFeePerGas()).max(priorityFeeWei);
    BigInteger maxFee =
        atLeastTenPercentMore(previous.maxFeePerGas()).max(maxFeePerGas(baseFee)).max(tip);
    if (maxFee.compareTo(maxFeeCapWei) > 0) {
      return Optional.empty();
    }
    return Optional.of(new Eip1559Fees(maxFee, tip));
  }

  private static BigInteger atLeastTenPercentMore(BigInteger fee) {
    BigInteger[] tenth = fee.divideAndRemainder(BigInteger.TEN);
    BigInteger bumped =
        fee.add(tenth[0]).add(tenth[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO);
    // a zero fee bumped by 10% is still zero, which no node accepts as a replacement
    return bumped.equals(fee) ? fee.add(BigInteger.ONE) : bumped;
  }
}
