package io.airm.valuation.depth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ParamReader;
import java.util.List;

/**
 * The {@code depth} factor's parameters, read from the scoring model's {@code "depth"} object.
 *
 * @param weights how structure, lexical diversity and reasoning combine into the score
 * @param structure saturation caps and detection thresholds for sections, references, equations and
 *     code blocks
 * @param lexical the MTLD threshold and the MTLD range mapped onto 0..1,000,000 ppm
 * @param reasoning the connective phrases and the density that earns the full sub-score
 * @param gates the Gopher/C4-style quality gates and the cap on a work that fails one
 */
public record DepthParams(
    Weights weights, Structure structure, Lexical lexical, Reasoning reasoning, Gates gates) {

  /** Weights (ppm, adding up to 1,000,000) of the three sub-scores. */
  public record Weights(long structure, long lexical, long reasoning) {
    static Weights read(ParamReader r) {
      Weights w =
          new Weights(
              r.integer("structure", 0, 1_000_000),
              r.integer("lexical", 0, 1_000_000),
              r.integer("reasoning", 0, 1_000_000));
      ParamReader.requireSumOne(r.key("*"), w.structure, w.lexical, w.reasoning);
      return w;
    }
  }

  /**
   * Structure detection. A count {@code c} with cap {@code k} saturates as {@code min(c,k)/k}; the
   * structure sub-score is {@code sectionsWeight·sat(sections) + referencesWeight·sat(references) +
   * technicalWeight·max(sat(equations), sat(codeBlocks))}, weights in ppm adding up to 10⁶.
   */
  public record Structure(
      int sectionsCap,
      int referencesCap,
      int equationsCap,
      int codeBlocksCap,
      long sectionsWeight,
      long referencesWeight,
      long technicalWeight,
      int maxHeadingChars,
      List<String> referenceHeadings,
      int mathLineMinSymbols,
      long mathLineSymbolPpm) {
    static Structure read(ParamReader r) {
      Structure s =
          new Structure(
              r.smallInt("sectionsCap", 1, 1_000_000),
              r.smallInt("referencesCap", 1, 1_000_000),
              r.smallInt("equationsCap", 1, 1_000_000),
              r.smallInt("codeBlocksCap", 1, 1_000_000),
              r.integer("sectionsWeight", 0, 1_000_000),
              r.integer("referencesWeight", 0, 1_000_000),
              r.integer("technicalWeight", 0, 1_000_000),
              r.smallInt("maxHeadingChars", 1, 10_000),
              r.strings("referenceHeadings").stream()
                  .map(h -> h.toLowerCase(java.util.Locale.ROOT).strip())
                  .toList(),
              r.smallInt("mathLineMinSymbols", 1, 1_000),
              r.integer("mathLineSymbolPpm", 1, 1_000_000));
      ParamReader.requireSumOne(
          r.key("sectionsWeight + referencesWeight + technicalWeight"),
          s.sectionsWeight,
          s.referencesWeight,
          s.technicalWeight);
      return s;
    }
  }

  /**
   * MTLD settings: the TTR threshold (ppm; 720,000 is McCarthy &amp; Jarvis's 0.72) and the MTLD
   * values (×1000) that map to 0 and to 1,000,000 ppm, linearly in between.
   */
  public record Lexical(long mtldThresholdPpm, long mtldZeroMilli, long mtldFullMilli) {
    static Lexical read(ParamReader r) {
      Lexical l =
          new Lexical(
              r.integer("mtldThresholdPpm", 1, 999_999),
              r.integer("mtldZeroMilli", 0, 1_000_000_000),
              r.integer("mtldFullMilli", 1, 1_000_000_000));
      if (l.mtldFullMilli <= l.mtldZeroMilli) {
        throw new io.airm.valuation.ValuationException(
            "\"" + r.key("mtldFullMilli") + "\" must exceed \"" + r.key("mtldZeroMilli") + "\"");
      }
      return l;
    }
  }

  /**
   * Reasoning connectives: phrases of lower-case words; {@code ...} between two words matches up to
   * {@code gapWords} intervening words ({@code "if ... then"}). The sub-score reaches 1,000,000 ppm
   * at {@code fullPerThousandWords} matches per 1,000 words, linearly below.
   */
  public record Reasoning(List<String> connectives, int gapWords, long fullPerThousandWords) {
    static Reasoning read(ParamReader r) {
      return new Reasoning(
          r.strings("connectives"),
          r.smallInt("gapWords", 0, 1_000),
          r.integer("fullPerThousandWords", 1, 1_000));
    }
  }

  /**
   * Quality gates in the spirit of Gopher (Rae et al. 2021) and C4 (Raffel et al. 2020). Ratios are
   * ppm of the prose (non-empty lines outside fenced code; words outside fenced code). A work that
   * fails any gate is capped at {@code failCapPpm}.
   */
  public record Gates(
      long minWords,
      long minMeanWordLengthMilli,
      long maxMeanWordLengthMilli,
      long maxSymbolToWordPpm,
      long maxEllipsisLinePpm,
      long maxBulletLinePpm,
      long maxDuplicateLinePpm,
      int duplicateNgramSize,
      long maxDuplicateNgramCharPpm,
      long maxTopBigramCharPpm,
      int maxRepeatedWordRun,
      long maxLoremIpsum,
      long maxCurlyBraceLinePpm,
      long maxJavascriptLinePpm,
      long failCapPpm) {
    static Gates read(ParamReader r) {
      Gates g =
          new Gates(
              r.integer("minWords", 0, 1_000_000_000),
              r.integer("minMeanWordLengthMilli", 0, 1_000_000),
              r.integer("maxMeanWordLengthMilli", 1, 1_000_000),
              r.integer("maxSymbolToWordPpm", 0, 1_000_000_000),
              r.integer("maxEllipsisLinePpm", 0, 1_000_000),
              r.integer("maxBulletLinePpm", 0, 1_000_000),
              r.integer("maxDuplicateLinePpm", 0, 1_000_000),
              r.smallInt("duplicateNgramSize", 2, 100),
              r.integer("maxDuplicateNgramCharPpm", 0, 1_000_000),
              r.integer("maxTopBigramCharPpm", 0, 1_000_000),
              r.smallInt("maxRepeatedWordRun", 1, 1_000_000),
              r.integer("maxLoremIpsum", 0, 1_000_000_000),
              r.integer("maxCurlyBraceLinePpm", 0, 1_000_000),
              r.integer("maxJavascriptLinePpm", 0, 1_000_000),
              r.integer("failCapPpm", 0, 1_000_000));
      if (g.maxMeanWordLengthMilli < g.minMeanWordLengthMilli) {
        throw new io.airm.valuation.ValuationException(
            "\""
                + r.key("maxMeanWordLengthMilli")
                + "\" must not be below \""
                + r.key("minMeanWordLengthMilli")
                + "\"");
      }
      return g;
    }
  }

  /** Reads and validates the {@code "depth"} object of the scoring model. */
  public static DepthParams fromJson(JsonNode node) {
    ParamReader r = new ParamReader(node, "depth");
    return new DepthParams(
        Weights.read(r.child("weights")),
        Structure.read(r.child("structure")),
        Lexical.read(r.child("lexical")),
        Reasoning.read(r.child("reasoning")),
        Gates.read(r.child("gates")));
  }

  /** The published defaults, as in {@link #DEFAULT_JSON}. */
  public static DepthParams defaults() {
    return fromJson(defaultJson());
  }

  /** The defaults as the JSON object to paste under {@code "depth"} in the scoring model. */
  public static ObjectNode defaultJson() {
    try {
      return (ObjectNode) CanonicalJson.MAPPER.readTree(DEFAULT_JSON);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The built-in depth defaults are not JSON", e);
    }
  }

  /** The published default parameters. */
  public static final String DEFAULT_JSON =
      """
      {
        "weights": {"structure": 350000, "lexical": 300000, "reasoning": 350000},
        "structure": {
          "sectionsCap": 8, "referencesCap": 15, "equationsCap": 8, "codeBlocksCap": 3,
          "sectionsWeight": 350000, "referencesWeight": 350000, "technicalWeight": 300000,
          "maxHeadingChars": 80,
          "referenceHeadings": ["references", "bibliography", "works cited",
            "literature cited", "cited works", "sources"],
          "mathLineMinSymbols": 2, "mathLineSymbolPpm": 150000
        },
        "lexical": {"mtldThresholdPpm": 720000, "mtldZeroMilli": 20000, "mtldFullMilli": 90000},
        "reasoning": {
          "connectives": ["because", "therefore", "thus", "hence", "however", "if ... then",
            "implies", "imply", "we show", "we prove", "proof", "consequently",
            "it follows", "as a result", "whereas", "in contrast", "since",
            "suppose", "assume", "conclude", "so that", "which means", "this means",
            "given that", "nevertheless", "moreover", "furthermore"],
          "gapWords": 12,
          "fullPerThousandWords": 15
        },
        "gates": {
          "minWords": 50,
          "minMeanWordLengthMilli": 3000, "maxMeanWordLengthMilli": 10000,
          "maxSymbolToWordPpm": 100000,
          "maxEllipsisLinePpm": 300000,
          "maxBulletLinePpm": 900000,
          "maxDuplicateLinePpm": 300000,
          "duplicateNgramSize": 5, "maxDuplicateNgramCharPpm": 150000,
          "maxTopBigramCharPpm": 200000,
          "maxRepeatedWordRun": 4,
          "maxLoremIpsum": 0,
          "maxCurlyBraceLinePpm": 100000,
          "maxJavascriptLinePpm": 200000,
          "failCapPpm": 100000
        }
      }
      """;
}
