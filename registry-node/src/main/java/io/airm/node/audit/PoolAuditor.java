package io.airm.node.audit;

import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.MerkleVerifier;
import io.airm.chain.merkle.Rfc6962;
import io.airm.ipfs.cid.Cid;
import io.airm.node.domain.LogLeaf;
import io.airm.node.settlement.ContentFetcher;
import io.airm.node.settlement.Evidence;
import io.airm.node.settlement.SettlementDocument;
import io.airm.node.settlement.ValuationInputs;
import io.airm.node.settlement.WorksRoot;
import io.airm.valuation.Valuation;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.model.ScoringModel;
import io.airm.valuation.report.ValuationReport;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * {@code airm audit pool}: recomputes a pool's settlement from the chain and IPFS alone
 * (SETTLEMENT.md). The settlement document is found by the CID in the {@code DistributionPosted}
 * event and must hash to the digest posted on chain; from there every claim it makes is checked
 * against the chain or recomputed, in order, and the audit stops at the first disagreement.
 */
public final class PoolAuditor {
  private final PoolChainView chain;
  private final FileFetcher ipfs;
  private final ScoringModel model;
  private final int threads;
  private final PrintStream out;
  private final java.util.Optional<NodeAllocations> node;

  /**
   * What a registry node serves of a pool's allocations ({@code GET
   * /v1/pools/{id}/allocations/{account}}), checked against the recomputed report when given.
   */
  @FunctionalInterface
  public interface NodeAllocations {
    /** The node's answer for the account, empty if it serves none. */
    java.util.Optional<Served> allocation(BigInteger poolId, io.airm.chain.eth.Address account);

    /** A served allocation: its leaf index, amount and Merkle proof. */
    record Served(long index, BigInteger amount, List<Bytes32> proof) {}
  }

  /**
   * The result of an audit.
   *
   * @param report every check run, the last one failed if the audit did not pass
   * @param works how many works the settlement pays for (0 if the audit stopped before)
   * @param allocations how many allocation leaves were recomputed (0 if it stopped before)
   * @param seconds how long the audit took
   */
  public record Outcome(AuditReport report, int works, long allocations, double seconds) {
    /** Whether every check passed. */
    public boolean passed() {
      return report.passed();
    }
  }

