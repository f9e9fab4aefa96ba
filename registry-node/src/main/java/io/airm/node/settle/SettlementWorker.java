package io.airm.node.settle;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.AllocationTree;
import io.airm.node.domain.Allocation;
import io.airm.node.domain.Anchor;
import io.airm.node.domain.AnchorStore;
import io.airm.node.domain.Attestation;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.AttestationStore;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.DistributionChain;
import io.airm.node.domain.Leadership;
import io.airm.node.domain.Pool;
import io.airm.node.domain.PoolStore;
import io.airm.node.domain.Settlement;
import io.airm.node.domain.SettlementState;
import io.airm.node.domain.SettlementStore;
import io.airm.node.domain.TransparencyLog;
import io.airm.node.domain.Work;
import io.airm.node.domain.WorkStore;
import io.airm.node.settlement.Evidence;
import io.airm.node.settlement.SettlementDocument;
import io.airm.node.settlement.ValuationInputs;
import io.airm.valuation.Valuation;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ScoringModel;
import io.airm.valuation.report.ValuationReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives settlement runs: WAITING → (valuation, documents in IPFS, allocations stored) → POSTING →
 * (postDistribution mined) → POSTED → (challenge window over) → CLAIMABLE. Every step starts from
 * what the database and the chain say, and the valuation is deterministic, so a crash at any point
 * is resumed by doing the step again: the same documents, the same CIDs, the same root.
 */
public final class SettlementWorker {
  private static final Logger LOG = LoggerFactory.getLogger(SettlementWorker.class);

  /**
   * Where the contracts are.
   *
   * @param chainId the chain's id
   * @param workRegistry WorkRegistry
   * @param usageAttestations UsageAttestations
   * @param rewardDistributor RewardDistributor
   */
  public record Contracts(
      long chainId, Address workRegistry, Address usageAttestations, Address rewardDistributor) {}

  private final Contracts contracts;
  private final SettlementStore settlements;
  private final PoolStore pools;
  private final AttestationStore attestations;
  private final WorkStore works;
  private final TransparencyLog log;
  private final AnchorStore anchors;
  private final ContentStore content;
  private final DistributionChain chain;
  private final Leadership leadership;
  private final ScoringModel model;
  private final int threads;

  public SettlementWorker(
      Contracts contracts,
      SettlementStore settlements,
      PoolStore pools,
      AttestationStore attestations,
      WorkStore works,
      TransparencyLog log,
      AnchorStore anchors,
      ContentStore content,
      DistributionChain chain,
      Leadership leadership,
      ScoringModel model,
      int threads) {
    this.contracts = contracts;
    this.settlements = settlements;
    this.pools = pools;
    this.attestations = attestations;
    this.works = works;
    this.log = log;
    this.anchors = anchors;
    this.content = content;
    this.chain = chain;
    this.leadership = leadership;
    this.model = model;
    this.threads = threads;
  }

  /** One round over the open runs. */
  public void runOnce() {
    if (!leadership.isLeader()) {
      return;
    }
    for (Settlement s : settlements.open(50)) {
      try {
        switch (s.state()) {
          case WAITING -> value(s);
          case POSTING -> post(s);
          case POSTED -> watch(s);
          default -> {}
        }
      } catch (RuntimeException e) {
        LOG.warn("Settlement of pool {} will be retried: {}", s.poolId(), e.toString());
      }
    }
  }

