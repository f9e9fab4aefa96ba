package io.airm.node.settle;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.AllocationTree;
import io.airm.node.domain.Allocation;
import io.airm.node.domain.Attestation;
import io.airm.node.domain.AttestationStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.Pool;
import io.airm.node.domain.PoolStore;
import io.airm.node.domain.RegistryException;
import io.airm.node.domain.Settlement;
import io.airm.node.domain.SettlementStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Settlement requests and what creators may read of them: allocations with their proofs. */
public final class SettlementService {
  private final PoolStore pools;
  private final AttestationStore attestations;
  private final SettlementStore settlements;
  private final Map<BigInteger, AllocationTree> trees = new ConcurrentHashMap<>();

  public SettlementService(
      PoolStore pools, AttestationStore attestations, SettlementStore settlements) {
    this.pools = pools;
    this.attestations = attestations;
    this.settlements = settlements;
  }

  /** The pool as indexed, or a 404 naming it. */
  public Pool pool(BigInteger poolId) {
    return pools
        .find(poolId)
        .orElseThrow(
            () ->
                new RegistryException(
                    ErrorKind.NOT_FOUND,
                    "Pool "
                        + poolId
                        + " is not known to this node (not created on chain, or not yet indexed)"));
  }

  /** Pools by id. */
  public List<Pool> pools(long offset, int limit) {
    return pools.list(offset, limit);
  }

  /** The pool's settlement run, if one was requested. */
  public Optional<Settlement> settlement(BigInteger poolId) {
    return settlements.find(poolId);
  }

  /**
   * Requests the pool's settlement: idempotent, a second request answers the same run.
   *
   * @throws RegistryException if the pool is unknown, unfunded, or rewards an attestation this
   *     registry does not hold
   */
  public Settlement request(BigInteger poolId) {
    Optional<Settlement> existing = settlements.find(poolId);
    if (existing.isPresent()) {
      return existing.get();
    }
    Pool pool = pool(poolId);
    Attestation attestation =
        attestations
            .findByChainId(pool.attestationChainId())
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorKind.CONFLICT,
                        "Pool "
                            + poolId
                            + " rewards on-chain attestation #"
                            + pool.attestationChainId()
                            + ", which was not submitted through this registry (or is not yet"
                            + " recorded)"));
    if (pool.funded().signum() == 0) {
      throw new RegistryException(
          ErrorKind.CONFLICT, "Pool " + poolId + " holds no funds yet; fund it first");
    }
    return settlements.createIfAbsent(poolId, attestation.id());
  }

  /**
   * An account's allocation in a pool with its Merkle proof.
   *
   * @param allocation the leaf
   * @param leaf the OpenZeppelin leaf hash
   * @param proof the proof {@code RewardDistributor.claim} takes
   */
  public record Claimable(Allocation allocation, Bytes32 leaf, List<Bytes32> proof) {}

  /** The account's allocation in the pool, or a 404. */
  public Claimable allocation(BigInteger poolId, Address account) {
    Settlement settlement =
        settlements
            .find(poolId)
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorKind.NOT_FOUND, "Pool " + poolId + " has not been settled"));
    if (settlement.root().isEmpty()) {
      throw new RegistryException(
          ErrorKind.NOT_FOUND,
          "Pool "
              + poolId
              + "'s settlement is "
              + settlement.state().apiName()
              + "; no allocations yet");
    }
    List<Allocation> all = settlements.allocations(poolId);
    Allocation mine =
        all.stream()
            .filter(a -> a.account().equals(account))
            .findFirst()
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorKind.NOT_FOUND,
                        "Account " + account + " has no allocation in pool " + poolId));
    AllocationTree tree = trees.computeIfAbsent(poolId, id -> tree(all));
    AllocationTree.Claim claim =
        new AllocationTree.Claim(mine.index(), mine.account(), mine.amount());
    return new Claimable(mine, AllocationTree.leafHash(claim), tree.proof(mine.index()));
  }

  /** Every allocation of the account, over all pools. */
  public List<Claimable> allocations(Address account) {
    List<Claimable> found = new ArrayList<>();
    for (Allocation a : settlements.allocationsOf(account)) {
      found.add(allocation(a.poolId(), account));
    }
    return found;
  }

  private static AllocationTree tree(List<Allocation> all) {
    List<AllocationTree.Claim> claims = new ArrayList<>();
    for (Allocation a : all) {
      claims.add(new AllocationTree.Claim(a.index(), a.account(), a.amount()));
    }
    return AllocationTree.of(claims);
  }
}
