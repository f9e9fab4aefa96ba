package io.airm.chain.registry;

import io.airm.chain.eth.Address;
import java.math.BigInteger;

/**
 * A reward pool as {@code RewardDistributor} stores it. Amounts are in the token's smallest unit
 * (wei for ETH); times are unix seconds. What a refund would pay is {@code funded - claimed -
 * refunded}.
 *
 * @param token the ERC-20 contract, or {@link Address#ZERO} for ETH
 * @param expiry when claims end and a refund can be requested
 * @param funder the account that created the pool and alone may fund it
 * @param refundAvailableAt when a requested refund may be paid; 0 until one is requested
 * @param attestationId the on-chain usage attestation the pool rewards
 * @param funded everything credited to the pool
 * @param claimed everything paid out by claims
 * @param refunded everything returned to the funder
 */
public record PoolInfo(
    Address token,
    long expiry,
    Address funder,
    long refundAvailableAt,
    BigInteger attestationId,
    BigInteger funded,
    BigInteger claimed,
    BigInteger refunded) {
  public PoolInfo {
    if (token == null
        || funder == null
        || attestationId == null
        || funded == null
        || claimed == null
        || refunded == null) {
      throw new IllegalArgumentException("A pool needs every field");
    }
  }

  /** Whether the pool pays in ETH rather than an ERC-20. */
  public boolean isEth() {
    return token.equals(Address.ZERO);
  }
}
