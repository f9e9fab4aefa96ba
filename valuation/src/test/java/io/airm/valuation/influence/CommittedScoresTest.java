package io.airm.valuation.influence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.json.CanonicalJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommittedScoresTest {
  private static final String HASH = "0x" + "ab".repeat(32);
  private static final CommittedScores.Params PARAMS =
      new CommittedScores.Params(Map.of("trak", true, "tracin", false), false);

  @Test
  void normalise_floorsAndGivesLeftoversByLargestRemainderThenId() throws Exception {
    // three equal scores: 333,333 each, one part left over, goes to the lowest id
    CommittedScores.Result result =
        CommittedScores.normalise(
            PARAMS,
            submission(
                "trak",
                "[{\"work\":\"0c\",\"score\":1},{\"work\":\"0a\",\"score\":\"1.0\"},{\"work\":\"0b\",\"score\":1}]"),
            List.of("0b", "0a", "0c"));
    assertThat(result.shares())
        .extracting(CommittedScores.Share::ppm)
        .containsExactly(333_334L, 333_333L, 333_333L);
    assertThat(result.shares())
        .extracting(CommittedScores.Share::workId)
        .containsExactly("0a", "0b", "0c");
  }

  @Test
  void normalise_countsAllowedNegativesAsZeroAndDefaultsMissingWorks() throws Exception {
    CommittedScores.Result result =
        CommittedScores.normalise(
            PARAMS,
            submission(
                "trak",
                "[{\"work\":\"0a\",\"score\":\"-5\"},{\"work\":\"0b\",\"score\":\"0.25\"},{\"work\":\"0c\",\"score\":\"0.5\"}]"),
            List.of("0a", "0b", "0c", "0d"));
    assertThat(result.shares())
        .extracting(CommittedScores.Share::ppm)
        .containsExactly(0L, 333_333L, 666_667L, 0L);
    assertThat(result.defaulted()).containsExactly("0d");
    assertThat(CanonicalJson.write(result.toJson()))
        .contains("\"score\":\"-5\"")
        .contains("\"total\":\"0.75\"");
  }

  @Test
  void normalise_rejectsNegativeWhenTheMethodDoesNotAllowIt() throws Exception {
    assertThatThrownBy(
            () ->
                CommittedScores.normalise(
                    PARAMS,
                    submission("tracin", "[{\"work\":\"0a\",\"score\":-1}]"),
                    List.of("0a")))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("tracin does not allow negative scores, but work 0a has -1");
  }

  @Test
  void normalise_rejectsUnknownWorkDuplicateAndUnacceptedMethod() throws Exception {
    assertThatThrownBy(
            () ->
                CommittedScores.normalise(
                    PARAMS, submission("trak", "[{\"work\":\"0z\",\"score\":1}]"), List.of("0a")))
        .hasMessageContaining("unknown work 0z");
    assertThatThrownBy(
            () ->
                CommittedScores.normalise(
                    PARAMS,
                    submission(
                        "trak", "[{\"work\":\"0a\",\"score\":1},{\"work\":\"0a\",\"score\":2}]"),
                    List.of("0a")))
        .hasMessageContaining("0a is scored twice");
    assertThatThrownBy(
            () -> CommittedScores.normalise(PARAMS, submission("lds", "[]"), List.of("0a")))
        .hasMessageContaining("Method lds is not accepted");
  }

  @Test
  void normalise_whenEveryWorkRequired_rejectsMissingScore() throws Exception {
    CommittedScores.Params strict = new CommittedScores.Params(Map.of("trak", true), true);
    assertThatThrownBy(
            () ->
                CommittedScores.normalise(
                    strict,
                    submission("trak", "[{\"work\":\"0a\",\"score\":1}]"),
                    List.of("0a", "0b")))
        .hasMessageContaining("Work 0b has no committed score");
  }

  @Test
  void submission_rejectsFloatingPointScoreAndBadHash() {
    assertThatThrownBy(() -> submission("trak", "[{\"work\":\"0a\",\"score\":0.5}]"))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("scores[0].score must be an integer or a decimal string");
    assertThatThrownBy(() -> new CommittedScores.Submission("trak", "0xAB", List.of()))
        .hasMessageContaining("evidenceSha256 must be 0x and 64 lower-case hex digits");
  }

  @Test
  void params_fromJson_readsMethodsAndRejectsMissingFlag() throws Exception {
    JsonNode good =
        CanonicalJson.MAPPER.readTree(
            "{\"methods\":{\"trak\":{\"allowNegative\":true}},\"requireEveryWork\":false}");
    assertThat(CommittedScores.Params.fromJson(good).allowNegative()).containsEntry("trak", true);
    JsonNode bad =
        CanonicalJson.MAPPER.readTree("{\"methods\":{\"trak\":{}},\"requireEveryWork\":false}");
    assertThatThrownBy(() -> CommittedScores.Params.fromJson(bad))
        .hasMessageContaining("influence.committed.methods.trak.allowNegative");
  }

  private static CommittedScores.Submission submission(String method, String scores)
      throws Exception {
    return CommittedScores.Submission.fromJson(
        CanonicalJson.MAPPER.readTree(
            "{\"method\":\""
                + method
                + "\",\"evidenceSha256\":\""
                + HASH
                + "\",\"scores\":"
                + scores
                + "}"));
  }
}