  /**
   * @param chain the auditor's own view of the chain
   * @param ipfs where content-addressed data is fetched from (verified against each CID)
   * @param model the scoring model the valuation must have used (the published default)
   * @param threads the valuation's worker threads (the result never depends on it)
   * @param out where each check is printed as it passes
   */
  public PoolAuditor(
      PoolChainView chain, FileFetcher ipfs, ScoringModel model, int threads, PrintStream out) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.ipfs = Objects.requireNonNull(ipfs, "ipfs");
    this.model = Objects.requireNonNull(model, "model");
    this.threads = threads;
    this.out = Objects.requireNonNull(out, "out");
    this.node = java.util.Optional.empty();
  }

  /** An auditor that also checks every allocation the node serves against the recomputation. */
  public PoolAuditor(
      PoolChainView chain,
      FileFetcher ipfs,
      ScoringModel model,
      int threads,
      PrintStream out,
      NodeAllocations node) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.ipfs = Objects.requireNonNull(ipfs, "ipfs");
    this.model = Objects.requireNonNull(model, "model");
    this.threads = threads;
    this.out = Objects.requireNonNull(out, "out");
    this.node = java.util.Optional.of(node);
  }

  /** Audits pool {@code poolId}; never throws for a disagreement, which the outcome names. */
  public Outcome audit(BigInteger poolId) {
    long start = System.nanoTime();
    Run run = new Run(poolId);
    try {
      run.all();
    } catch (Disagreement d) {
      run.report.add(d.check, false, d.getMessage());
      out.println("FAIL  " + d.check + ": " + d.getMessage());
    } catch (RuntimeException e) {
      // A fetch that fails, a document that does not parse: the check under way cannot pass.
      String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
      run.report.add(run.step, false, detail);
      out.println("FAIL  " + run.step + ": " + detail);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Outcome(run.report, run.works, run.allocations, seconds);
  }

  /** One audit's state: the report so far and the check under way. */
  private final class Run {
    final BigInteger poolId;
    final AuditReport report;
    String step = "distribution";
    int works;
    long allocations;

    Run(BigInteger poolId) {
      this.poolId = poolId;
      this.report = new AuditReport("pool " + poolId);
    }

    void all() {
      PoolChainView.Distribution distribution =
          chain
              .distribution(poolId)
              .orElseThrow(
                  () -> new Disagreement("distribution", "no distribution is posted for the pool"));
      pass(
          "distribution",
          "root "
              + distribution.root()
              + ", total "
              + distribution.total()
              + ", "
              + distribution.status());

      step = "report CID";
      List<PoolChainView.PostedDistribution> posted = chain.postedDistributions(poolId);
      PoolChainView.PostedDistribution event = null;
      for (PoolChainView.PostedDistribution p : posted) {
        if (p.root().equals(distribution.root())
            && p.reportDigest().equals(distribution.reportDigest())) {
          event = p; // the last one that matches is the current one
        }
      }
      if (event == null) {
        throw new Disagreement(
            step,
            "none of the pool's "
                + posted.size()
                + " DistributionPosted events has the current root and report digest");
      }
      pass(step, "DistributionPosted names " + event.reportCid());

      step = "document digest";
      byte[] bytes = ipfs.fetch(Cid.parse(event.reportCid()));
      Bytes32 digest = sha256(bytes);
      agree(
          step,
          digest.equals(distribution.reportDigest()),
          "the document fetched by CID "
              + event.reportCid()
              + " hashes to "
              + digest
              + ", but the chain's reportDigest is "
              + distribution.reportDigest());
      pass(step, bytes.length + " bytes hash to the reportDigest on chain");

      step = "document format";
      SettlementDocument doc = SettlementDocument.parse(bytes);
      // reportDigest is the hash of the canonical form: other bytes with the same content are not
      // the document the chain names.
      agree(
          step,
          Arrays.equals(doc.canonicalBytes(), bytes),
          "the document is not in canonical JSON form (RFC 8785)");
      pass(step, "a canonical " + SettlementDocument.FORMAT + " document");

      contracts(doc);
      pool(doc, distribution);
      PoolChainView.Attestation onChain = attestation(doc);
      attestationSignature(doc, onChain);
      Evidence evidence = evidence(doc);
      checkpoint(doc);
      doc.works().forEach(work -> work(doc, work));
      works = doc.works().size();
      attestationInclusion(doc);
      valuation(doc, evidence, distribution);
    }

    private void contracts(SettlementDocument doc) {
      step = "contracts";
      agree(
          step,
          doc.chainId() == chain.chainId(),
          "the document is for chain " + doc.chainId() + ", the RPC is chain " + chain.chainId());
      same(
          step,
          "workRegistry",
          doc.contracts().workRegistry(),
          chain.workRegistry(),
          "in the contracts you trust");
      same(
          step,
          "usageAttestations",
          doc.contracts().usageAttestations(),
          chain.usageAttestations(),
          "in the contracts you trust");
      same(
          step,
          "rewardDistributor",
          doc.contracts().rewardDistributor(),
          chain.rewardDistributor(),
          "in the contracts you trust");
      pass(step, "chain " + doc.chainId() + " and the three contracts you trust");
    }

    private void pool(SettlementDocument doc, PoolChainView.Distribution distribution) {
      step = "pool";
      SettlementDocument.Pool claimed = doc.pool();
      agree(
          step,
          claimed.id().equals(poolId),
          "the document settles pool " + claimed.id() + ", not " + poolId);
      PoolChainView.Pool pool =
          chain
              .pool(poolId)
              .orElseThrow(() -> new Disagreement(step, "the chain has no pool " + poolId));
      same(step, "pool.token", claimed.token(), pool.token(), "on chain");
      same(step, "pool.attestationId", claimed.attestationId(), pool.attestationId(), "on chain");
      agree(
          step,
          claimed.funded().signum() > 0 && claimed.funded().compareTo(pool.funded()) <= 0,
          "the document splits pool.funded "
              + claimed.funded()
              + ", but the chain credits the pool with "
              + pool.funded());
      pass(
          step,
          "token "
              + pool.token()
              + ", attestation "
              + pool.attestationId()
              + ", splits "
              + claimed.funded()
              + (claimed.funded().equals(pool.funded())
                  ? " (all of it)"
                  : " of the " + pool.funded() + " funded"));

      step = "distribution matches";
      SettlementDocument.AllocationSummary allocation = doc.allocation().orElseThrow();
      same(step, "the allocation root", allocation.root(), distribution.root(), "on chain");
      same(step, "the allocation total", allocation.total(), distribution.total(), "on chain");
      pass(step, "the document's allocation root and total are the ones posted");
    }

    private PoolChainView.Attestation attestation(SettlementDocument doc) {
      step = "attestation on chain";
      BigInteger id = doc.pool().attestationId();
      PoolChainView.Attestation a =
          chain
              .attestation(id)
              .orElseThrow(() -> new Disagreement(step, "the chain has no attestation " + id));
      AttestationMessage m = doc.attestation().message();
      same(step, "attester", m.attester(), a.attester(), "on chain");
      same(step, "digest (attestation.id)", doc.attestation().id(), a.digest(), "on chain");
      same(step, "worksRoot", m.worksRoot(), a.worksRoot(), "on chain");
      same(step, "workCount", m.workCount(), a.workCount(), "on chain");
      same(step, "evidenceDigest", m.evidenceDigest(), a.evidenceDigest(), "on chain");
      same(step, "modelId", m.modelId(), a.modelId(), "on chain");
      same(
          step,
          "modelVersionHash",
          Bytes32.of(Hash.sha3(m.modelVersion().getBytes(StandardCharsets.UTF_8))),
          a.modelVersionHash(),
          "on chain");
      same(step, "attestedAt", doc.attestation().attestedAt(), a.attestedAt(), "on chain");
      pass(
          step,
          "attestation "
              + id
              + " by "
              + a.attester()
              + " for "
              + m.modelVersion()
              + (a.revoked() ? " (note: revoked since by its attester)" : ""));
      return a;
    }

    private void attestationSignature(SettlementDocument doc, PoolChainView.Attestation onChain) {
      step = "attestation signature";
      Eip712Domain domain = AttestationMessage.domain(doc.chainId(), chain.usageAttestations());
      Bytes32 digest = doc.attestation().message().digest(domain);
      agree(
          step,
          digest.equals(doc.attestation().id()),
          "the message's EIP-712 digest under the UsageAttestations domain is "
              + digest
              + ", not the attestation id "
              + doc.attestation().id());
      EthSignature signature = doc.attestation().signature();
      agree(step, signature.isLowS(), "the attestation signature is not low-s");
      Address signer = signature.recover(digest);
      agree(
          step,
          signer.equals(onChain.attester()),
          "the attestation signature recovers "
              + signer
              + ", not the attester "
              + onChain.attester());
      pass(step, "digest recomputed, signed by " + signer);
    }

    private Evidence evidence(SettlementDocument doc) {
      step = "evidence";
      String cid = doc.attestation().evidenceCid();
      byte[] bytes = ipfs.fetch(Cid.parse(cid));
      Bytes32 expected = doc.attestation().message().evidenceDigest();
      Bytes32 digest = sha256(bytes);
      agree(
          step,
          digest.equals(expected),
          "the evidence fetched by CID "
              + cid
              + " hashes to "
              + digest
              + ", but the attestation's evidenceDigest is "
              + expected);
      Evidence evidence = Evidence.parse(bytes);
      List<Bytes32> ids = doc.sortedWorkIds();
      if (!evidence.works().equals(ids)) {
        List<Bytes32> missing =
            evidence.works().stream().filter(id -> !ids.contains(id)).limit(3).toList();
        List<Bytes32> extra =
            ids.stream().filter(id -> !evidence.works().contains(id)).limit(3).toList();
        throw new Disagreement(
            step,
            "the evidence names "
                + evidence.works().size()
                + " works, the document "
                + ids.size()
                + (missing.isEmpty() ? "" : "; missing from the document: " + missing)
                + (extra.isEmpty() ? "" : "; not in the evidence: " + extra));
      }
      Bytes32 root = WorksRoot.of(evidence.works());
      agree(
          step,
          root.equals(doc.attestation().message().worksRoot()),
          "the works root of the evidence's works is "
              + root
              + ", but the attestation signs "
              + doc.attestation().message().worksRoot());
      same(
          step,
          "workCount",
          doc.attestation().message().workCount(),
          (long) ids.size(),
          "in the evidence");
      pass(
          step,
          ids.size()
              + " works, influence by "
              + evidence.method().wireName()
              + "; digest and works root recomputed");
      return evidence;
    }

    private void checkpoint(SettlementDocument doc) {
      step = "checkpoint";
      long size = doc.checkpoint().treeSize();
      Bytes32 root =
          chain
              .rootAt(size)
              .orElseThrow(
                  () ->
                      new Disagreement(
                          step, "no checkpoint of tree size " + size + " is anchored on chain"));
      same(step, "checkpoint.root", doc.checkpoint().root(), root, "on chain");
      pass(step, "tree size " + size + " anchored on chain with root " + root);
    }

    private void work(SettlementDocument doc, SettlementDocument.Work work) {
      String name = "work " + work.workId() + " (log " + work.logIndex() + ")";
      WorkRegistration r = work.registration();
      step = "work id";
      Bytes32 id = r.digest(Eip712Domain.workRegistry(doc.chainId(), chain.workRegistry()));
      agree(
          step,
          id.equals(work.workId()),
          name + ": its registration's EIP-712 digest under the WorkRegistry domain is " + id);
      step = "work signature";
      Address signer = work.signature().recover(id);
      agree(
          step,
          signer.equals(r.creator()),
          name + ": the signature recovers " + signer + ", not the creator " + r.creator());
      step = "work licence";
      agree(step, r.aiTraining(), name + ": its registration says aiTraining = false");
      step = "work metadata";
      if (work.metadata().isPresent()) {
        Bytes32 hash = sha256(work.metadata().get().getBytes(StandardCharsets.UTF_8));
        agree(
            step,
            hash.equals(r.metadataHash()),
            name
                + ": the metadata in the document hashes to "
                + hash
                + ", but the registration signs metadataHash "
                + r.metadataHash());
      }
      step = "work inclusion";
      inclusion(
          step,
          name,
          LogLeaf.workRegistration(work.workId(), work.signature()),
          work.logIndex(),
          work.proof(),
          doc.checkpoint());
      pass(
          "work",
          work.workId()
              + " (log "
              + work.logIndex()
              + "): id, creator's signature, aiTraining, "
              + (work.metadata().isPresent() ? "metadata, " : "no metadata, ")
              + "inclusion");
    }

    private void attestationInclusion(SettlementDocument doc) {
      step = "attestation inclusion";
      SettlementDocument.Attestation a = doc.attestation();
      inclusion(
          step,
          "the attestation",
          LogLeaf.attestation(a.id(), a.signature()),
          a.logIndex(),
          a.proof(),
          doc.checkpoint());
      pass(step, "leaf " + a.logIndex() + " (0x02 ‖ id ‖ signature) is in the checkpoint");
    }

    private void inclusion(
        String check,
        String name,
        byte[] leaf,
        long index,
        List<Bytes32> proof,
        SettlementDocument.Checkpoint checkpoint) {
      try {
        MerkleVerifier.verifyInclusion(
            Rfc6962.leafHash(leaf),
            index,
            checkpoint.treeSize(),
            proof.stream().map(Bytes32::bytes).toList(),
            checkpoint.root().bytes());
      } catch (RuntimeException e) {
        throw new Disagreement(check, name + ": " + e.getMessage());
      }
    }

    private void valuation(
        SettlementDocument doc, Evidence evidence, PoolChainView.Distribution distribution) {
      SettlementDocument.ValuationRefs refs = doc.valuation().orElseThrow();
      step = "valuation input";
      ValuationInput input = ValuationInputs.build(doc, evidence, contents());
      same(
          step,
          "valuation.inputSha256",
          refs.inputSha256(),
          Bytes32.parse(input.sha256()),
          "recomputed");
      pass(
          step,
          "rebuilt from the document, the evidence and every work's content: " + input.sha256());

      step = "scoring model";
      same(
          step,
          "valuation.modelSha256",
          refs.modelSha256(),
          Bytes32.parse(model.sha256()),
          "in the published model");
      same(
          step,
          "valuation.modelVersion",
          refs.modelVersion(),
          model.version(),
          "in the published model");
      pass(step, model.version() + " (" + model.sha256() + ")");

      step = "valuation report";
      ValuationReport report =
          Valuation.run(input, model, threads, ValuationInputs.inputUri(refs.inputCid()));
      same(
          step,
          "valuation.reportSha256",
          refs.reportSha256(),
          Bytes32.parse(report.sha256()),
          "recomputed");
      pass(step, "recomputed: " + report.sha256());

      step = "allocation";
      SettlementDocument.AllocationSummary recomputed =
          SettlementDocument.AllocationSummary.of(report);
      SettlementDocument.AllocationSummary claimed = doc.allocation().orElseThrow();
      same(step, "allocation.root", claimed.root(), recomputed.root(), "recomputed");
      same(step, "allocation.total", claimed.total(), recomputed.total(), "recomputed");
      same(step, "allocation.leaves", claimed.leaves(), recomputed.leaves(), "recomputed");
      agree(
          step,
          distribution.root().equals(recomputed.root())
              && distribution.total().equals(recomputed.total()),
          "the chain holds root "
              + distribution.root()
              + " and total "
              + distribution.total()
              + ", but the recomputation gives "
              + recomputed.root()
              + " and "
              + recomputed.total());
      allocations = recomputed.leaves();
      pass(
          step,
          recomputed.leaves()
              + " leaves totalling "
              + recomputed.total()
              + " under root "
              + recomputed.root()
              + ", as posted");
      if (node.isPresent()) {
        step = "node allocations";
        long checked = 0;
        for (var leaf : report.json().path("allocation").path("leaves")) {
          long index = leaf.path("index").asLong();
          var account = io.airm.chain.eth.Address.parse(leaf.path("account").asText());
          BigInteger amount = new BigInteger(leaf.path("amountWei").asText());
          NodeAllocations.Served served =
              node.get()
                  .allocation(poolId, account)
                  .orElseThrow(
                      () -> new Disagreement(step, "the node serves no allocation for " + account));
          agree(
              step,
              served.index() == index && served.amount().equals(amount),
              "the node serves "
                  + served.amount()
                  + " at leaf "
                  + served.index()
                  + " to "
                  + account
                  + ", but the recomputed report allocates "
                  + amount
                  + " at leaf "
                  + index);
          Bytes32 leafHash =
              io.airm.chain.merkle.AllocationTree.leafHash(
                  new io.airm.chain.merkle.AllocationTree.Claim(index, account, amount));
          agree(
              step,
              io.airm.chain.merkle.AllocationTree.processProof(leafHash, served.proof())
                  .equals(distribution.root()),
              "the node's proof for " + account + " does not lead to the root on chain");
          checked++;
        }
        pass(step, checked + " served allocations equal the recomputation and prove to the root");
      }
    }

    /** Contents by CID from IPFS; the bytes must hash to the registration's content hash. */
    private ContentFetcher contents() {
      return (cid, sha256) -> {
        byte[] bytes = ipfs.fetch(Cid.parse(cid));
        Bytes32 actual = sha256(bytes);
        if (!actual.equals(sha256)) {
          throw new Disagreement(
              step,
              "the content fetched by CID "
                  + cid
                  + " hashes to "
                  + actual
                  + ", but its registration signs "
                  + sha256);
        }
        return bytes;
      };
    }

    private void pass(String check, String detail) {
      report.add(check, true, detail);
      out.println("ok    " + check + ": " + detail);
    }
  }

  private static void agree(String check, boolean holds, String disagreement) {
    if (!holds) {
      throw new Disagreement(check, disagreement);
    }
  }

  /** {@code field} must be the same in the document as from {@code source}. */
  private static void same(
      String check, String field, Object document, Object other, String source) {
    if (!document.equals(other)) {
      throw new Disagreement(
          check, field + " is " + document + " in the document, but " + other + " " + source);
    }
  }

  private static Bytes32 sha256(byte[] bytes) {
    try {
      return Bytes32.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** The first disagreement: the check it belongs to, and what differs. */
  private static final class Disagreement extends RuntimeException {
    final String check;

    Disagreement(String check, String message) {
      super(message, null, false, false);
      this.check = check;
    }
  }
}
