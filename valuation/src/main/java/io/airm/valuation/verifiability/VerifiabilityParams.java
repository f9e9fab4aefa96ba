package io.airm.valuation.verifiability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ParamReader;

/**
 * The {@code verifiability} factor's parameters, read from the scoring model's {@code
 * "verifiability"} object. Each counted part scores {@code min(count, cap)/cap}; the boolean parts
 * score all or nothing; weights are ppm and add up to 1,000,000 over all seven parts.
 *
 * @param doi weight and cap for valid DOIs
 * @param arxiv weight and cap for valid arXiv ids
 * @param isbn weight and cap for valid ISBNs
 * @param orcid weight and cap for valid ORCID iDs
 * @param registeredParents weight and cap for provenance parents that are registered works
 * @param signedWeight weight of a signed record
 * @param retrievableWeight weight of content retrievable by its CID
 * @param malformedPenaltyPpm subtracted per malformed identifier
 * @param malformedPenaltyCapPpm the most the malformed penalty can take away
 */
public record VerifiabilityParams(
    Part doi,
    Part arxiv,
    Part isbn,
    Part orcid,
    Part registeredParents,
    long signedWeight,
    long retrievableWeight,
    long malformedPenaltyPpm,
    long malformedPenaltyCapPpm) {

  /** A counted part: its weight (ppm) and the count at which it saturates. */
  public record Part(long weight, long cap) {
    static Part read(ParamReader r) {
      return new Part(r.integer("weight", 0, 1_000_000), r.integer("cap", 1, 1_000_000));
    }

    /** {@code min(count, cap)/cap} in ppm. */
    long saturation(long count) {
      return Math.min(count, cap) * 1_000_000L / cap;
    }
  }

  /** Reads and validates the {@code "verifiability"} object of the scoring model. */
  public static VerifiabilityParams fromJson(JsonNode node) {
    ParamReader r = new ParamReader(node, "verifiability");
    VerifiabilityParams p =
        new VerifiabilityParams(
            Part.read(r.child("doi")),
            Part.read(r.child("arxiv")),
            Part.read(r.child("isbn")),
            Part.read(r.child("orcid")),
            Part.read(r.child("registeredParents")),
            r.integer("signedWeight", 0, 1_000_000),
            r.integer("retrievableWeight", 0, 1_000_000),
            r.integer("malformedPenaltyPpm", 0, 1_000_000),
            r.integer("malformedPenaltyCapPpm", 0, 1_000_000));
    ParamReader.requireSumOne(
        "verifiability: the weights of doi, arxiv, isbn, orcid, registeredParents, signed and"
            + " retrievable",
        p.doi.weight,
        p.arxiv.weight,
        p.isbn.weight,
        p.orcid.weight,
        p.registeredParents.weight,
        p.signedWeight,
        p.retrievableWeight);
    return p;
  }

  /** The published defaults, as in {@link #DEFAULT_JSON}. */
  public static VerifiabilityParams defaults() {
    return fromJson(defaultJson());
  }

  /** The defaults as the JSON object to paste under {@code "verifiability"}. */
  public static ObjectNode defaultJson() {
    try {
      return (ObjectNode) CanonicalJson.MAPPER.readTree(DEFAULT_JSON);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The built-in verifiability defaults are not JSON", e);
    }
  }

  /** The published default parameters. */
  public static final String DEFAULT_JSON =
      """
      {
        "doi": {"weight": 300000, "cap": 10},
        "arxiv": {"weight": 100000, "cap": 5},
        "isbn": {"weight": 50000, "cap": 3},
        "orcid": {"weight": 50000, "cap": 2},
        "registeredParents": {"weight": 150000, "cap": 3},
        "signedWeight": 150000,
        "retrievableWeight": 200000,
        "malformedPenaltyPpm": 20000,
        "malformedPenaltyCapPpm": 200000
      }
      """;
}
