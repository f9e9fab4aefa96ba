package io.airm.valuation.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepthScorerTest {
  private final DepthScorer scorer = new DepthScorer(DepthParams.defaults());

  static String resource(String name) {
    try (InputStream in =
        DepthScorerTest.class.getResourceAsStream("/io/airm/valuation/depth/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> failedGates(FactorScore score) {
    List<String> out = new ArrayList<>();
    score.evidence().get("failedGates").forEach(n -> out.add(n.textValue()));
    return out;
  }

  @Test
  void dissertation_passesEveryGateAndFindsItsStructure() {
    FactorScore score = scorer.score(resource("dissertation.md"));

    assertThat(failedGates(score)).isEmpty();
    JsonNode e = score.evidence();
    assertThat(e.get("sections").asInt()).isGreaterThanOrEqualTo(8);
    assertThat(e.get("references").asInt()).isEqualTo(8);
    assertThat(e.get("equations").asInt()).isGreaterThanOrEqualTo(5);
    assertThat(e.get("codeBlocks").asInt()).isEqualTo(1);
    assertThat(e.get("connectives").asInt()).isGreaterThan(15);
    assertThat(score.ppm()).isGreaterThan(600_000);
  }

  @Test
  void dissertation_scoresClearlyAboveSocialPostAndSpam() {
    long dissertation = scorer.score(resource("dissertation.md")).ppm();
    FactorScore post = scorer.score(resource("social-post.txt"));
    FactorScore spam = scorer.score(resource("spam.txt"));

    assertThat(dissertation).isGreaterThan(post.ppm() + 300_000);
    assertThat(dissertation).isGreaterThan(spam.ppm() + 300_000);
    assertThat(failedGates(post)).contains("tooFewWords");
  }

  @Test
  void spamBoilerplate_failsItsGatesAndIsCapped() {
    FactorScore spam = scorer.score(resource("spam.txt"));

    assertThat(failedGates(spam))
        .contains(
            "duplicateLines",
            "duplicateNgrams",
            "loremIpsum",
            "javascriptLines",
            "curlyBraceLines",
            "ellipsisLines");
    assertThat(spam.ppm()).isLessThanOrEqualTo(DepthParams.defaults().gates().failCapPpm());
    assertThat(spam.explanation()).contains("Failed quality gates");
  }

  @Test
  void repeatedWordSpam_failsTheRunAndBigramGates() {
    String text = "cheap pills ".repeat(60) + "buy buy buy buy buy buy now";

    assertThat(failedGates(scorer.score(text))).contains("topBigram", "repeatedWordRun");
  }

  @Test
  void mtld_followsMcCarthyAndJarvisOnAHandWorkedSequence() {
    // forward: the(1/1) cat(2/2) the(2/3 ≤ .72 → factor 1) cat(remainder TTR 1 → +0): 4/1 = 4
    // backward is the mirror image, also 4: MTLD = 4.000
    FactorScore score = scorer.score("The cat, the cat.");

    assertThat(score.evidence().get("mtldMilli").asLong()).isEqualTo(4000);
  }

  @Test
  void mtld_countsThePartialFactorExactly() {
    // a b a | c : forward a(1/1) b(2/2) a(2/3 → factor) c(1/1, partial 0) → 4/1
    // backward c a b a: c(1) a(2/2) b(3/3) a(3/4 = .75, partial (1-.75)/.28 = 25/28) → 4/(25/28)
    // mean = (4 + 4.48) / 2 = 4.24 → 4240
    FactorScore score = scorer.score("a b a c");

    assertThat(score.evidence().get("mtldMilli").asLong()).isEqualTo(4240);
  }

  @Test
  void ifThenConnective_matchesAcrossAGapButNotBeyondIt() {
    DepthScorer s = new DepthScorer(DepthParams.defaults());
    String near = "if the premise holds then the claim follows";
    String far = "if " + "word ".repeat(20) + "then";

    assertThat(s.score(near).evidence().get("connectives").asInt()).isEqualTo(1);
    assertThat(s.score(far).evidence().get("connectives").asInt()).isZero();
  }

  @Test
  void evidence_holdsNoFloatingPointAndSerialisesCanonically() {
    FactorScore score = scorer.score(resource("dissertation.md"));

    assertThat(CanonicalJson.write(score.evidence())).doesNotContain(".0,");
  }

  @Test
  void nonTextWork_isNotApplicable() {
    FactorScore score = scorer.notText("image/png");

    assertThat(score.applicable()).isFalse();
    assertThat(score.ppm()).isZero();
    assertThat(scorer.score(null).applicable()).isFalse();
  }

  @Test
  void params_rejectAMissingKeyByName() {
    ObjectNode json = DepthParams.defaultJson();
    ((ObjectNode) json.get("gates")).remove("minWords");

    assertThatThrownBy(() -> DepthParams.fromJson(json))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("depth.gates.minWords");
  }

  @Test
  void params_rejectWeightsThatDoNotAddUp() {
    ObjectNode json = DepthParams.defaultJson();
    ((ObjectNode) json.get("weights")).put("lexical", 1);

    assertThatThrownBy(() -> DepthParams.fromJson(json))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("depth.weights");
  }

  @Test
  void params_rejectAFractionalThreshold() {
    ObjectNode json = DepthParams.defaultJson();
    ((ObjectNode) json.get("lexical")).put("mtldThresholdPpm", 0.72);

    assertThatThrownBy(() -> DepthParams.fromJson(json))
        .hasMessageContaining("depth.lexical.mtldThresholdPpm");
  }
}
