package io.airm.node.audit;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What a pool auditor reads from the chain, and nothing else: the three contracts' views and the
 * {@code DistributionPosted} events. The auditor trusts only this and the content-addressed data it
 * names.
 */
public interface PoolChainView {
  /** The chain id the RPC endpoint reports. */
  long chainId();

  /** The WorkRegistry this view reads. */
  Address workRegistry();

  /** The UsageAttestations this view reads. */
  Address usageAttestations();

  /** The RewardDistributor this view reads. */
  Address rewardDistributor();

  /** {@code RewardDistributor.pool(poolId)}, or empty if there is no such pool. */
  Optional<Pool> pool(BigInteger poolId);

  /** {@code RewardDistributor.distribution(poolId)}, or empty while none is posted. */
  Optional<Distribution> distribution(BigInteger poolId);

  /** The pool's {@code DistributionPosted} events, oldest first. */
  List<PostedDistribution> postedDistributions(BigInteger poolId);

  /** {@code UsageAttestations.attestation(id)}, or empty if there is no such attestation. */
  Optional<Attestation> attestation(BigInteger id);

  /** {@code WorkRegistry.rootAt(treeSize)}, or empty if no checkpoint of that size is anchored. */
  Optional<Bytes32> rootAt(long treeSize);

  /**
   * A pool as {@code RewardDistributor} stores it.
   *
   * @param token the ERC-20 paid, or the zero address for ETH
   * @param attestationId the on-chain attestation the pool rewards
   * @param funded everything credited to the pool
   */
  record Pool(Address token, BigInteger attestationId, BigInteger funded) {}

  /**
   * A pool's current distribution.
   *
   * @param root the allocation tree's root
   * @param total the sum of its leaves
   * @param reportDigest SHA-256 of the settlement document
   * @param status where it stands (POSTED, CHALLENGED)
   */
  record Distribution(Bytes32 root, BigInteger total, Bytes32 reportDigest, String status) {}

  /** A {@code DistributionPosted} event: the only place the settlement document's CID is. */
  record PostedDistribution(
      Bytes32 root, BigInteger total, Bytes32 reportDigest, String reportCid) {}

  /**
   * A usage attestation as {@code UsageAttestations} stores it.
   *
   * @param id its on-chain id
   * @param attester the company's account
   * @param attestedAt the timestamp of the block that stored it
   * @param revoked whether its attester has revoked it
   * @param workCount how many works it names
   * @param modelId the model's id
   * @param modelVersionHash keccak256 of the model version string
   * @param worksRoot the root of the attested work ids
   * @param evidenceDigest SHA-256 of the evidence document
   * @param digest the EIP-712 digest of the signed message, which the registry's log names
   */
  record Attestation(
      BigInteger id,
      Address attester,
      long attestedAt,
      boolean revoked,
      long workCount,
      Bytes32 modelId,
      Bytes32 modelVersionHash,
      Bytes32 worksRoot,
      Bytes32 evidenceDigest,
      Bytes32 digest) {}
}
