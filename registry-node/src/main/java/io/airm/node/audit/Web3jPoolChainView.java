package io.airm.node.audit;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.DistributionInfo;
import io.airm.chain.registry.DistributionStatus;
import io.airm.chain.registry.OnChainAttestation;
import io.airm.chain.registry.PoolInfo;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.registry.UsageAttestationsContract;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The pool auditor's view of the chain through the chain adapter's contract classes, each bound to
 * the address the auditor trusts.
 */
public final class Web3jPoolChainView implements PoolChainView, AutoCloseable {
  private final ChainClient chain;
  private final WorkRegistryContract registry;
  private final UsageAttestationsContract attestations;
  private final RewardDistributorContract distributor;
  private final long fromBlock;
  private final long chainId;

  /**
   * @param chain the auditor's own RPC endpoint (closed with this view)
   * @param registry the WorkRegistry the auditor trusts
   * @param attestations the UsageAttestations the auditor trusts
   * @param distributor the RewardDistributor the auditor trusts
   * @param fromBlock where to search for DistributionPosted events from (the deployment block)
   */
  public Web3jPoolChainView(
      ChainClient chain,
      Address registry,
      Address attestations,
      Address distributor,
      long fromBlock) {
    this.chain = chain;
    this.registry = new WorkRegistryContract(chain, registry);
    this.attestations = new UsageAttestationsContract(chain, attestations);
    this.distributor = new RewardDistributorContract(chain, distributor);
    this.fromBlock = fromBlock;
    this.chainId = chain.chainId();
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public Address workRegistry() {
    return registry.address();
  }

  @Override
  public Address usageAttestations() {
    return attestations.address();
  }

  @Override
  public Address rewardDistributor() {
    return distributor.address();
  }

  @Override
  public Optional<Pool> pool(BigInteger poolId) {
    return distributor
        .pool(poolId)
        .map((PoolInfo p) -> new Pool(p.token(), p.attestationId(), p.funded()));
  }

  @Override
  public Optional<Distribution> distribution(BigInteger poolId) {
    if (distributor.pool(poolId).isEmpty()) {
      return Optional.empty(); // distribution() throws for a pool that does not exist
    }
    DistributionInfo d = distributor.distribution(poolId);
    if (d.status() == DistributionStatus.NONE) {
      return Optional.empty();
    }
    return Optional.of(new Distribution(d.root(), d.total(), d.reportDigest(), d.status().name()));
  }

  @Override
  public List<PostedDistribution> postedDistributions(BigInteger poolId) {
    return distributor.distributionPosted(poolId, fromBlock).stream()
        .map(e -> new PostedDistribution(e.root(), e.total(), e.reportDigest(), e.reportCid()))
        .toList();
  }

  @Override
  public Optional<Attestation> attestation(BigInteger id) {
    return attestations
        .attestation(id)
        .map(
            (OnChainAttestation a) ->
                new Attestation(
                    a.id(),
                    a.attester(),
                    a.attestedAt(),
                    a.revoked(),
                    a.workCount(),
                    a.modelId(),
                    a.modelVersionHash(),
                    a.worksRoot(),
                    a.evidenceDigest(),
                    a.digest()));
  }

  @Override
  public Optional<Bytes32> rootAt(long treeSize) {
    return registry.rootAt(treeSize);
  }

  @Override
  public void close() {
    chain.close();
  }
}
