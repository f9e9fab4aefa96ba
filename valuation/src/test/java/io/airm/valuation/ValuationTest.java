package io.airm.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ScoringModel;
import io.airm.valuation.report.ValuationReport;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example input, valued end to end: determinism, sums, and what the scheme rewards. */
class ValuationTest {
  private static ObjectNode document;
  private static ScoringModel model;
  private static ValuationReport report;

  @BeforeAll
  static void valueTheExample() throws Exception {
    document =
        (ObjectNode)
            CanonicalJson.MAPPER.readTree(Files.readAllBytes(Path.of("examples/input.json")));
    model = ScoringModel.read(Path.of("examples/model.json"));
    report = Valuation.run(ValuationInput.parse(document), model, 2, "examples/input.json");
  }

  private static JsonNode work(int logIndex) {
    for (JsonNode w : report.json().get("works")) {
      if (w.get("logIndex").asInt() == logIndex) {
        return w;
      }
    }
    throw new AssertionError("no work " + logIndex);
  }

  private static BigInteger amount(JsonNode work, String field) {
    return new BigInteger(work.get(field).asText());
  }

  @Test
  void sameInputs_giveByteIdenticalReports_forAnyThreadCountOrderOrRun() {
    byte[] expected = report.bytes();
    ObjectNode shuffled = document.deepCopy();
    List<JsonNode> works = new ArrayList<>();
    shuffled.get("works").forEach(works::add);
    Collections.shuffle(works, new Random(3));
    ((ArrayNode) shuffled.get("works")).removeAll().addAll(works);
    List<JsonNode> probes = new ArrayList<>();
    shuffled.get("influence").get("probes").forEach(probes::add);
    Collections.shuffle(probes, new Random(4));
    ((ArrayNode) shuffled.get("influence").get("probes")).removeAll().addAll(probes);

    assertThat(
            Valuation.run(ValuationInput.parse(document), model, 1, "examples/input.json").bytes())
        .isEqualTo(expected);
    assertThat(
            Valuation.run(ValuationInput.parse(shuffled), model, 2, "examples/input.json").bytes())
        .isEqualTo(expected);
    assertThat(
            Valuation.run(ValuationInput.parse(document), model, 2, "examples/input.json").bytes())
        .isEqualTo(expected);
  }

  @Test
  void amounts_sumExactlyToThePool_inWorksLeavesAndTheTokenCountContrast() {
    BigInteger pool = new BigInteger(document.get("pool").get("amountWei").asText());
    BigInteger works = BigInteger.ZERO;
    BigInteger tokens = BigInteger.ZERO;
    for (JsonNode w : report.json().get("works")) {
      works = works.add(amount(w, "amountWei"));
      tokens = tokens.add(amount(w, "tokenCountAmountWei"));
    }
    BigInteger leaves = BigInteger.ZERO;
    for (JsonNode leaf : report.json().get("allocation").get("leaves")) {
      leaves = leaves.add(amount(leaf, "amountWei"));
    }
    assertThat(works).isEqualTo(pool);
    assertThat(tokens).isEqualTo(pool);
    assertThat(leaves).isEqualTo(pool);
  }

  @Test
  void theDissertation_outranksAPileOfPostsOfTheSameLength_andItsLaterNearCopyGetsLittle() {
    JsonNode dissertation = work(0);
    BigInteger posts = BigInteger.ZERO;
    BigInteger postsByTokens = BigInteger.ZERO;
    long postTokens = 0;
    JsonNode copy = null;
    for (JsonNode w : report.json().get("works")) {
      String text = w.get("kind").asText();
      int index = w.get("logIndex").asInt();
      if (index >= 6 && index < 42 && text.equals("text")) {
        posts = posts.add(amount(w, "amountWei"));
        postsByTokens = postsByTokens.add(amount(w, "tokenCountAmountWei"));
        postTokens += w.get("tokenCount").asLong();
      }
      if (w.path("factors").path("originality").path("evidence").has("copyOf")) {
        copy = w;
      }
    }
    // about the same number of tokens…
    assertThat(postTokens)
        .isBetween(
            dissertation.get("tokenCount").asLong() * 8 / 10,
            dissertation.get("tokenCount").asLong() * 12 / 10);
    // …but the dissertation alone earns more than all the posts together
    assertThat(amount(dissertation, "amountWei")).isGreaterThan(posts);
    // where a token count pays them about the same (within 20%)
    BigInteger byTokens = amount(dissertation, "tokenCountAmountWei");
    assertThat(postsByTokens.multiply(BigInteger.valueOf(10)))
        .isBetween(
            byTokens.multiply(BigInteger.valueOf(8)), byTokens.multiply(BigInteger.valueOf(12)));
    assertThat(copy).as("the near-copy is flagged").isNotNull();
    assertThat(copy.get("factors").get("originality").get("evidence").get("copyOf").asText())
        .isEqualTo(dissertation.get("workId").asText());
    assertThat(amount(copy, "amountWei").multiply(BigInteger.TEN))
        .isLessThan(amount(dissertation, "amountWei"));
    assertThat(dissertation.get("factors").get("originality").get("ppm").asLong())
        .isGreaterThan(copy.get("factors").get("originality").get("ppm").asLong());
  }

  @Test
  void everyScoreNamesTheModelThatProducedIt() {
    assertThat(report.json().get("model").get("version").asText()).isEqualTo(model.version());
    assertThat(report.json().get("model").get("sha256").asText()).isEqualTo(model.sha256());
    assertThat(CanonicalJson.sha256(report.json().get("model").get("document")))
        .isEqualTo(model.sha256());
  }
}
