package io.airm.valuation.originality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.valuation.ValuationException;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OriginalityScorerTest {
  private static final OriginalityParams PARAMS = OriginalityParams.defaults();
  private static final String ORIGINAL = SyntheticTexts.text(1, 3_000);

  private final OriginalityScorer scorer = new OriginalityScorer(PARAMS);

  @Test
  void laterNearCopyIsFlaggedWithTheOriginalsIdAndTheOriginalIsNotPenalised() {
    String copy = SyntheticTexts.withWordsChanged(ORIGINAL, 8);

    Map<String, FactorScore> scores =
        scorer.score(
            List.of(
                OriginalityInput.text("0b", 20, copy), OriginalityInput.text("0a", 10, ORIGINAL)));

    FactorScore original = scores.get("0a");
    FactorScore later = scores.get("0b");
    assertThat(original.ppm()).isEqualTo(1_000_000);
    assertThat(original.evidence().get("nearCopy").booleanValue()).isFalse();
    assertThat(original.evidence().has("copyOf")).isFalse();
    assertThat(later.evidence().get("copyOf").textValue()).isEqualTo("0a");
    assertThat(later.evidence().get("nearCopy").booleanValue()).isTrue();
    assertThat(later.evidence().get("jaccardPpm").longValue())
        .isGreaterThanOrEqualTo(PARAMS.nearCopyJaccardPpm());
    assertThat(later.ppm()).isLessThanOrEqualTo(PARAMS.nearCopyMaxScorePpm());
    assertThat(later.explanation()).contains("near-copy of the earlier work 0a");
  }

  @Test
  void equalLogIndexesAreOrderedByWorkId() {
    Map<String, FactorScore> scores =
        scorer.score(
            List.of(
                OriginalityInput.text("bb", 7, ORIGINAL),
                OriginalityInput.text("aa", 7, ORIGINAL)));

    assertThat(scores.get("aa").ppm()).isEqualTo(1_000_000);
    assertThat(scores.get("bb").ppm()).isZero();
    assertThat(scores.get("bb").evidence().get("copyOf").textValue()).isEqualTo("aa");
  }

  @Test
  void unrelatedTextsAllScoreHigh() {
    List<OriginalityInput> works = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      works.add(
          OriginalityInput.text(String.format("%02x", i), i, SyntheticTexts.text(100 + i, 800)));
    }

    Map<String, FactorScore> scores = scorer.score(works);

    assertThat(scores.values())
        .allSatisfy(
            s -> {
              assertThat(s.ppm()).isGreaterThanOrEqualTo(900_000);
              assertThat(s.evidence().get("nearCopy").booleanValue()).isFalse();
            });
  }

  @Test
  void shuffledInputGivesIdenticalResults() {
    List<OriginalityInput> works = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String text = SyntheticTexts.text(200 + i % 5, 600);
      works.add(
          OriginalityInput.text(
              String.format("%02x", i),
              i / 2,
              i < 5 ? text : SyntheticTexts.withWordsChanged(text, i)));
    }
    works.add(OriginalityInput.data("ff", 3, new byte[] {1, 2, 3}));
    Map<String, FactorScore> expected = scorer.score(works);

    List<OriginalityInput> shuffled = new ArrayList<>(works);
    Collections.shuffle(shuffled, new Random(99));
    Map<String, FactorScore> actual = scorer.score(shuffled);

    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (String id : expected.keySet()) {
      assertThat(CanonicalJson.write(actual.get(id).evidence()))
          .isEqualTo(CanonicalJson.write(expected.get(id).evidence()));
      assertThat(actual.get(id)).isEqualTo(expected.get(id));
    }
    assertThat(expected.values().stream().filter(s -> s.evidence().has("copyOf"))).hasSize(7);
  }

  @Test
  void binaryNearCopyIsFoundByDataCodeAndSaysTextFactorsDidNotApply() {
    byte[] data = new byte[100_000];
    new Random(5).nextBytes(data);
    byte[] edited = data.clone();
    edited[50_000] ^= 0x55;
    byte[] other = new byte[100_000];
    new Random(6).nextBytes(other);

    Map<String, FactorScore> scores =
        scorer.score(
            List.of(
                OriginalityInput.data("c1", 1, data),
                OriginalityInput.data("c2", 2, edited),
                OriginalityInput.data("c3", 3, other)));

    assertThat(scores.get("c1").ppm()).isEqualTo(1_000_000);
    assertThat(scores.get("c3").ppm()).isEqualTo(1_000_000);
    FactorScore copy = scores.get("c2");
    assertThat(copy.evidence().get("copyOf").textValue()).isEqualTo("c1");
    assertThat(copy.evidence().get("textFactorsApplied").booleanValue()).isFalse();
    assertThat(copy.evidence().has("jaccardPpm")).isFalse();
    assertThat(copy.ppm()).isLessThanOrEqualTo(PARAMS.nearCopyMaxScorePpm());
    assertThat(copy.explanation()).startsWith("Text factors did not apply");
  }

  @Test
  void textIsNeverComparedWithBinaryWorks() {
    byte[] bytes = ORIGINAL.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    Map<String, FactorScore> scores =
        scorer.score(
            List.of(
                OriginalityInput.data("d1", 1, bytes), OriginalityInput.text("d2", 2, ORIGINAL)));

    assertThat(scores.get("d2").ppm()).isEqualTo(1_000_000);
  }

  @Test
  void evidenceHoldsNoFloatingPointAndSerialisesCanonically() {
    Map<String, FactorScore> scores =
        scorer.score(
            List.of(
                OriginalityInput.text("e1", 1, ORIGINAL),
                OriginalityInput.text("e2", 2, SyntheticTexts.withWordsChanged(ORIGINAL, 3))));

    String json = CanonicalJson.write(scores.get("e2").evidence());

    assertThat(json)
        .startsWith("{\"candidatesExamined\":1,")
        .contains("\"copyOf\":\"e1\"")
        .contains("\"isccCode\":\"ISCC:EAA")
        .contains("\"nearestEarlierWorkId\":\"e1\"");
  }

  @Test
  void workWithNeitherTextNorDataIsNotApplicable() {
    FactorScore s =
        scorer
            .score(
                List.of(
                    new OriginalityInput(
                        "f1", 1, java.util.Optional.empty(), java.util.Optional.empty())))
            .get("f1");

    assertThat(s.applicable()).isFalse();
    assertThat(s.ppm()).isZero();
  }

  @Test
  void duplicateWorkIdIsRefused() {
    assertThatThrownBy(
            () ->
                scorer.score(
                    List.of(
                        OriginalityInput.text("aa", 1, "x"), OriginalityInput.text("aa", 2, "y"))))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("aa");
  }
}
