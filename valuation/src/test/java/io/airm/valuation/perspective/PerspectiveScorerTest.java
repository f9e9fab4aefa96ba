package io.airm.valuation.perspective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.valuation.ValuationException;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerspectiveScorerTest {
  private static final int DIM = 64;
  private final PerspectiveScorer scorer = new PerspectiveScorer(PerspectiveParams.defaults());

  /** A cluster of similar embeddings around a centre, as a corpus on one topic would be. */
  private static List<PerspectiveInput> cluster(int count, long seed) {
    Random random = new Random(seed);
    byte[] centre = new byte[DIM];
    for (int d = 0; d < DIM; d++) {
      centre[d] = (byte) (random.nextInt(41) - 20);
    }
    List<PerspectiveInput> works = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] v = new byte[DIM];
      for (int d = 0; d < DIM; d++) {
        v[d] = (byte) (centre[d] + random.nextInt(21) - 10);
      }
      works.add(embedded(String.format("%04d", i), i, v));
    }
    return works;
  }

  private static PerspectiveInput embedded(String id, long index, byte[] v) {
    return new PerspectiveInput(id, index, Optional.of(v), Optional.empty());
  }

  private static PerspectiveInput text(String id, long index, String text) {
    return new PerspectiveInput(id, index, Optional.empty(), Optional.of(text));
  }

  @Test
  void nearDuplicateOfAnEarlierWork_scoresLow() {
    List<PerspectiveInput> works = cluster(30, 1);
    byte[] copy = works.get(3).embedding().get().clone();
    copy[0] += 1;
    works.add(embedded("dupe", 100, copy));

    FactorScore dupe = scorer.score(works).get("dupe");

    assertThat(dupe.evidence().get("nearest").get(0).get("workId").textValue()).isEqualTo("0003");
    assertThat(dupe.evidence().get("nearest").get(0).get("squaredDistance").asLong()).isEqualTo(1);
    assertThat(dupe.ppm()).isLessThan(300_000);
  }

  @Test
  void outlier_scoresHigh() {
    List<PerspectiveInput> works = cluster(30, 2);
    byte[] far = new byte[DIM];
    for (int d = 0; d < DIM; d++) {
      far[d] = (byte) (d % 2 == 0 ? 110 : -110);
    }
    works.add(embedded("outlier", 100, far));

    Map<String, FactorScore> scores = scorer.score(works);

    assertThat(scores.get("outlier").ppm()).isGreaterThan(900_000);
    assertThat(scores.get("outlier").ppm()).isGreaterThan(scores.get("0029").ppm() + 300_000);
  }

  @Test
  void firstWork_hasNothingEarlierAndScoresFull() {
    Map<String, FactorScore> scores = scorer.score(cluster(3, 3));

    assertThat(scores.get("0000").ppm()).isEqualTo(1_000_000);
  }

  @Test
  void onlyEarlierWorksCount_soTheOriginalKeepsItsScoreWhenCopied() {
    List<PerspectiveInput> works = cluster(10, 4);
    long before = scorer.score(works).get("0005").ppm();
    works.add(embedded("later-copy", 50, works.get(5).embedding().get()));

    assertThat(scorer.score(works).get("0005").ppm()).isEqualTo(before);
    assertThat(scorer.score(works).get("later-copy").evidence().get("knnDistance").asLong())
        .isLessThan(before);
  }

  @Test
  void sameLogIndex_isOrderedByWorkId() {
    byte[] v = new byte[DIM];
    List<PerspectiveInput> works = List.of(embedded("bb", 7, v), embedded("aa", 7, v));

    Map<String, FactorScore> scores = scorer.score(works);

    assertThat(scores.get("aa").ppm()).isEqualTo(1_000_000);
    assertThat(scores.get("bb").ppm()).isZero();
  }

  @Test
  void inputOrder_doesNotChangeAnyScore() {
    List<PerspectiveInput> works = cluster(40, 5);
    works.add(text("t1", 3, "the quick brown fox jumps over the lazy dog again and again"));
    works.add(text("t2", 9, "the quick brown fox jumps over the lazy cat for a change"));
    Map<String, FactorScore> reference = scorer.score(works);

    for (long seed = 0; seed < 5; seed++) {
      List<PerspectiveInput> shuffled = new ArrayList<>(works);
      Collections.shuffle(shuffled, new Random(seed));
      Map<String, FactorScore> again = scorer.score(shuffled);
      for (String id : reference.keySet()) {
        assertThat(again.get(id).ppm()).isEqualTo(reference.get(id).ppm());
        assertThat(CanonicalJson.write(again.get(id).evidence()))
            .isEqualTo(CanonicalJson.write(reference.get(id).evidence()));
      }
    }
  }

  @Test
  void centroid_usesFloorDivisionTowardNegativeInfinity() {
    byte[] a = new byte[DIM];
    byte[] b = new byte[DIM];
    a[0] = -1; // centroid of {-1, 0} is floor(-1/2) = -1, not 0
    PerspectiveInput third = embedded("c", 3, new byte[DIM]);

    FactorScore score =
        scorer.score(List.of(embedded("a", 1, a), embedded("b", 2, b), third)).get("c");

    assertThat(score.evidence().get("centroidDistance").asLong()).isEqualTo(1);
  }

  @Test
  void textWithoutEmbedding_copiedFromAnEarlierText_scoresLow() {
    String original =
        "Valuing contributions instead of tokens is feasible, auditable and cheap. Future work"
            + " should study strategic behaviour, for example creators who split one essay into"
            + " many fragments in order to harvest neighbours, and registries that reward volume.";
    String fresh =
        "A lighthouse keeper logs the passing ships each night, noting flags, hull colours and"
            + " the hour, so that insurers can later reconstruct collisions from his ledgers.";

    Map<String, FactorScore> scores =
        scorer.score(
            List.of(
                text("a", 1, original), text("b", 2, original + " Thanks!"), text("c", 3, fresh)));

    assertThat(scores.get("a").ppm()).isEqualTo(1_000_000);
    assertThat(scores.get("b").ppm()).isLessThan(300_000);
    assertThat(scores.get("c").ppm()).isEqualTo(1_000_000);
    assertThat(scores.get("b").evidence().get("mode").textValue()).isEqualTo("shingles");
  }

  @Test
  void shingleHash_isFnv1a64OfTheSpaceJoinedLowerCaseWords() {
    PerspectiveParams keepAll =
        PerspectiveParams.fromJson(
            PerspectiveParams.defaultJson().put("shingleSampleModulus", 1).put("shingleWords", 2));
    long[] hashes = new PerspectiveScorer(keepAll).shingles("Hello, World");

    // FNV-1a 64 of the bytes "hello world"
    assertThat(hashes).containsExactly(0x779a65e7023cd2e7L);
  }

  @Test
  void workWithNeitherEmbeddingNorWords_isNotApplicable() {
    FactorScore score =
        scorer
            .score(List.of(new PerspectiveInput("x", 1, Optional.empty(), Optional.of("—"))))
            .get("x");

    assertThat(score.applicable()).isFalse();
  }

  @Test
  void mixedDimensions_areRefusedNamingTheWork() {
    List<PerspectiveInput> works =
        List.of(embedded("a", 1, new byte[4]), embedded("b", 2, new byte[5]));

    assertThatThrownBy(() -> scorer.score(works))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("Work b");
  }

  @Test
  void params_nameAMissingKey() {
    var json = PerspectiveParams.defaultJson();
    json.remove("k");

    assertThatThrownBy(() -> PerspectiveParams.fromJson(json))
        .hasMessageContaining("perspective.k");
  }
}
