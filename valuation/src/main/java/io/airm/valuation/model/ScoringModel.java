package io.airm.valuation.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published scoring model: a JSON document, identified by its version and by the SHA-256 of its
 * canonical bytes. Every parameter and weight of the valuation comes from here, so that governance
 * can change them without a release and an auditor can see which model priced a pool.
 *
 * <p>Shape: {@code {"format":"airm-scoring-model/1","version":"…","qualityWeights":{factor:ppm},
 * "value":{"influenceWeightPpm":…},"influence":{"k":…},"tokens":{…},"originality":{…},
 * "depth":{…},"verifiability":{…},"expertise":{…},"perspective":{…}}}.
 */
public final class ScoringModel {
  /** The quality factors, in the order reports list them. */
  public static final List<String> FACTORS =
      List.of("originality", "depth", "verifiability", "expertise", "perspective");

  private static final String FORMAT = "airm-scoring-model/1";
  private static final String DEFAULT_RESOURCE = "default-model.json";

  private final ObjectNode document;
  private final String version;
  private final String sha256;
  private final Map<String, Long> qualityWeights;
  private final long influenceWeightPpm;
  private final long substanceCapTokens;
  private final long binarySubstanceTokens;
  private final int knnK;

  private ScoringModel(ObjectNode document) {
    this.document = document;
    this.sha256 = CanonicalJson.sha256(document);
    if (!FORMAT.equals(document.path("format").asText())) {
      throw new ValuationException("A scoring model must have \"format\": \"" + FORMAT + "\"");
    }
    this.version = text(document, "version");
    JsonNode weights = object(document, "qualityWeights");
    Map<String, Long> parsed = new LinkedHashMap<>();
    long total = 0;
    for (String factor : FACTORS) {
      long weight = ppm(weights, factor, "qualityWeights." + factor);
      parsed.put(factor, weight);
      total += weight;
    }
    weights
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!FACTORS.contains(name)) {
                throw new ValuationException("qualityWeights has an unknown factor '" + name + "'");
              }
            });
    if (total != 1_000_000L) {
      throw new ValuationException("qualityWeights must sum to 1000000 ppm, not " + total);
    }
    this.qualityWeights = Map.copyOf(parsed);
    JsonNode value = object(document, "value");
    this.influenceWeightPpm = ppm(value, "influenceWeightPpm", "value.influenceWeightPpm");
    this.substanceCapTokens = positive(value, "substanceCapTokens", "value.substanceCapTokens");
    this.binarySubstanceTokens =
        positive(value, "binarySubstanceTokens", "value.binarySubstanceTokens");
    JsonNode k = object(document, "influence").get("k");
    if (k == null || !k.canConvertToInt() || k.intValue() < 1) {
      throw new ValuationException("influence.k must be a positive integer");
    }
    this.knnK = k.intValue();
    for (String factor : FACTORS) {
      object(document, factor);
    }
  }

  /** Parses and validates a model document. */
  public static ScoringModel parse(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new ValuationException("A scoring model is a JSON object");
    }
    return new ScoringModel(((ObjectNode) document).deepCopy());
  }

  /** Reads a model from a file. */
  public static ScoringModel read(Path file) {
    try {
      return parse(CanonicalJson.MAPPER.readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new ValuationException(
          "Cannot read the scoring model " + file + ": " + e.getMessage(), e);
    }
  }

  /** The model this release publishes (the resource {@code default-model.json}). */
  public static ScoringModel defaultModel() {
    try (InputStream in = ScoringModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new ValuationException("The default scoring model resource is missing");
      }
      return parse(CanonicalJson.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new ValuationException("Cannot read the default scoring model", e);
    }
  }

  /** The model's version string; every score names it. */
  public String version() {
    return version;
  }

  /** SHA-256 of the model's canonical JSON, 0x hex. */
  public String sha256() {
    return sha256;
  }

  /** The model document (a copy). */
  public ObjectNode document() {
    return document.deepCopy();
  }

  /** A factor's parameter object. */
  public JsonNode params(String factor) {
    return object(document, factor);
  }

  /** The weight of each quality factor, ppm, summing to 1,000,000. */
  public Map<String, Long> qualityWeights() {
    return qualityWeights;
  }

  /** λ of the value formula, ppm: how much measured influence counts against an equal share. */
  public long influenceWeightPpm() {
    return influenceWeightPpm;
  }

  /** The most tokens of substance one work can count. */
  public long substanceCapTokens() {
    return substanceCapTokens;
  }

  /** The tokens of substance a binary or media work counts (bytes do not measure it). */
  public long binarySubstanceTokens() {
    return binarySubstanceTokens;
  }

  /** K of the KNN classifier whose Shapley values measure influence. */
  public int knnK() {
    return knnK;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw new ValuationException("The scoring model needs a non-empty string '" + field + "'");
    }
    return value.textValue();
  }

  private static JsonNode object(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new ValuationException("The scoring model needs an object '" + field + "'");
    }
    return value;
  }

  private static long positive(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || value.longValue() < 1) {
      throw new ValuationException(path + " must be a positive integer");
    }
    return value.longValue();
  }

  private static long ppm(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || value.longValue() < 0
        || value.longValue() > 1_000_000L) {
      throw new ValuationException(path + " must be an integer from 0 to 1000000 (ppm)");
    }
    return value.longValue();
  }
}
