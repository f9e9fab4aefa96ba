package io.airm.node.settlement;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.valuation.ValuationException;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.json.CanonicalJson;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The valuation input of a settlement (SETTLEMENT.md §4): a pure function of the settlement
 * document, the evidence and the works' contents, so that the node and every auditor derive the
 * same bytes.
 */
public final class ValuationInputs {
  /** The value of the valuation input's {@code format} field. */
  public static final String FORMAT = "airm-valuation-input/1";

  private ValuationInputs() {}

  /**
   * The input URI a settlement's report records: {@code ipfs://<inputCid>}. The report's bytes
   * include it, so the node and every auditor must pass the same one to {@code Valuation.run}.
   */
  public static String inputUri(String inputCid) {
    return "ipfs://" + inputCid;
  }

  /**
   * Builds the valuation input.
   *
   * @param document the settlement document (a draft suffices: valuation and allocation are not
   *     read)
   * @param evidence the attestation's evidence; its works must be the document's works
   * @param contents fetches each work's content; the bytes must hash to the registration's {@code
   *     contentHash}
   * @throws SettlementFormatException if the evidence names other works, a content does not match
   *     its registration, or a work's metadata terms are malformed
   */
  public static ValuationInput build(
      SettlementDocument document, Evidence evidence, ContentFetcher contents) {
    List<Bytes32> ids = document.sortedWorkIds();
    if (!ids.equals(evidence.works())) {
      throw new SettlementFormatException(
          "The evidence names "
              + evidence.works().size()
              + " works and the settlement "
              + ids.size()
              + "; they must be the same works"
              + firstDifference(ids, evidence.works()));
    }
    Set<Bytes32> inPool = new HashSet<>(ids);

    ObjectNode input = CanonicalJson.MAPPER.createObjectNode();
    input.put("format", FORMAT);
    input.put("referenceTime", document.attestation().attestedAt());
    ObjectNode pool = input.putObject("pool");
    pool.put(
        "id",
        document.chainId()
            + "/"
            + document.contracts().rewardDistributor().value()
            + "/"
            + document.pool().id());
    pool.put("amountWei", document.pool().funded().toString());

    TreeSet<String> known = new TreeSet<>();
    for (SettlementDocument.Work work : document.works()) {
      for (Bytes32 parent : work.registration().parents()) {
        if (!inPool.contains(parent)) {
          known.add(parent.hex());
        }
      }
    }
    ArrayNode knownWorks = input.putArray("knownWorks");
    known.forEach(knownWorks::add);

    ObjectNode records = input.putObject("creatorRecords");
    document
        .creatorRecords()
        .forEach((creator, n) -> records.putObject(creator.value()).put("earlierWorks", n));

    ArrayNode works = input.putArray("works");
    for (SettlementDocument.Work work : document.works()) {
      works.add(work(work, evidence, contents));
    }

    ObjectNode influence = evidence.influence();
    influence.remove("embeddings");
    influence.remove("labels");
    input.set("influence", influence);

    try {
      return ValuationInput.parse(input);
    } catch (ValuationException e) {
      throw new SettlementFormatException(
          "The derived valuation input is not valid: " + e.getMessage(), e);
    }
  }

  private static ObjectNode work(
      SettlementDocument.Work work, Evidence evidence, ContentFetcher contents) {
    var registration = work.registration();
    byte[] content = contents.fetch(registration.cid(), registration.contentHash());
    Bytes32 sha256 = Evidence.sha256(content);
    if (!sha256.equals(registration.contentHash())) {
      throw new SettlementFormatException(
          "The content of work "
              + work.workId()
              + " fetched by CID "
              + registration.cid()
              + " hashes to "
              + sha256
              + ", but its registration signs contentHash "
              + registration.contentHash());
    }
    WorkTerms terms;
    try {
      terms = WorkTerms.of(work.metadata(), registration.creator(), content);
    } catch (SettlementFormatException e) {
      throw new SettlementFormatException("Work " + work.workId() + ": " + e.getMessage(), e);
    }

    ObjectNode node = CanonicalJson.MAPPER.createObjectNode();
    node.put("workId", work.workId().hex());
    node.put("logIndex", work.logIndex());
    node.put("creator", registration.creator().value());
    node.put("kind", terms.kind().wireName());
    if (terms.kind() == WorkTerms.Kind.TEXT) {
      node.put("text", WorkTerms.utf8(content).orElseThrow());
    } else {
      node.put("dataBase64", Base64.getEncoder().encodeToString(content));
    }
    ArrayNode payees = node.putArray("payees");
    for (WorkTerms.Payee payee : terms.payees()) {
      payees
          .addObject()
          .put("account", payee.account().value())
          .put("sharesBps", payee.sharesBps());
    }
    ArrayNode parents = node.putArray("parents");
    registration.parents().forEach(p -> parents.add(p.hex()));
    node.put("signed", true);
    node.put("contentRetrievable", true);
    ArrayNode credentials = node.putArray("credentials");
    terms.credentials().forEach(credentials::add);
    if (evidence.method() == Evidence.Method.KNN_SHAPLEY) {
      node.put("embedding", evidence.embedding(work.workId()).orElseThrow());
      node.put("label", evidence.label(work.workId()).orElseThrow());
    }
    return node;
  }

  private static String firstDifference(List<Bytes32> settlement, List<Bytes32> evidence) {
    for (int i = 0; i < Math.max(settlement.size(), evidence.size()); i++) {
      Bytes32 s = i < settlement.size() ? settlement.get(i) : null;
      Bytes32 e = i < evidence.size() ? evidence.get(i) : null;
      if (s == null || !s.equals(e)) {
        return "; in sorted order, at position "
            + i
            + " the settlement has "
            + (s == null ? "nothing" : s)
            + " and the evidence "
            + (e == null ? "nothing" : e);
      }
    }
    return "";
  }
}
