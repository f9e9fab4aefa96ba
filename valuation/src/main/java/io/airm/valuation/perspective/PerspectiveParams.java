package io.airm.valuation.perspective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ParamReader;

/**
 * The {@code perspective} factor's parameters, read from the scoring model's {@code "perspective"}
 * object.
 *
 * @param k how many nearest earlier works the mean distance is taken over
 * @param knnWeight weight (ppm) of the nearest-neighbour distance sub-score
 * @param centroidWeight weight (ppm) of the centroid distance sub-score; the two add up to 10⁶
 * @param knnHalfDistancePerDim the mean squared distance per dimension at which the kNN sub-score
 *     is 500,000 ppm
 * @param centroidHalfDistancePerDim the same for the distance to the centroid
 * @param shingleWords words per shingle
 * @param shingleSampleModulus keep only shingles whose hash is 0 modulo this (1 keeps all)
 * @param textFullNoveltyPpm the share of novel shingles that earns the full score
 */
public record PerspectiveParams(
    int k,
    long knnWeight,
    long centroidWeight,
    long knnHalfDistancePerDim,
    long centroidHalfDistancePerDim,
    int shingleWords,
    long shingleSampleModulus,
    long textFullNoveltyPpm) {

  /** Reads and validates the {@code "perspective"} object of the scoring model. */
  public static PerspectiveParams fromJson(JsonNode node) {
    ParamReader r = new ParamReader(node, "perspective");
    PerspectiveParams p =
        new PerspectiveParams(
            r.smallInt("k", 1, 1_000),
            r.integer("knnWeight", 0, 1_000_000),
            r.integer("centroidWeight", 0, 1_000_000),
            r.integer("knnHalfDistancePerDim", 1, 65_536),
            r.integer("centroidHalfDistancePerDim", 1, 65_536),
            r.smallInt("shingleWords", 1, 64),
            r.integer("shingleSampleModulus", 1, 1_000_000),
            r.integer("textFullNoveltyPpm", 1, 1_000_000));
    ParamReader.requireSumOne(
        "perspective.knnWeight + perspective.centroidWeight", p.knnWeight, p.centroidWeight);
    return p;
  }

  /** The published defaults, as in {@link #DEFAULT_JSON}. */
  public static PerspectiveParams defaults() {
    return fromJson(defaultJson());
  }

  /** The defaults as the JSON object to paste under {@code "perspective"}. */
  public static ObjectNode defaultJson() {
    try {
      return (ObjectNode) CanonicalJson.MAPPER.readTree(DEFAULT_JSON);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The built-in perspective defaults are not JSON", e);
    }
  }

  /** The published default parameters. */
  public static final String DEFAULT_JSON =
      """
      {
        "k": 5,
        "knnWeight": 700000,
        "centroidWeight": 300000,
        "knnHalfDistancePerDim": 256,
        "centroidHalfDistancePerDim": 256,
        "shingleWords": 5,
        "shingleSampleModulus": 4,
        "textFullNoveltyPpm": 900000
      }
      """;
}
