package io.airm.valuation.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.allocation.Payee;
import io.airm.valuation.json.CanonicalJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The input document of a valuation run ({@code "format": "airm-valuation-input/1"}): the pool, the
 * attested works with their content and payees, and the influence evidence. The README's valuation
 * section documents every field; {@code valuation/examples/input.json} is an example.
 */
public final class ValuationInput {
  static final String FORMAT = "airm-valuation-input/1";

  private final ObjectNode document;
  private final String sha256;
  private final long referenceTime;
  private final String poolId;
  private final BigInteger poolWei;
  private final List<WorkInput> works;
  private final Set<String> knownWorks;
  private final Map<String, Long> creatorEarlierWorks;
  private final Influence influence;

  /** A labelled probe output: its embedding and class label. */
  public record Probe(String id, byte[] embedding, int label) {}

  /**
   * The influence evidence.
   *
   * @param method {@code knn-shapley}, {@code committed} or {@code none}
   * @param probes the labelled probes (knn-shapley)
   * @param submission the company's committed per-work scores (committed), in the shape {@code
   *     CommittedScores.Submission} reads
   */
  public record Influence(String method, List<Probe> probes, Optional<JsonNode> submission) {}

  private ValuationInput(ObjectNode document) {
    this.document = document;
    this.sha256 = CanonicalJson.sha256(normalised(document));
    if (!FORMAT.equals(document.path("format").asText())) {
      throw new ValuationException("A valuation input must have \"format\": \"" + FORMAT + "\"");
    }
    this.referenceTime = longValue(document, "referenceTime", "referenceTime");
    JsonNode pool = object(document, "pool", "pool");
    this.poolId = text(pool, "id", "pool.id");
    this.poolWei = uint(pool.get("amountWei"), "pool.amountWei");
    this.knownWorks = new HashSet<>();
    document.path("knownWorks").forEach(id -> knownWorks.add(workId(id, "knownWorks[]")));
    this.creatorEarlierWorks = new TreeMap<>();
    JsonNode records = document.path("creatorRecords");
    for (Iterator<String> it = records.fieldNames(); it.hasNext(); ) {
      String creator = it.next();
      creatorEarlierWorks.put(
          address(creator, "creatorRecords key"),
          longValue(
              records.get(creator), "earlierWorks", "creatorRecords." + creator + ".earlierWorks"));
    }
    JsonNode worksNode = document.get("works");
    if (worksNode == null || !worksNode.isArray() || worksNode.isEmpty()) {
      throw new ValuationException("works must be a non-empty array");
    }
    List<WorkInput> parsed = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<Long> indices = new HashSet<>();
    for (int i = 0; i < worksNode.size(); i++) {
      WorkInput work = work(worksNode.get(i), "works[" + i + "]");
      if (!ids.add(work.workId())) {
        throw new ValuationException("works[" + i + "] repeats work id " + work.workId());
      }
      if (!indices.add(work.logIndex())) {
        throw new ValuationException("works[" + i + "] repeats log index " + work.logIndex());
      }
      parsed.add(work);
    }
    parsed.sort(java.util.Comparator.comparingLong(WorkInput::logIndex));
    this.works = List.copyOf(parsed);
    this.influence = influence(object(document, "influence", "influence"));
  }

  /**
   * The document as it is hashed: works sorted by log index and probes by id, so that the order in
   * which a document lists them (which never changes a result) does not change its hash either.
   */
  static ObjectNode normalised(ObjectNode document) {
    ObjectNode copy = document.deepCopy();
    if (copy.get("works") instanceof com.fasterxml.jackson.databind.node.ArrayNode works) {
      List<JsonNode> sorted = new ArrayList<>();
      works.forEach(sorted::add);
      sorted.sort(java.util.Comparator.comparing(w -> w.path("logIndex").asLong()));
      works.removeAll();
      sorted.forEach(works::add);
    }
    if (copy.path("influence").get("probes")
        instanceof com.fasterxml.jackson.databind.node.ArrayNode probes) {
      List<JsonNode> sorted = new ArrayList<>();
      probes.forEach(sorted::add);
      sorted.sort(java.util.Comparator.comparing(p -> p.path("id").asText()));
      probes.removeAll();
      sorted.forEach(probes::add);
    }
    return copy;
  }

