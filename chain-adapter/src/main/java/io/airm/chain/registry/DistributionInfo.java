package io.airm.chain.registry;

import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;

/**
 * A pool's current distribution as {@code RewardDistributor} stores it; all zero with status {@link
 * DistributionStatus#NONE} when there is none. The report's CID is only in the {@code
 * DistributionPosted} event.
 *
 * @param root the allocation tree's root
 * @param total the sum of all leaf amounts
 * @param reportDigest the digest of the settlement document the tree was built from
 * @param postedAt when it was posted, unix seconds
 * @param challengeEndsAt when its challenge window ends and claims open, unix seconds
 * @param status where it stands
 */
public record DistributionInfo(
    Bytes32 root,
    BigInteger total,
    Bytes32 reportDigest,
    long postedAt,
    long challengeEndsAt,
    DistributionStatus status) {
  public DistributionInfo {
    if (root == null || total == null || reportDigest == null || status == null) {
      throw new IllegalArgumentException("A distribution needs every field");
    }
  }
}
