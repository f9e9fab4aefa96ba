package io.airm.node.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.valuation.ValuationException;
import io.airm.valuation.influence.CommittedScores;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An {@code airm-evidence/1} document (SETTLEMENT.md §1): the works a model was trained on, sorted,
 * and how their influence on the model was measured. Its digest is the attestation's {@code
 * evidenceDigest}.
 */
public final class Evidence {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "airm-evidence/1";

  /** How influence was measured. */
  public enum Method {
    /** No measurement: influence is split equally. */
    NONE("none"),
    /** KNN-Shapley over int8 embeddings of the works and labelled probes. */
    KNN_SHAPLEY("knn-shapley"),
    /** The company's own per-work scores. */
    COMMITTED("committed");

    private final String wireName;

    Method(String wireName) {
      this.wireName = wireName;
    }

    /** The name in {@code influence.method}. */
    public String wireName() {
      return wireName;
    }
  }

  private final ObjectNode json;
  private final List<Bytes32> works;
  private final Method method;
  private final byte[] canonical;

  private Evidence(ObjectNode json, List<Bytes32> works, Method method) {
    this.json = json;
    this.works = works;
    this.method = method;
    this.canonical = Fields.canonical(json, "The evidence");
  }

  /** Parses the bytes of an evidence document (as fetched from IPFS). */
  public static Evidence parse(byte[] bytes) {
    return parse(Fields.read(bytes, "The evidence"));
  }

  /**
   * Parses and validates an evidence document.
   *
   * @throws SettlementFormatException naming the JSON path of the first problem
   */
  public static Evidence parse(JsonNode node) {
    ObjectNode json = Fields.exactly(node, "$", Set.of("format", "works", "influence")).deepCopy();
    if (!FORMAT.equals(Fields.text(json.get("format"), "$.format"))) {
      throw new SettlementFormatException("$.format must be \"" + FORMAT + "\"");
    }
    JsonNode worksNode = json.get("works");
    if (!worksNode.isArray() || worksNode.isEmpty()) {
      throw new SettlementFormatException("$.works must be a non-empty array of work ids");
    }
    List<Bytes32> works = new ArrayList<>();
    for (int i = 0; i < worksNode.size(); i++) {
      Bytes32 id = Fields.bytes32(worksNode.get(i), "$.works[" + i + "]");
      if (i > 0 && works.get(i - 1).hex().compareTo(id.hex()) >= 0) {
        throw new SettlementFormatException(
            "$.works["
                + i
                + "] "
                + id
                + " must be greater than $.works["
                + (i - 1)
                + "]: the works are sorted ascending without repeats");
      }
      works.add(id);
    }
    Method method = influence(Fields.object(json.get("influence"), "$.influence"), works);
    return new Evidence(json, List.copyOf(works), method);
  }

  private static Method influence(ObjectNode influence, List<Bytes32> works) {
    String name = Fields.text(influence.get("method"), "$.influence.method");
    switch (name) {
      case "none" -> {
        Fields.exactly(influence, "$.influence", Set.of("method"));
        return Method.NONE;
      }
      case "committed" -> {
        Fields.exactly(influence, "$.influence", Set.of("method", "submission"));
        ObjectNode submission =
            Fields.object(influence.get("submission"), "$.influence.submission");
        try {
          CommittedScores.Submission.fromJson(submission);
        } catch (ValuationException e) {
          throw new SettlementFormatException("$.influence.submission: " + e.getMessage(), e);
        }
        return Method.COMMITTED;
      }
      case "knn-shapley" -> {
        Fields.exactly(
            influence, "$.influence", Set.of("method", "embeddings", "labels", "probes"));
        knnShapley(influence, works);
        return Method.KNN_SHAPLEY;
      }
      default ->
          throw new SettlementFormatException(
              "$.influence.method must be none, knn-shapley or committed, not " + name);
    }
  }

