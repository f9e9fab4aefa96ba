package io.airm.valuation.verifiability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.factor.FactorScore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifiabilityScorerTest {
  private final VerifiabilityScorer scorer =
      new VerifiabilityScorer(VerifiabilityParams.defaults());

  private static String resource(String name) {
    try (InputStream in =
        VerifiabilityScorerTest.class.getResourceAsStream("/io/airm/valuation/depth/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.textValue()));
    return out;
  }

  private FactorScore text(String text, long parents, boolean signed, boolean retrievable) {
    return scorer.score(new VerifiabilityInput(Optional.of(text), parents, signed, retrievable));
  }

  @Test
  void dissertation_listsItsValidCitationsSortedAndDeduplicated() {
    FactorScore score = text(resource("dissertation.md"), 0, false, false);
    JsonNode valid = score.evidence().get("valid");

    assertThat(strings(valid.get("doi")))
        .containsExactly(
            "10.1007/978-1-4020-2000-1_3",
            "10.14778/3342263.3342637",
            "10.1515/9781400881970-018",
            "10.48550/arxiv.1703.04730");
    assertThat(strings(valid.get("arxiv")))
        .containsExactly("1904.02868", "1908.08619", "hep-th/9802150");
    assertThat(strings(valid.get("isbn13"))).containsExactly("9780471241959", "9780534950972");
    assertThat(strings(valid.get("orcid"))).containsExactly("0000-0002-1825-0097");
    assertThat(score.evidence().get("malformed").get("doi").asInt()).isZero();
  }

  @Test
  void dissertation_scoresClearlyAboveSocialPostAndSpam_underTheSameRecord() {
    long dissertation = text(resource("dissertation.md"), 1, true, true).ppm();
    long post = text(resource("social-post.txt"), 1, true, true).ppm();
    long spam = text(resource("spam.txt"), 1, true, true).ppm();

    assertThat(dissertation).isGreaterThan(post + 200_000);
    assertThat(dissertation).isGreaterThan(spam + 200_000);
  }

  @Test
  void malformedIdentifiers_costAPenalty() {
    long clean = text("doi:10.1000/182", 0, true, true).ppm();
    long sloppy = text("doi:10.1000/182 doi:10.12/x ISBN 978-0-306-40615-8", 0, true, true).ppm();

    assertThat(clean - sloppy).isEqualTo(2 * VerifiabilityParams.defaults().malformedPenaltyPpm());
  }

  @Test
  void binaryWork_isScoredOnSignatureRetrievabilityAndParentsOnly() {
    FactorScore score = scorer.score(new VerifiabilityInput(Optional.empty(), 3, true, true));

    assertThat(score.applicable()).isTrue();
    assertThat(strings(score.evidence().get("partsApplied")))
        .containsExactly("registeredParents", "signed", "retrievable");
    assertThat(score.ppm()).isEqualTo(1_000_000);
    assertThat(scorer.score(new VerifiabilityInput(Optional.empty(), 0, false, false)).ppm())
        .isZero();
  }

  @Test
  void counts_saturateAtTheirCap() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      many.append("doi:10.1000/").append(i).append(' ');
    }
    long ten = text(many.substring(0, many.indexOf("doi:10.1000/10 ")), 0, false, false).ppm();

    assertThat(text(many.toString(), 0, false, false).ppm()).isEqualTo(ten);
  }

  @Test
  void params_rejectWeightsThatDoNotAddUp() {
    ObjectNode json = VerifiabilityParams.defaultJson();
    json.put("signedWeight", 0);

    assertThatThrownBy(() -> VerifiabilityParams.fromJson(json))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("verifiability");
  }

  @Test
  void params_nameAMissingNestedKey() {
    ObjectNode json = VerifiabilityParams.defaultJson();
    ((ObjectNode) json.get("arxiv")).remove("cap");

    assertThatThrownBy(() -> VerifiabilityParams.fromJson(json))
        .hasMessageContaining("verifiability.arxiv.cap");
  }
}