  /** Parses and validates an input document; every error names the field. */
  public static ValuationInput parse(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new ValuationException("A valuation input is a JSON object");
    }
    return new ValuationInput(((ObjectNode) document).deepCopy());
  }

  /** Reads an input document from a file. */
  public static ValuationInput read(Path file) {
    try {
      return parse(CanonicalJson.MAPPER.readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new ValuationException(
          "Cannot read the valuation input " + file + ": " + e.getMessage(), e);
    }
  }

  private WorkInput work(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new ValuationException(path + " must be an object");
    }
    String kind = text(node, "kind", path + ".kind");
    Optional<String> text = Optional.empty();
    Optional<byte[]> data = Optional.empty();
    if (kind.equals("text")) {
      text = Optional.of(text(node, "text", path + ".text"));
    } else if (kind.equals("binary")) {
      data = Optional.of(base64(node.get("dataBase64"), path + ".dataBase64"));
    } else {
      throw new ValuationException(path + ".kind must be \"text\" or \"binary\", not " + kind);
    }
    List<Payee> payees = new ArrayList<>();
    JsonNode payeesNode = node.get("payees");
    if (payeesNode == null || !payeesNode.isArray() || payeesNode.isEmpty()) {
      throw new ValuationException(path + ".payees must be a non-empty array");
    }
    int total = 0;
    Set<String> accounts = new HashSet<>();
    for (int i = 0; i < payeesNode.size(); i++) {
      JsonNode p = payeesNode.get(i);
      String account =
          address(
              text(p, "account", path + ".payees[" + i + "].account"),
              path + ".payees[" + i + "].account");
      int bps = (int) longValue(p, "sharesBps", path + ".payees[" + i + "].sharesBps");
      if (!accounts.add(account)) {
        throw new ValuationException(path + ".payees repeats account " + account);
      }
      payees.add(new Payee(account, bps));
      total += bps;
    }
    if (total != 10_000) {
      throw new ValuationException(path + ".payees shares must sum to 10000 bps, not " + total);
    }
    List<String> parents = new ArrayList<>();
    node.path("parents").forEach(p -> parents.add(workId(p, path + ".parents[]")));
    List<JsonNode> credentials = new ArrayList<>();
    node.path("credentials").forEach(credentials::add);
    JsonNode label = node.get("label");
    return new WorkInput(
        workId(node.get("workId"), path + ".workId"),
        longValue(node, "logIndex", path + ".logIndex"),
        address(text(node, "creator", path + ".creator"), path + ".creator"),
        kind,
        text,
        data,
        List.copyOf(payees),
        List.copyOf(parents),
        bool(node, "signed", path + ".signed"),
        bool(node, "contentRetrievable", path + ".contentRetrievable"),
        node.has("embedding")
            ? Optional.of(base64(node.get("embedding"), path + ".embedding"))
            : Optional.empty(),
        label == null
            ? OptionalInt.empty()
            : OptionalInt.of((int) longValue(node, "label", path + ".label")),
        List.copyOf(credentials));
  }

  private static Influence influence(JsonNode node) {
    String method = text(node, "method", "influence.method");
    switch (method) {
      case "none" -> {
        return new Influence(method, List.of(), Optional.empty());
      }
      case "knn-shapley" -> {
        JsonNode probesNode = node.get("probes");
        if (probesNode == null || !probesNode.isArray() || probesNode.isEmpty()) {
          throw new ValuationException("influence.probes must be a non-empty array");
        }
        List<Probe> probes = new ArrayList<>();
        Set<String> probeIds = new HashSet<>();
        for (int i = 0; i < probesNode.size(); i++) {
          JsonNode p = probesNode.get(i);
          String path = "influence.probes[" + i + "]";
          if (!probeIds.add(text(p, "id", path + ".id"))) {
            throw new ValuationException(path + " repeats probe id " + p.get("id").asText());
          }
          probes.add(
              new Probe(
                  text(p, "id", path + ".id"),
                  base64(p.get("embedding"), path + ".embedding"),
                  (int) longValue(p, "label", path + ".label")));
        }
        return new Influence(method, List.copyOf(probes), Optional.empty());
      }
      case "committed" -> {
        return new Influence(
            method, List.of(), Optional.of(object(node, "submission", "influence.submission")));
      }
      default ->
          throw new ValuationException(
              "influence.method must be knn-shapley, committed or none, not " + method);
    }
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !value.isTextual()) {
      throw new ValuationException(path + " must be a string");
    }
    return value.textValue();
  }

  private static JsonNode object(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new ValuationException(path + " must be an object");
    }
    return value;
  }

  private static long longValue(JsonNode node, String field, String path) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.longValue() < 0) {
      throw new ValuationException(path + " must be a non-negative integer");
    }
    return value.longValue();
  }

  private static boolean bool(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw new ValuationException(path + " must be true or false");
    }
    return value.booleanValue();
  }

  private static BigInteger uint(JsonNode value, String path) {
    if (value != null && value.isTextual() && value.textValue().matches("[0-9]{1,78}")) {
      return new BigInteger(value.textValue());
    }
    if (value != null && value.isIntegralNumber() && value.bigIntegerValue().signum() >= 0) {
      return value.bigIntegerValue();
    }
    throw new ValuationException(path + " must be a non-negative integer (a decimal string)");
  }

  private static String workId(JsonNode value, String path) {
    if (value == null || !value.isTextual() || !value.textValue().matches("0x[0-9a-f]{64}")) {
      throw new ValuationException(path + " must be a work id: 0x + 64 lower-case hex digits");
    }
    return value.textValue();
  }

  private static String address(String value, String path) {
    if (!value.matches("0x[0-9a-f]{40}")) {
      throw new ValuationException(path + " must be 0x + 40 lower-case hex digits, not " + value);
    }
    return value;
  }

  private static byte[] base64(JsonNode value, String path) {
    if (value == null || !value.isTextual()) {
      throw new ValuationException(path + " must be a base64 string");
    }
    try {
      return Base64.getDecoder().decode(value.textValue());
    } catch (IllegalArgumentException e) {
      throw new ValuationException(path + " is not valid base64: " + e.getMessage());
    }
  }

  /**
   * SHA-256 of the document's canonical JSON, works sorted by log index and probes by id: how the
   * report names its input.
   */
  public String sha256() {
    return sha256;
  }

  /** The document (a copy). */
  public ObjectNode document() {
    return document.deepCopy();
  }

  /** The time credentials are judged at, unix seconds (never the wall clock). */
  public long referenceTime() {
    return referenceTime;
  }

  /** The pool's id. */
  public String poolId() {
    return poolId;
  }

  /** The pool's amount, in wei (or the token's smallest unit). */
  public BigInteger poolWei() {
    return poolWei;
  }

  /** The works, in log-index order. */
  public List<WorkInput> works() {
    return works;
  }

  /** Registered works outside this pool, which provenance claims may cite. */
  public Set<String> knownWorks() {
    return Set.copyOf(knownWorks);
  }

  /** A creator's earlier registered works outside this input, if the input says. */
  public long creatorEarlierWorks(String creator) {
    return creatorEarlierWorks.getOrDefault(creator, 0L);
  }

  /** The influence evidence. */
  public Influence influence() {
    return influence;
  }
}