  /** Every work has an embedding and a label, nothing else has; one dimension; probes by id. */
  private static void knnShapley(ObjectNode influence, List<Bytes32> works) {
    ObjectNode embeddings = Fields.object(influence.get("embeddings"), "$.influence.embeddings");
    ObjectNode labels = Fields.object(influence.get("labels"), "$.influence.labels");
    Set<String> ids = new HashSet<>();
    works.forEach(w -> ids.add(w.hex()));
    int dimension = -1;
    for (Bytes32 work : works) {
      String path = "$.influence.embeddings." + work;
      if (!embeddings.has(work.hex())) {
        throw new SettlementFormatException(path + " is missing: every work needs an embedding");
      }
      dimension = sameDimension(Fields.base64(embeddings.get(work.hex()), path), dimension, path);
      String labelPath = "$.influence.labels." + work;
      if (!labels.has(work.hex())) {
        throw new SettlementFormatException(labelPath + " is missing: every work needs a label");
      }
      Fields.smallCount(labels.get(work.hex()), labelPath);
    }
    for (ObjectNode map : List.of(embeddings, labels)) {
      for (Iterator<String> names = map.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!ids.contains(name)) {
          throw new SettlementFormatException(
              "$.influence."
                  + (map == embeddings ? "embeddings." : "labels.")
                  + name
                  + " is not one of the attested works");
        }
      }
    }
    JsonNode probes = influence.get("probes");
    if (!(probes instanceof ArrayNode) || probes.isEmpty()) {
      throw new SettlementFormatException("$.influence.probes must be a non-empty array");
    }
    String previous = null;
    for (int i = 0; i < probes.size(); i++) {
      String path = "$.influence.probes[" + i + "]";
      ObjectNode probe = Fields.exactly(probes.get(i), path, Set.of("id", "embedding", "label"));
      String id = Fields.text(probe.get("id"), path + ".id");
      if (id.isEmpty()) {
        throw new SettlementFormatException(path + ".id must not be empty");
      }
      if (previous != null && previous.compareTo(id) >= 0) {
        throw new SettlementFormatException(
            path
                + ".id \""
                + id
                + "\" must sort after \""
                + previous
                + "\": probes are sorted by id without repeats");
      }
      previous = id;
      sameDimension(Fields.base64(probe.get("embedding"), path + ".embedding"), dimension, path);
      Fields.smallCount(probe.get("label"), path + ".label");
    }
  }

  private static int sameDimension(byte[] embedding, int dimension, String path) {
    if (embedding.length == 0) {
      throw new SettlementFormatException(path + " is an empty embedding");
    }
    if (dimension >= 0 && embedding.length != dimension) {
      throw new SettlementFormatException(
          path
              + " has "
              + embedding.length
              + " dimensions, but the embeddings before it have "
              + dimension);
    }
    return embedding.length;
  }

  /** The attested work ids, sorted ascending. */
  public List<Bytes32> works() {
    return works;
  }

  /** How influence was measured. */
  public Method method() {
    return method;
  }

  /** The work's embedding as written (base64 int8), when the method is knn-shapley. */
  public Optional<String> embedding(Bytes32 work) {
    JsonNode value = json.path("influence").path("embeddings").get(work.hex());
    return value == null ? Optional.empty() : Optional.of(value.textValue());
  }

  /** The work's class label, when the method is knn-shapley. */
  public OptionalInt label(Bytes32 work) {
    JsonNode value = json.path("influence").path("labels").get(work.hex());
    return value == null ? OptionalInt.empty() : OptionalInt.of(value.intValue());
  }

  /** The {@code influence} object as written (a copy). */
  public ObjectNode influence() {
    return ((ObjectNode) json.get("influence")).deepCopy();
  }

  /** The document (a copy). */
  public ObjectNode toJson() {
    return json.deepCopy();
  }

  /** The canonical JSON bytes (RFC 8785): what the node stores in IPFS. */
  public byte[] canonicalBytes() {
    return canonical.clone();
  }

  /** SHA-256 of the canonical bytes: the attestation's {@code evidenceDigest}. */
  public Bytes32 digest() {
    return sha256(canonical);
  }

  /** The works root the attestation must sign for these works. */
  public Bytes32 worksRoot() {
    return WorksRoot.of(works);
  }

  static Bytes32 sha256(byte[] bytes) {
    try {
      return Bytes32.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
