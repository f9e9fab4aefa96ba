package io.airm.node.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.settlement.Evidence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An AI company's evidence document ({@code airm-evidence/1}, registry-node/SETTLEMENT.md §1): the
 * works a model was trained on and how their influence was measured. Built here with the works
 * sorted and the probes ordered as the node requires; its {@link #digest()} and {@link
 * #worksRoot()} are what the attestation signs.
 */
public final class EvidenceDocument {
  private final Evidence evidence;

  private EvidenceDocument(ObjectNode json) {
    this.evidence = Evidence.parse(json);
  }

  /**
   * A labelled probe: one of the model's outputs, embedded like the works.
   *
   * @param id the probe's id (probes are sorted by it)
   * @param embedding its int8 embedding
   * @param label its class label
   */
  public record Probe(String id, byte[] embedding, int label) {}

  /** Evidence without an influence measurement: the pool is split equally over the works. */
  public static EvidenceDocument none(List<Bytes32> works) {
    ObjectNode json = head(works);
    json.putObject("influence").put("method", Evidence.Method.NONE.wireName());
    return new EvidenceDocument(json);
  }

  /**
   * Evidence for KNN-Shapley influence: an int8 embedding and a class label for every attested work
   * (the works are the embeddings' keys), and labelled probes of the model's outputs.
   */
  public static EvidenceDocument knnShapley(
      Map<Bytes32, byte[]> embeddings, Map<Bytes32, Integer> labels, List<Probe> probes) {
    ObjectNode json = head(List.copyOf(embeddings.keySet()));
    ObjectNode influence = json.putObject("influence");
    influence.put("method", Evidence.Method.KNN_SHAPLEY.wireName());
    Base64.Encoder base64 = Base64.getEncoder();
    ObjectNode embeddingsNode = influence.putObject("embeddings");
    new TreeMap<>(byHex(embeddings))
        .forEach((id, e) -> embeddingsNode.put(id, base64.encodeToString(e)));
    ObjectNode labelsNode = influence.putObject("labels");
    new TreeMap<>(byHex(labels)).forEach(labelsNode::put);
    ArrayNode probesNode = influence.putArray("probes");
    probes.stream()
        .sorted(Comparator.comparing(Probe::id))
        .forEach(
            p ->
                probesNode
                    .addObject()
                    .put("id", p.id())
                    .put("embedding", base64.encodeToString(p.embedding()))
                    .put("label", p.label()));
    return new EvidenceDocument(json);
  }

  /**
   * Evidence carrying the company's own per-work influence scores, committed by the SHA-256 of the
   * company's evidence file; a work without a score counts as 0.
   *
   * @param works the attested works
   * @param method the attribution method (for example {@code trak}); the scoring model must accept
   *     it
   * @param evidenceSha256 the SHA-256 of the file the scores were computed from
   * @param scores exact decimal scores by work
   */
  public static EvidenceDocument committed(
      List<Bytes32> works, String method, Bytes32 evidenceSha256, Map<Bytes32, BigDecimal> scores) {
    ObjectNode json = head(works);
    ObjectNode influence = json.putObject("influence");
    influence.put("method", Evidence.Method.COMMITTED.wireName());
    ObjectNode submission = influence.putObject("submission");
    submission.put("method", method);
    submission.put("evidenceSha256", evidenceSha256.hex());
    ArrayNode list = submission.putArray("scores");
    // scores are written as decimal strings: a JSON float would not be the decimal written
    new TreeMap<>(byHex(scores))
        .forEach((id, s) -> list.addObject().put("work", id).put("score", s.toPlainString()));
    return new EvidenceDocument(json);
  }

  /** The attested works, sorted ascending. */
  public List<Bytes32> works() {
    return evidence.works();
  }

  /** SHA-256 of the canonical JSON (RFC 8785): the attestation's {@code evidenceDigest}. */
  public Bytes32 digest() {
    return evidence.digest();
  }

  /** The RFC 6962 root of the sorted work ids: the attestation's {@code worksRoot}. */
  public Bytes32 worksRoot() {
    return evidence.worksRoot();
  }

  /** The canonical JSON bytes, which the node stores in IPFS. */
  public byte[] canonicalBytes() {
    return evidence.canonicalBytes();
  }

  /** The document as JSON (a copy). */
  public ObjectNode toJson() {
    return evidence.toJson();
  }

  private static ObjectNode head(List<Bytes32> works) {
    ObjectNode json = WireFormat.JSON.createObjectNode();
    json.put("format", Evidence.FORMAT);
    ArrayNode list = json.putArray("works");
    new TreeSet<>(hexes(works)).forEach(list::add);
    return json;
  }

  private static List<String> hexes(List<Bytes32> works) {
    List<String> hex = new ArrayList<>();
    works.forEach(w -> hex.add(w.hex()));
    return hex;
  }

  private static <V> Map<String, V> byHex(Map<Bytes32, V> map) {
    Map<String, V> byHex = new TreeMap<>();
    map.forEach((k, v) -> byHex.put(k.hex(), v));
    return byHex;
  }
}
