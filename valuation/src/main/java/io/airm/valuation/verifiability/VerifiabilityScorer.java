package io.airm.valuation.verifiability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.json.CanonicalJson;
import java.util.List;

/**
 * Scores the {@code verifiability} factor: how far a reader can check a work. Text works are scored
 * on seven parts (DOIs, arXiv ids, ISBNs, ORCID iDs, registered parents, signature,
 * retrievability); binary works on the last three only. The score is the weighted mean over the
 * parts that applied — {@code Σ wᵢ·sᵢ / Σ wᵢ}, floor — so a photograph is not punished for having
 * no bibliography; text works then lose {@code min(malformed·penalty, penaltyCap)}.
 */
public final class VerifiabilityScorer {
  /** The factor's name in reports. */
  public static final String FACTOR = "verifiability";

  private static final long ONE = FactorScore.ONE;

  private final VerifiabilityParams params;

  public VerifiabilityScorer(VerifiabilityParams params) {
    this.params = params;
  }

  /** Scores one work. */
  public FactorScore score(VerifiabilityInput input) {
    VerifiabilityParams p = params;
    ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
    ArrayNode applied = evidence.putArray("partsApplied");
    long weighted = 0;
    long weights = 0;
    long penalty = 0;
    Citations citations = null;
    if (input.text().isPresent()) {
      citations = CitationExtractor.extract(input.text().get());
      weighted += part(applied, "doi", p.doi(), citations.dois().size());
      weighted += part(applied, "arxiv", p.arxiv(), citations.arxivIds().size());
      weighted += part(applied, "isbn", p.isbn(), citations.isbns().size());
      weighted += part(applied, "orcid", p.orcid(), citations.orcids().size());
      weights += p.doi().weight() + p.arxiv().weight() + p.isbn().weight() + p.orcid().weight();
      penalty =
          Math.min(citations.malformed() * p.malformedPenaltyPpm(), p.malformedPenaltyCapPpm());
    }
    weighted +=
        part(applied, "registeredParents", p.registeredParents(), input.registeredParents());
    applied.add("signed");
    applied.add("retrievable");
    weighted += input.signed() ? p.signedWeight() * ONE : 0;
    weighted += input.retrievable() ? p.retrievableWeight() * ONE : 0;
    weights += p.registeredParents().weight() + p.signedWeight() + p.retrievableWeight();
    long base = weights == 0 ? 0 : weighted / weights;
    long ppm = FactorScore.clamp(base - penalty);

    if (citations != null) {
      ObjectNode valid = evidence.putObject("valid");
      list(valid, "doi", citations.dois());
      list(valid, "arxiv", citations.arxivIds());
      list(valid, "isbn13", citations.isbns());
      list(valid, "orcid", citations.orcids());
      ObjectNode malformed = evidence.putObject("malformed");
      malformed.put("doi", citations.malformedDois());
      malformed.put("arxiv", citations.malformedArxiv());
      malformed.put("isbn", citations.malformedIsbns());
      malformed.put("orcid", citations.malformedOrcids());
      evidence.put("malformedPenaltyPpm", penalty);
    }
    evidence.put("registeredParents", input.registeredParents());
    evidence.put("signed", input.signed());
    evidence.put("retrievable", input.retrievable());
    evidence.put("weightedMeanPpm", base);

    String explanation =
        citations == null
            ? String.format(
                "Binary work: %d registered parent(s), %s, %s.",
                input.registeredParents(),
                input.signed() ? "signed" : "unsigned",
                input.retrievable() ? "retrievable by CID" : "not retrievable by CID")
            : String.format(
                "%d DOI(s), %d arXiv id(s), %d ISBN(s), %d ORCID iD(s) valid, %d malformed;"
                    + " %d registered parent(s), %s, %s.",
                citations.dois().size(),
                citations.arxivIds().size(),
                citations.isbns().size(),
                citations.orcids().size(),
                citations.malformed(),
                input.registeredParents(),
                input.signed() ? "signed" : "unsigned",
                input.retrievable() ? "retrievable by CID" : "not retrievable by CID");
    return new FactorScore(FACTOR, ppm, true, evidence, explanation);
  }

  /** weight · saturation, still scaled by 10⁶ (divided once at the end). */
  private static long part(
      ArrayNode applied, String name, VerifiabilityParams.Part part, long count) {
    applied.add(name);
    return part.weight() * part.saturation(count);
  }

  private static void list(ObjectNode into, String name, List<String> values) {
    ArrayNode array = into.putArray(name);
    values.forEach(array::add);
  }
}
