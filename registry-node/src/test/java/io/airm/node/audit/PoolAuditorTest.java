package io.airm.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.settlement.SettlementDocument;
import io.airm.node.settlement.SettlementFixture;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.report.ValuationReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoolAuditorTest {
  static final BigInteger POOL = BigInteger.valueOf(7);
  static SettlementFixture fixture;
  static InMemoryGateway gateway;

  ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeAll
  static void publish() {
    fixture = SettlementFixture.create();
    gateway = new InMemoryGateway();
    fixture.contents.values().forEach(gateway::add);
    assertThat(gateway.add(fixture.evidence.canonicalBytes())).isEqualTo(fixture.evidenceCid);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /** Publishes {@code document} to IPFS and posts it for the pool, as an operator would. */
  static InMemoryPoolChain posted(SettlementDocument document) {
    return InMemoryPoolChain.settledBy(document, gateway.add(document.canonicalBytes()));
  }

  PoolAuditor.Outcome audit(PoolChainView chain) {
    return new PoolAuditor(
            chain,
            new GatewayFetcher(gateway.uri()),
            fixture.model,
            2,
            new PrintStream(printed, true, StandardCharsets.UTF_8))
        .audit(POOL);
  }

  PoolAuditor.Outcome audit(SettlementDocument document) {
    return audit(posted(document));
  }

  static void assertFails(PoolAuditor.Outcome outcome, String check, String... details) {
    assertThat(outcome.passed()).isFalse();
    AuditReport.Check failure = outcome.report().firstFailure().orElseThrow();
    assertThat(failure.name()).isEqualTo(check);
    for (String detail : details) {
      assertThat(failure.detail()).contains(detail);
    }
    // it stopped there: the failure is the last check run
    List<AuditReport.Check> checks = outcome.report().checks();
    assertThat(checks.get(checks.size() - 1)).isEqualTo(failure);
  }

  @Test
  void anHonestSettlement_verifies() {
    PoolAuditor.Outcome outcome = audit(fixture.document);
    assertThat(outcome.report().firstFailure()).isEmpty();
    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.works()).isEqualTo(3);
    assertThat(outcome.allocations()).isEqualTo(3);
    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("ok    document digest")
        .contains("ok    attestation signature")
        .contains("ok    evidence: 3 works, influence by knn-shapley")
        .contains("ok    work: " + fixture.document.works().get(2).workId() + " (log 4)")
        .contains("ok    attestation inclusion")
        .contains("ok    valuation report: recomputed: " + fixture.report.sha256())
        .contains("ok    allocation: 3 leaves totalling 1000000000000000000");
  }

  @Test
  void aChangedWorkMetadata_failsNamingTheWork() {
    // The operator rewrites the poem's co-creators to pay A everything.
    SettlementDocument.Work poem = fixture.document.works().get(1);
    String rewritten =
        "{\"coCreators\":[{\"account\":\"" + SettlementFixture.A + "\",\"sharesBps\":10000}]}";
    SettlementDocument document =
        withWork(
            1,
            w ->
                new SettlementDocument.Work(
                    w.workId(),
                    w.logIndex(),
                    w.signature(),
                    Optional.of(rewritten),
                    w.registration(),
                    w.proof()));
    assertFails(
        audit(document),
        "work metadata",
        "work " + poem.workId(),
        "but the registration signs metadataHash");
  }

  @Test
  void aChangedWorkRegistration_failsOnItsId() {
    SettlementDocument.Work essay = fixture.document.works().get(0);
    SettlementDocument document =
        withWork(
            0,
            w -> {
              WorkRegistration r = w.registration();
              WorkRegistration changed =
                  new WorkRegistration(
                      r.creator(),
                      r.contentHash(),
                      r.cid(),
                      r.metadataHash(),
                      "CC0-1.0",
                      r.aiTraining(),
                      r.parents(),
                      r.nonce(),
                      r.deadline());
              return new SettlementDocument.Work(
                  w.workId(), w.logIndex(), w.signature(), w.metadata(), changed, w.proof());
            });
    assertFails(audit(document), "work id", "work " + essay.workId(), "EIP-712 digest");
  }

  @Test
  void aRemovedWork_failsAgainstTheEvidence() {
    List<SettlementDocument.Work> works = new ArrayList<>(fixture.document.works());
    SettlementDocument.Work removed = works.remove(2);
    SettlementDocument document = fixture.document.toBuilder().works(works).build();
    assertFails(
        audit(document),
        "evidence",
        "the evidence names 3 works, the document 2",
        "missing from the document: [" + removed.workId() + "]");
  }

  @Test
  void anAmountChangedInTheReport_failsOnTheRecomputedReport() {
    // The operator moves 1 wei between two payees, and publishes a report and root to match.
    ObjectNode json = fixture.report.json().deepCopy();
    ObjectNode first = (ObjectNode) json.at("/allocation/leaves/0");
    ObjectNode second = (ObjectNode) json.at("/allocation/leaves/1");
    first.put(
        "amountWei",
        new BigInteger(first.get("amountWei").asText()).add(BigInteger.ONE).toString());
    second.put(
        "amountWei",
        new BigInteger(second.get("amountWei").asText()).subtract(BigInteger.ONE).toString());
    ValuationReport doctored = new ValuationReport(json);
    SettlementDocument.ValuationRefs refs = fixture.document.valuation().orElseThrow();
    SettlementDocument document =
        fixture.draft.withValuation(
            new SettlementDocument.ValuationRefs(
                refs.modelVersion(),
                refs.modelSha256(),
                refs.inputCid(),
                refs.inputSha256(),
                SettlementFixture.cid(doctored.bytes()),
                Bytes32.parse(doctored.sha256())),
            SettlementDocument.AllocationSummary.of(doctored));
    assertFails(
        audit(document),
        "valuation report",
        "valuation.reportSha256 is " + doctored.sha256(),
        fixture.report.sha256() + " recomputed");
  }

  @Test
  void anAllocationRootThatIsNotTheReports_fails() {
    SettlementDocument.AllocationSummary honest = fixture.document.allocation().orElseThrow();
    Bytes32 other = Bytes32.parse("0x" + "77".repeat(32));
    SettlementDocument document =
        fixture.document.toBuilder()
            .allocation(
                new SettlementDocument.AllocationSummary(other, honest.total(), honest.leaves()))
            .build();
    assertFails(
        audit(document),
        "allocation",
        "allocation.root is " + other,
        honest.root() + " recomputed");
  }

  @Test
  void aWrongRootOnChain_fails() {
    InMemoryPoolChain chain = posted(fixture.document);
    Bytes32 wrong = Bytes32.parse("0x" + "66".repeat(32));
    var posted = chain.posted.get(POOL).get(0);
    chain.posted.put(
        POOL,
        List.of(
            new PoolChainView.PostedDistribution(
                wrong, posted.total(), posted.reportDigest(), posted.reportCid())));
    var d = chain.distributions.get(POOL);
    chain.distributions.put(
        POOL, new PoolChainView.Distribution(wrong, d.total(), d.reportDigest(), d.status()));
    assertFails(
        audit(chain),
        "distribution matches",
        "the allocation root is "
            + fixture.document.allocation().orElseThrow().root()
            + " in the document, but "
            + wrong
            + " on chain");
  }

  @Test
  void evidenceThatDoesNotMatchTheDigest_fails() {
    ObjectNode json = fixture.evidence.toJson();
    json.putObject("influence").put("method", "none");
    String otherCid = gateway.add(CanonicalJson.bytes(json));
    SettlementDocument.Attestation a = fixture.document.attestation();
    SettlementDocument document =
        fixture.document.toBuilder()
            .attestation(
                new SettlementDocument.Attestation(
                    a.id(),
                    a.message(),
                    a.signature(),
                    a.logIndex(),
                    otherCid,
                    a.attestedAt(),
                    a.proof()))
            .build();
    assertFails(
        audit(document),
        "evidence",
        "the evidence fetched by CID " + otherCid + " hashes to",
        "but the attestation's evidenceDigest is " + a.message().evidenceDigest());
  }

  @Test
  void anAttestationSignatureByAnotherKey_fails() {
    SettlementDocument.Attestation a = fixture.document.attestation();
    EthSignature forged = EthSignature.sign(a.id(), SettlementFixture.KEY_A);
    SettlementDocument document =
        fixture.document.toBuilder()
            .attestation(
                new SettlementDocument.Attestation(
                    a.id(),
                    a.message(),
                    forged,
                    a.logIndex(),
                    a.evidenceCid(),
                    a.attestedAt(),
                    a.proof()))
            .build();
    assertFails(
        audit(document),
        "attestation signature",
        "recovers " + SettlementFixture.A + ", not the attester " + SettlementFixture.ATTESTER);
  }

  @Test
  void aWorkSignatureByAnotherKey_fails() {
    SettlementDocument.Work image = fixture.document.works().get(2);
    SettlementDocument document =
        withWork(
            2,
            w ->
                new SettlementDocument.Work(
                    w.workId(),
                    w.logIndex(),
                    EthSignature.sign(w.workId(), SettlementFixture.KEY_B),
                    w.metadata(),
                    w.registration(),
                    w.proof()));
    assertFails(
        audit(document),
        "work signature",
        "work " + image.workId(),
        "recovers " + SettlementFixture.B + ", not the creator " + SettlementFixture.C);
  }

  @Test
  void aBrokenInclusionProof_fails() {
    SettlementDocument.Work essay = fixture.document.works().get(0);
    SettlementDocument document =
        withWork(
            0,
            w -> {
              List<Bytes32> proof = new ArrayList<>(w.proof());
              proof.set(0, Bytes32.parse("0x" + "00".repeat(31) + "01"));
              return new SettlementDocument.Work(
                  w.workId(), w.logIndex(), w.signature(), w.metadata(), w.registration(), proof);
            });
    assertFails(audit(document), "work inclusion", "work " + essay.workId(), "root");
  }

  @Test
  void aDocumentThatDoesNotHashToTheReportDigest_fails() {
    InMemoryPoolChain chain = posted(fixture.document);
    Bytes32 other = Bytes32.parse("0x" + "55".repeat(32));
    var d = chain.distributions.get(POOL);
    chain.distributions.put(
        POOL, new PoolChainView.Distribution(d.root(), d.total(), other, d.status()));
    var p = chain.posted.get(POOL).get(0);
    chain.posted.put(
        POOL,
        List.of(new PoolChainView.PostedDistribution(p.root(), p.total(), other, p.reportCid())));
    assertFails(audit(chain), "document digest", "but the chain's reportDigest is " + other);
  }

  @Test
  void aDocumentNotInCanonicalForm_fails() {
    // Same content, pretty-printed, posted with the digest of those bytes.
    byte[] pretty = fixture.document.toJson().toPrettyString().getBytes(StandardCharsets.UTF_8);
    String cid = gateway.add(pretty);
    InMemoryPoolChain chain = InMemoryPoolChain.settledBy(fixture.document, cid);
    Bytes32 digest = Bytes32.parse(CanonicalJson.sha256(pretty));
    var d = chain.distributions.get(POOL);
    chain.distributions.put(
        POOL, new PoolChainView.Distribution(d.root(), d.total(), digest, d.status()));
    chain.posted.put(
        POOL, List.of(new PoolChainView.PostedDistribution(d.root(), d.total(), digest, cid)));
    assertFails(audit(chain), "document format", "not in canonical JSON form");
  }

  @Test
  void aCheckpointTheChainDoesNotHold_fails() {
    InMemoryPoolChain chain = posted(fixture.document);
    chain.roots.put(
        fixture.document.checkpoint().treeSize(), Bytes32.parse("0x" + "44".repeat(32)));
    assertFails(
        audit(chain), "checkpoint", "checkpoint.root is " + fixture.document.checkpoint().root());
    chain.roots.clear();
    assertFails(audit(chain), "checkpoint", "no checkpoint of tree size 7 is anchored");
  }

  @Test
  void anAttestationOnChainForOtherEvidence_fails() {
    InMemoryPoolChain chain = posted(fixture.document);
    var a = chain.attestations.get(BigInteger.valueOf(3));
    Bytes32 other = Bytes32.parse("0x" + "33".repeat(32));
    chain.attestations.put(
        a.id(),
        new PoolChainView.Attestation(
            a.id(),
            a.attester(),
            a.attestedAt(),
            a.revoked(),
            a.workCount(),
            a.modelId(),
            a.modelVersionHash(),
            a.worksRoot(),
            other,
            a.digest()));
    assertFails(audit(chain), "attestation on chain", "evidenceDigest is", other + " on chain");
  }

  @Test
  void anotherRegistryThanTheOneTrusted_fails() {
    InMemoryPoolChain chain = posted(fixture.document);
    chain.workRegistry = Address.parse("0x" + "12".repeat(20));
    assertFails(audit(chain), "contracts", "workRegistry is " + SettlementFixture.REGISTRY);
  }

  @Test
  void aPoolThatSplitsMoreThanItHolds_fails() {
    InMemoryPoolChain chain = posted(fixture.document);
    var p = chain.pools.get(POOL);
    chain.pools.put(POOL, new PoolChainView.Pool(p.token(), p.attestationId(), BigInteger.TEN));
    assertFails(audit(chain), "pool", "but the chain credits the pool with 10");
  }

  @Test
  void noDistribution_fails() {
    InMemoryPoolChain chain = posted(fixture.document);
    chain.distributions.clear();
    assertFails(audit(chain), "distribution", "no distribution is posted");
  }

  @Test
  void contentThatTheGatewayCorrupts_failsNamingTheCid() {
    try (InMemoryGateway lying = new InMemoryGateway()) {
      fixture.contents.values().forEach(lying::add);
      lying.add(fixture.evidence.canonicalBytes());
      String reportCid = lying.add(fixture.document.canonicalBytes());
      String essay = fixture.document.works().get(0).registration().cid();
      lying.corrupt(essay);
      PoolAuditor.Outcome outcome =
          new PoolAuditor(
                  InMemoryPoolChain.settledBy(fixture.document, reportCid),
                  new GatewayFetcher(lying.uri()),
                  fixture.model,
                  1,
                  new PrintStream(printed, true, StandardCharsets.UTF_8))
              .audit(POOL);
      assertFails(outcome, "valuation input", "CorruptBlockException", essay);
    }
  }

  private static SettlementDocument withWork(
      int index, java.util.function.UnaryOperator<SettlementDocument.Work> change) {
    List<SettlementDocument.Work> works = new ArrayList<>(fixture.document.works());
    works.set(index, change.apply(works.get(index)));
    return fixture.document.toBuilder().works(works).build();
  }
}
