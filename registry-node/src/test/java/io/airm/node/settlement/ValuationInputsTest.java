package io.airm.node.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.valuation.Valuation;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.report.ValuationReport;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ValuationInputsTest {
  static SettlementFixture fixture;

  @BeforeAll
  static void build() {
    fixture = SettlementFixture.create();
  }

  @Test
  void build_isDeterministic() {
    ValuationInput again =
        ValuationInputs.build(fixture.document, fixture.evidence, fixture.fetcher());
    assertThat(CanonicalJson.bytes(again.document()))
        .isEqualTo(CanonicalJson.bytes(fixture.input.document()));
    assertThat(again.sha256()).isEqualTo(fixture.input.sha256());
    // A second, independently built fixture (same keys, same seeds) derives the same bytes.
    assertThat(SettlementFixture.create().input.sha256()).isEqualTo(fixture.input.sha256());
  }

  @Test
  void build_ignoresTheOrderOfTheEvidenceMaps() {
    ObjectNode json = fixture.evidence.toJson();
    ObjectNode influence = (ObjectNode) json.get("influence");
    influence.set("embeddings", reversed((ObjectNode) influence.get("embeddings")));
    influence.set("labels", reversed((ObjectNode) influence.get("labels")));
    Evidence shuffled = Evidence.parse(json);
    assertThat(ValuationInputs.build(fixture.document, shuffled, fixture.fetcher()).sha256())
        .isEqualTo(fixture.input.sha256());
  }

  @Test
  void build_followsSection4() {
    JsonNode input = fixture.input.document();
    SettlementDocument doc = fixture.document;
    assertThat(input.get("format").asText()).isEqualTo("airm-valuation-input/1");
    assertThat(input.get("referenceTime").asLong()).isEqualTo(doc.attestation().attestedAt());
    assertThat(input.at("/pool/id").asText())
        .isEqualTo("31337/" + SettlementFixture.DISTRIBUTOR + "/7");
    assertThat(input.at("/pool/amountWei").asText()).isEqualTo("1000000000000000000");
    // the binary work cites one work outside the pool and one inside: only the outside one is known
    assertThat(input.get("knownWorks"))
        .containsExactly(
            CanonicalJson.MAPPER.getNodeFactory().textNode(SettlementFixture.OUTSIDE_PARENT.hex()));
    assertThat(input.at("/creatorRecords/" + SettlementFixture.A + "/earlierWorks").asLong())
        .isEqualTo(2);
    JsonNode works = input.get("works");
    assertThat(works).hasSize(3);
    for (int i = 0; i < 3; i++) {
      SettlementDocument.Work work = doc.works().get(i);
      JsonNode w = works.get(i);
      assertThat(w.get("workId").asText()).isEqualTo(work.workId().hex());
      assertThat(w.get("logIndex").asLong()).isEqualTo(work.logIndex());
      assertThat(w.get("creator").asText()).isEqualTo(work.registration().creator().value());
      assertThat(w.get("signed").asBoolean()).isTrue();
      assertThat(w.get("contentRetrievable").asBoolean()).isTrue();
      assertThat(w.get("embedding").asText())
          .isEqualTo(fixture.evidence.embedding(work.workId()).orElseThrow());
      assertThat(w.get("label").asInt())
          .isEqualTo(fixture.evidence.label(work.workId()).orElseThrow());
    }
    assertThat(works.get(0).get("kind").asText()).isEqualTo("text");
    assertThat(works.get(0).get("text").asText()).startsWith("Heat in layered crystals");
    assertThat(works.get(0).at("/payees/0/account").asText())
        .isEqualTo(SettlementFixture.A.value());
    assertThat(works.get(0).at("/payees/0/sharesBps").asInt()).isEqualTo(10_000);
    assertThat(works.get(1).get("payees")).hasSize(2);
    assertThat(works.get(1).at("/payees/0/account").asText())
        .isEqualTo(SettlementFixture.B.value());
    assertThat(works.get(1).at("/payees/0/sharesBps").asInt()).isEqualTo(6000);
    assertThat(works.get(2).get("kind").asText()).isEqualTo("binary");
    assertThat(Base64.getDecoder().decode(works.get(2).get("dataBase64").asText()))
        .isEqualTo(fixture.contents.get(doc.works().get(2).registration().cid()));
    assertThat(works.get(2).get("parents")).hasSize(2);
    // influence: the evidence's, with embeddings and labels moved into the works
    assertThat(input.at("/influence/method").asText()).isEqualTo("knn-shapley");
    assertThat(input.at("/influence/probes")).hasSize(4);
    assertThat(input.get("influence").has("embeddings")).isFalse();
    assertThat(input.get("influence").has("labels")).isFalse();
  }

  @Test
  void build_refusesContentThatDoesNotMatchTheRegistration() {
    ContentFetcher lying = (cid, sha256) -> "other bytes".getBytes(StandardCharsets.UTF_8);
    Bytes32 first = fixture.document.works().get(0).workId();
    assertThatThrownBy(() -> ValuationInputs.build(fixture.document, fixture.evidence, lying))
        .isInstanceOf(SettlementFormatException.class)
        .hasMessageContaining("The content of work " + first)
        .hasMessageContaining("but its registration signs contentHash");
  }

  @Test
  void build_refusesEvidenceOfOtherWorks() {
    ObjectNode json = fixture.evidence.toJson();
    json.putArray("works").add(fixture.evidence.works().get(0).hex());
    json.putObject("influence").put("method", "none");
    Evidence fewer = Evidence.parse(json);
    assertThatThrownBy(() -> ValuationInputs.build(fixture.document, fewer, fixture.fetcher()))
        .hasMessageContaining("The evidence names 1 works and the settlement 3")
        .hasMessageContaining("at position 1");
  }

  @Test
  void build_namesTheWorkWithBadTerms() {
    SettlementDocument.Work poem = fixture.document.works().get(1);
    SettlementDocument.Work bad =
        new SettlementDocument.Work(
            poem.workId(),
            poem.logIndex(),
            poem.signature(),
            Optional.of(
                "{\"coCreators\":[{\"account\":\"" + SettlementFixture.B + "\",\"sharesBps\":1}]}"),
            poem.registration(),
            poem.proof());
    List<SettlementDocument.Work> works = new ArrayList<>(fixture.document.works());
    works.set(1, bad);
    SettlementDocument doc = fixture.document.toBuilder().works(works).build();
    assertThatThrownBy(() -> ValuationInputs.build(doc, fixture.evidence, fixture.fetcher()))
        .hasMessageContaining("Work " + poem.workId() + ": metadata.coCreators shares must sum");
  }

  @Test
  void endToEnd_theReportAllocatesThePoolAndTheSummaryIsItsTree() {
    ValuationReport rerun =
        Valuation.run(
            fixture.input,
            fixture.model,
            2,
            ValuationInputs.inputUri(fixture.document.valuation().orElseThrow().inputCid()));
    assertThat(rerun.bytes()).isEqualTo(fixture.report.bytes());
    SettlementDocument.AllocationSummary summary = SettlementDocument.AllocationSummary.of(rerun);
    assertThat(summary).isEqualTo(fixture.document.allocation().orElseThrow());
    assertThat(summary.total()).isEqualTo(fixture.document.pool().funded());
    // A, B and C are paid (A through its own work and its share of B's)
    assertThat(summary.leaves()).isEqualTo(3);
  }

  @Test
  void endToEnd_aTamperedFieldChangesTheInputAndTheAllocation() {
    SettlementDocument tampered =
        fixture.document.toBuilder()
            .pool(
                new SettlementDocument.Pool(
                    fixture.document.pool().id(),
                    fixture.document.pool().token(),
                    fixture.document.pool().funded().add(BigInteger.ONE),
                    fixture.document.pool().attestationId()))
            .build();
    ValuationInput input = ValuationInputs.build(tampered, fixture.evidence, fixture.fetcher());
    assertThat(input.sha256()).isNotEqualTo(fixture.input.sha256());
    ValuationReport report = Valuation.run(input, fixture.model, 1, "ipfs://x");
    assertThat(SettlementDocument.AllocationSummary.of(report).root())
        .isNotEqualTo(fixture.document.allocation().orElseThrow().root());

    Map<io.airm.chain.eth.Address, Long> records =
        new java.util.HashMap<>(tampered.creatorRecords());
    records.put(SettlementFixture.C, 40L);
    SettlementDocument moreRecords = fixture.document.toBuilder().creatorRecords(records).build();
    assertThat(ValuationInputs.build(moreRecords, fixture.evidence, fixture.fetcher()).sha256())
        .isNotEqualTo(fixture.input.sha256());
  }

  private static ObjectNode reversed(ObjectNode map) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
      names.add(0, it.next());
    }
    ObjectNode copy = CanonicalJson.MAPPER.createObjectNode();
    names.forEach(n -> copy.set(n, map.get(n)));
    return copy;
  }
}
