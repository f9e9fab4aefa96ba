package io.airm.valuation.factor;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One quality factor of one work: a score in parts per million, whether the factor applied to the
 * work at all (a photograph has no lexical diversity), the evidence behind the score, and a
 * sentence a creator can read.
 *
 * @param factor the factor's name ({@code originality}, {@code depth}, …)
 * @param ppm the score, 0 to 1,000,000; 0 when the factor does not apply
 * @param applicable whether the factor applies to this kind of work
 * @param evidence what the score rests on; integers, strings, booleans, arrays, objects only
 * @param explanation a plain-language sentence for the report
 */
public record FactorScore(
    String factor, long ppm, boolean applicable, ObjectNode evidence, String explanation) {
  /** The top of the ppm scale. */
  public static final long ONE = 1_000_000L;

  public FactorScore {
    if (factor == null || factor.isBlank()) {
      throw new IllegalArgumentException("A factor score needs the factor's name");
    }
    if (ppm < 0 || ppm > ONE) {
      throw new IllegalArgumentException(factor + " score must be 0..1000000 ppm, not " + ppm);
    }
    if (!applicable && ppm != 0) {
      throw new IllegalArgumentException(factor + " does not apply, so its score must be 0");
    }
    if (evidence == null || explanation == null) {
      throw new IllegalArgumentException(factor + " score needs evidence and an explanation");
    }
  }

  /** A factor that does not apply to this kind of work. */
  public static FactorScore notApplicable(String factor, ObjectNode evidence, String why) {
    return new FactorScore(factor, 0, false, evidence, why);
  }

  /** Clamps a computed value into the ppm range. */
  public static long clamp(long ppm) {
    return Math.max(0, Math.min(ONE, ppm));
  }
}