  private void value(Settlement s) {
    Attestation attestation = attestations.find(s.attestationId()).orElseThrow();
    if (attestation.state() == AttestationState.FAILED) {
      settlements.failed(
          s.poolId(), "The attestation failed on chain: " + attestation.failure().orElse("?"));
      return;
    }
    if (attestation.state() != AttestationState.RECORDED) {
      return; // not yet on chain
    }
    Optional<Pool> pool = pools.find(s.poolId());
    if (pool.isEmpty()) {
      return;
    }
    List<Work> attested = new ArrayList<>();
    long highest = attestation.logIndex();
    for (Bytes32 id : attestation.works()) {
      Work work = works.find(id).orElseThrow();
      attested.add(work);
      highest = Math.max(highest, work.logIndex());
    }
    Optional<Anchor> checkpoint = anchors.newestCovering(highest, true);
    if (checkpoint.isEmpty()) {
      return; // wait for a final checkpoint covering the attestation and every work
    }
    long treeSize = checkpoint.get().treeSize();
    Bytes32 root = checkpoint.get().root();
    attested.sort((a, b) -> Long.compare(a.logIndex(), b.logIndex()));

    Set<Bytes32> inPool = new HashSet<>(attestation.works());
    Map<Address, Long> records = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    List<SettlementDocument.Work> docWorks = new ArrayList<>();
    for (Work w : attested) {
      Address creator = w.registration().creator();
      if (!records.containsKey(creator)) {
        long before = works.countByCreatorBefore(creator, treeSize);
        long inThisPool =
            attested.stream().filter(x -> x.registration().creator().equals(creator)).count();
        records.put(creator, Math.max(0, before - inThisPool));
      }
      docWorks.add(
          new SettlementDocument.Work(
              w.workId(),
              w.logIndex(),
              w.signature(),
              w.metadata(),
              w.registration(),
              log.inclusionProof(w.logIndex(), treeSize)));
    }
    BigInteger funded = pool.get().funded();
    SettlementDocument draft =
        SettlementDocument.builder()
            .chainId(contracts.chainId())
            .contracts(
                new SettlementDocument.Contracts(
                    contracts.workRegistry(),
                    contracts.usageAttestations(),
                    contracts.rewardDistributor()))
            .pool(
                new SettlementDocument.Pool(
                    s.poolId(), pool.get().token(), funded, pool.get().attestationChainId()))
            .attestation(
                new SettlementDocument.Attestation(
                    attestation.id(),
                    attestation.message(),
                    attestation.signature(),
                    attestation.logIndex(),
                    attestation.evidenceCid(),
                    attestation.attestedAt().orElseThrow(),
                    log.inclusionProof(attestation.logIndex(), treeSize)))
            .checkpoint(new SettlementDocument.Checkpoint(treeSize, root))
            .works(docWorks)
            .creatorRecords(records)
            .build();

    Evidence evidence = Evidence.parse(read(attestation.evidenceCid()));
    ValuationInput input =
        ValuationInputs.build(
            draft,
            evidence,
            (cid, sha256) -> {
              byte[] bytes = read(cid);
              if (!io.airm.node.domain.RegistrationService.sha256(bytes).equals(sha256)) {
                throw new IllegalStateException(
                    "The stored content " + cid + " does not hash to " + sha256);
              }
              return bytes;
            });
    byte[] inputBytes = CanonicalJson.bytes(input.document());
    String inputCid = store(inputBytes);
    ValuationReport report =
        Valuation.run(input, model, threads, ValuationInputs.inputUri(inputCid));
    byte[] reportBytes = report.bytes();
    String reportCid = store(reportBytes);

    List<Allocation> allocations = new ArrayList<>();
    List<AllocationTree.Claim> claims = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    for (var leaf : report.json().path("allocation").path("leaves")) {
      long index = leaf.path("index").asLong();
      Address account = Address.parse(leaf.path("account").asText());
      BigInteger amount = new BigInteger(leaf.path("amountWei").asText());
      allocations.add(new Allocation(s.poolId(), index, account, amount, false));
      claims.add(new AllocationTree.Claim(index, account, amount));
      total = total.add(amount);
    }
    Bytes32 allocationRoot = AllocationTree.of(claims).root();
    SettlementDocument document =
        draft.withValuation(
            new SettlementDocument.ValuationRefs(
                model.version(),
                Bytes32.parse(model.sha256()),
                inputCid,
                Bytes32.parse(input.sha256()),
                reportCid,
                Bytes32.parse(report.sha256())),
            new SettlementDocument.AllocationSummary(allocationRoot, total, allocations.size()));
    byte[] documentBytes = document.canonicalBytes();
    String documentCid = store(documentBytes);
    settlements.valued(
        new Settlement(
            s.poolId(),
            SettlementState.POSTING,
            s.attestationId(),
            Optional.of(funded),
            OptionalLong.of(treeSize),
            Optional.of(documentCid),
            Optional.of(document.digest()),
            Optional.of(reportCid),
            Optional.of(inputCid),
            Optional.of(allocationRoot),
            Optional.of(total),
            OptionalLong.of(allocations.size()),
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            s.requestedAt()),
        allocations);
    LOG.info(
        "Pool {} valued: {} works, {} allocations, root {}, document {}",
        s.poolId(),
        attested.size(),
        allocations.size(),
        allocationRoot,
        documentCid);
  }

  private void post(Settlement s) {
    Optional<DistributionChain.Posted> posted = chain.distribution(s.poolId());
    if (posted.isPresent()) {
      if (!posted.get().root().equals(s.root().orElseThrow())) {
        settlements.failed(
            s.poolId(),
            "The chain holds another distribution for this pool (root "
                + posted.get().root()
                + ")");
        return;
      }
      settlements.posted(
          s.poolId(), s.txHash().orElse(Bytes32.ZERO), posted.get().challengeEndsAt());
      LOG.info(
          "Pool {} distribution on chain; claims open at {}",
          s.poolId(),
          posted.get().challengeEndsAt());
      return;
    }
    if (s.txHash().isPresent()) {
      Optional<Boolean> reverted = chain.reverted(s.txHash().get());
      if (reverted.isEmpty() || !reverted.get()) {
        return; // pending (or mined and the view lags a block)
      }
      LOG.warn("postDistribution for pool {} reverted; sending again", s.poolId());
    }
    Bytes32 tx =
        chain.post(
            s.poolId(),
            s.root().orElseThrow(),
            s.total().orElseThrow(),
            s.reportDigest().orElseThrow(),
            s.reportCid().orElseThrow());
    settlements.posting(s.poolId(), tx);
  }

  private void watch(Settlement s) {
    Optional<DistributionChain.Posted> posted = chain.distribution(s.poolId());
    if (posted.isEmpty()) {
      settlements.moveTo(s.poolId(), SettlementState.POSTING); // reorged away: post again
      return;
    }
    if (posted.get().challenged()) {
      settlements.moveTo(s.poolId(), SettlementState.CHALLENGED);
    } else if (chain.chainTime() >= posted.get().challengeEndsAt()) {
      settlements.moveTo(s.poolId(), SettlementState.CLAIMABLE);
      LOG.info("Pool {} is claimable", s.poolId());
    }
  }

  private byte[] read(String cid) {
    try (InputStream in =
        content
            .open(cid)
            .orElseThrow(() -> new IllegalStateException("The node does not hold " + cid))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + cid + ": " + e, e);
    }
  }

  private String store(byte[] bytes) {
    ContentStore.ContentSource source = () -> new ByteArrayInputStream(bytes);
    String cid = content.identify(source).cidV1();
    content.store(source, cid);
    return cid;
  }
}
