package io.airm.node.audit;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.settlement.SettlementDocument;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/** A chain held in maps: what an honest deployment holds after a settlement was posted. */
public final class InMemoryPoolChain implements PoolChainView {
  public long chainId;
  public Address workRegistry;
  public Address usageAttestations;
  public Address rewardDistributor;
  public final Map<BigInteger, Pool> pools = new HashMap<>();
  public final Map<BigInteger, Distribution> distributions = new HashMap<>();
  public final Map<BigInteger, List<PostedDistribution>> posted = new HashMap<>();
  public final Map<BigInteger, Attestation> attestations = new HashMap<>();
  public final Map<Long, Bytes32> roots = new HashMap<>();

  /** The chain state that {@code document}, stored at {@code reportCid}, was posted to. */
  public static InMemoryPoolChain settledBy(SettlementDocument document, String reportCid) {
    InMemoryPoolChain chain = new InMemoryPoolChain();
    chain.chainId = document.chainId();
    chain.workRegistry = document.contracts().workRegistry();
    chain.usageAttestations = document.contracts().usageAttestations();
    chain.rewardDistributor = document.contracts().rewardDistributor();
    SettlementDocument.Pool pool = document.pool();
    chain.pools.put(pool.id(), new Pool(pool.token(), pool.attestationId(), pool.funded()));
    var a = document.attestation();
    var m = a.message();
    chain.attestations.put(
        pool.attestationId(),
        new Attestation(
            pool.attestationId(),
            m.attester(),
            a.attestedAt(),
            false,
            m.workCount(),
            m.modelId(),
            Bytes32.of(Hash.sha3(m.modelVersion().getBytes(StandardCharsets.UTF_8))),
            m.worksRoot(),
            m.evidenceDigest(),
            a.id()));
    chain.roots.put(document.checkpoint().treeSize(), document.checkpoint().root());
    chain.post(pool.id(), document, reportCid);
    return chain;
  }

  /** Posts {@code document} (at {@code reportCid}) as the pool's distribution. */
  public void post(BigInteger poolId, SettlementDocument document, String reportCid) {
    var allocation = document.allocation().orElseThrow();
    distributions.put(
        poolId,
        new Distribution(allocation.root(), allocation.total(), document.digest(), "POSTED"));
    posted
        .computeIfAbsent(poolId, id -> new ArrayList<>())
        .add(
            new PostedDistribution(
                allocation.root(), allocation.total(), document.digest(), reportCid));
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public Address workRegistry() {
    return workRegistry;
  }

  @Override
  public Address usageAttestations() {
    return usageAttestations;
  }

  @Override
  public Address rewardDistributor() {
    return rewardDistributor;
  }

  @Override
  public Optional<Pool> pool(BigInteger poolId) {
    return Optional.ofNullable(pools.get(poolId));
  }

  @Override
  public Optional<Distribution> distribution(BigInteger poolId) {
    return Optional.ofNullable(distributions.get(poolId));
  }

  @Override
  public List<PostedDistribution> postedDistributions(BigInteger poolId) {
    return List.copyOf(posted.getOrDefault(poolId, List.of()));
  }

  @Override
  public Optional<Attestation> attestation(BigInteger id) {
    return Optional.ofNullable(attestations.get(id));
  }

  @Override
  public Optional<Bytes32> rootAt(long treeSize) {
    return Optional.ofNullable(roots.get(treeSize));
  }
}
