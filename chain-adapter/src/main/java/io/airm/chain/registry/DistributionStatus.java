package io.airm.chain.registry;

/** Where a pool's distribution stands ({@code IRewardDistributor.DistributionStatus}). */
public enum DistributionStatus {
  /** None posted, or the last one was discarded after an upheld challenge. */
  NONE,
  /** Posted; claimable once its challenge window has ended. */
  POSTED,
  /** Frozen by an auditor until the admin resolves the challenge. */
  CHALLENGED;

  /** The status with the Solidity enum's ordinal {@code value}. */
  static DistributionStatus of(int value) {
    DistributionStatus[] all = values();
    if (value < 0 || value >= all.length) {
      throw new IllegalArgumentException("No distribution status has the value " + value);
    }
    return all[value];
  }
}
