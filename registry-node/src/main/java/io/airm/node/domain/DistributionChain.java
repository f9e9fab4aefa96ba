package io.airm.node.domain;

import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.Optional;

/** What the node needs of {@code RewardDistributor} (port). */
public interface DistributionChain {
  /** Sends {@code postDistribution} with the operator key; the transaction hash. */
  Bytes32 post(BigInteger poolId, Bytes32 root, BigInteger total, Bytes32 digest, String cid);

  /** The pool's distribution on chain, if one is posted. */
  Optional<Posted> distribution(BigInteger poolId);

  /** What the pool holds on chain now (funded). */
  BigInteger funded(BigInteger poolId);

  /** The latest block's timestamp, unix seconds. */
  long chainTime();

  /** Whether the transaction was mined and reverted (empty while unknown or pending). */
  Optional<Boolean> reverted(Bytes32 txHash);

  /**
   * A posted distribution.
   *
   * @param root its root
   * @param total its total
   * @param challengeEndsAt when claims open
   * @param challenged whether an auditor challenged it
   */
  record Posted(Bytes32 root, BigInteger total, long challengeEndsAt, boolean challenged) {}
}
