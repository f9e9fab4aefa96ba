package io.airm.valuation.originality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores each work's originality against the works registered before it.
 *
 * <p>Works are taken in log order (log index, then work id). A text work is compared with the
 * earlier text works that banded LSH over its word-shingle MinHash proposes (at most {@code
 * maxCandidates}, those agreeing in most MinHash values first) and with every earlier text whose
 * Text-Code is within the near-copy threshold; each is compared exactly by shingle Jaccard and
 * Text-Code similarity. Its score is {@code 1,000,000 − the highest Jaccard (ppm)}; if any
 * candidate reaches {@code nearCopyJaccardPpm} or {@code nearCopyIsccPpm} the work is a near-copy
 * of the best such candidate and scores at most {@code nearCopyMaxScorePpm}. A binary work is
 * compared only by Data-Code with earlier binary works: within {@code nearCopyDataPpm} it is a
 * near-copy and scores {@code min(nearCopyMaxScorePpm, 1,000,000 − similarity)}, otherwise
 * 1,000,000 (two unrelated 64-bit codes agree in about half their bits, so a lower similarity says
 * nothing). Earlier works are never penalised for later copies.
 */
public final class OriginalityScorer {
  /** The factor's name in reports. */
  public static final String FACTOR = "originality";

  private static final long ONE = FactorScore.ONE;

  private static final Comparator<OriginalityInput> LOG_ORDER =
      Comparator.comparingLong(OriginalityInput::logIndex).thenComparing(OriginalityInput::workId);

  private final OriginalityParams params;
  private final ShingleSketcher sketcher;

  public OriginalityScorer(OriginalityParams params) {
    if (params == null) {
      throw new ValuationException("The originality scorer needs its parameters");
    }
    this.params = params;
    this.sketcher = new ShingleSketcher(params.shingleSize(), params.numHashes(), params.seed());
  }

  /**
   * Scores every work; the result is keyed by work id in log order and does not depend on the order
   * of {@code works}.
   *
   * @throws ValuationException if a work id appears twice
   */
  public Map<String, FactorScore> score(List<OriginalityInput> works) {
    List<OriginalityInput> ordered = new ArrayList<>(works);
    ordered.sort(LOG_ORDER);
    Set<String> seen = new HashSet<>();
    for (OriginalityInput w : ordered) {
      if (!seen.add(w.workId())) {
        throw new ValuationException("Work " + w.workId() + " is listed twice for originality");
      }
    }
    Run run = new Run(ordered);
    Map<String, FactorScore> out = new LinkedHashMap<>();
    for (int p = 0; p < ordered.size(); p++) {
      out.put(ordered.get(p).workId(), run.score(p));
    }
    return Collections.unmodifiableMap(out);
  }

  /** One scoring pass: the indexes of the works scored so far. */
  private final class Run {
    private final List<OriginalityInput> works;
    private final LshIndex lsh;
    private final BitBlockIndex textCodes;
    private final BitBlockIndex dataCodes;
    private final long[][] shingles;
    private final long[] digests; // 64-bit Text- or Data-Code body, by position
    private final int[] stamp;
    private int query;

    Run(List<OriginalityInput> works) {
      int n = works.size();
      this.works = works;
      this.lsh = new LshIndex(params.bands(), params.rows(), n);
      this.textCodes = new BitBlockIndex(params.maxIsccBitsDiffering(), n);
      this.dataCodes = new BitBlockIndex(params.maxDataBitsDiffering(), n);
      this.shingles = new long[n][];
      this.digests = new long[n];
      this.stamp = new int[n];
    }

    FactorScore score(int position) {
      OriginalityInput work = works.get(position);
      if (work.text().isPresent()) {
        return scoreText(position, work.text().get());
      }
      if (work.data().isPresent()) {
        return scoreData(position, work.data().get());
      }
      ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
      evidence.put("kind", "none");
      return FactorScore.notApplicable(
          FACTOR, evidence, "Originality does not apply: the work has neither text nor data.");
    }

    private FactorScore scoreText(int position, String text) {
      IsccTextCode code = IsccTextCode.of(text);
      ShingleSketcher.Sketch sketch = sketcher.sketch(text);
      long digest = code.digest64();
      long[] signature = sketch.signature();

      // Candidates: LSH hits ranked by MinHash agreement, capped; plus every Text-Code near-copy.
      query++;
      List<int[]> ranked = new ArrayList<>();
      if (sketch.words() > 0) {
        lsh.candidates(
            signature,
            p -> {
              if (stamp[p] != query) {
                stamp[p] = query;
                ranked.add(new int[] {p, agreement(lsh.signature(p), signature)});
              }
            });
      }
      ranked.sort(Comparator.<int[]>comparingInt(c -> -c[1]).thenComparingInt(c -> c[0]));
      List<Integer> examined = new ArrayList<>();
      for (int i = 0; i < Math.min(ranked.size(), params.maxCandidates()); i++) {
        examined.add(ranked.get(i)[0]);
      }
      query++;
      for (int p : examined) {
        stamp[p] = query;
      }
      textCodes.near(
          digest,
          p -> {
            if (stamp[p] != query) {
              stamp[p] = query;
              examined.add(p);
            }
          });

      Comparison best = null;
      long maxJaccard = 0;
      for (int p : examined) {
        long jaccard = ShingleSketcher.jaccardPpm(sketch.shingles(), shingles[p]);
        long iscc = IsccCodec.similarityPpm(digest, digests[p]);
        boolean nearCopy =
            jaccard >= params.nearCopyJaccardPpm() || iscc >= params.nearCopyIsccPpm();
        Comparison c = new Comparison(p, jaccard, iscc, nearCopy);
        maxJaccard = Math.max(maxJaccard, jaccard);
        if (best == null || c.betterThan(best)) {
          best = c;
        }
      }

      if (sketch.words() > 0) {
        lsh.add(position, signature); // a text without words has no shingles to share
      }
      textCodes.add(position, digest);
      shingles[position] = sketch.shingles();
      digests[position] = digest;

      long ppm = ONE - maxJaccard;
      boolean nearCopy = best != null && best.nearCopy;
      if (nearCopy) {
        ppm = Math.min(ppm, params.nearCopyMaxScorePpm());
      }
      ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
      evidence.put("kind", "text");
      evidence.put("isccCode", code.iscc());
      evidence.put("characters", code.characters());
      evidence.put("words", sketch.words());
      evidence.put("shingles", sketch.shingles().length);
      evidence.put("candidatesExamined", examined.size());
      evidence.put("jaccardPpm", best == null ? 0 : best.jaccard);
      evidence.put("isccSimilarityPpm", best == null ? 0 : best.iscc);
      evidence.put("nearCopy", nearCopy);
      if (best != null) {
        evidence.put("nearestEarlierWorkId", id(best.position));
      }
      if (nearCopy) {
        evidence.put("copyOf", id(best.position));
      }
      return new FactorScore(FACTOR, ppm, true, evidence, textSentence(best, ppm));
    }

    private FactorScore scoreData(int position, byte[] data) {
      IsccDataCode code = IsccDataCode.of(data);
      long digest = code.digest64();
      query++;
      List<Integer> examined = new ArrayList<>();
      dataCodes.near(
          digest,
          p -> {
            if (stamp[p] != query) {
              stamp[p] = query;
              examined.add(p);
            }
          });
      int best = -1;
      long bestSimilarity = 0;
      for (int p : examined) {
        long s = IsccCodec.similarityPpm(digest, digests[p]);
        if (s > bestSimilarity || (s == bestSimilarity && p < best)) {
          best = p;
          bestSimilarity = s;
        }
      }
      dataCodes.add(position, digest);
      digests[position] = digest;

      boolean nearCopy = best >= 0;
      long ppm = nearCopy ? Math.min(params.nearCopyMaxScorePpm(), ONE - bestSimilarity) : ONE;
      ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
      evidence.put("kind", "binary");
      evidence.put("textFactorsApplied", false);
      evidence.put("isccCode", code.iscc());
      evidence.put("bytes", data.length);
      evidence.put("candidatesExamined", examined.size());
      evidence.put("isccSimilarityPpm", bestSimilarity);
      evidence.put("nearCopy", nearCopy);
      String sentence;
      if (nearCopy) {
        evidence.put("nearestEarlierWorkId", id(best));
        evidence.put("copyOf", id(best));
        sentence =
            "Text factors did not apply to this binary work; its Data-Code is "
                + percent(bestSimilarity)
                + " alike to that of the earlier work "
                + id(best)
                + ", so it is a near-copy and scores "
                + percent(ppm)
                + ".";
      } else {
        sentence =
            "Text factors did not apply to this binary work, and no earlier binary work has a"
                + " Data-Code within the near-copy threshold, so it counts as fully original.";
      }
      return new FactorScore(FACTOR, ppm, true, evidence, sentence);
    }

    private String textSentence(Comparison best, long ppm) {
      if (best == null) {
        return "No earlier text is similar enough to be a candidate, so this text counts as fully"
            + " original.";
      }
      if (best.nearCopy) {
        return "This text is a near-copy of the earlier work "
            + id(best.position)
            + " ("
            + percent(best.jaccard)
            + " of word sequences shared, Text-Codes "
            + percent(best.iscc)
            + " alike), so it scores "
            + percent(ppm)
            + ".";
      }
      return "This text shares "
          + percent(best.jaccard)
          + " of its word sequences with the closest earlier work, "
          + id(best.position)
          + ", so it scores "
          + percent(ppm)
          + ".";
    }

    private String id(int position) {
      return works.get(position).workId();
    }
  }

  /** One exact comparison with an earlier work. */
  private record Comparison(int position, long jaccard, long iscc, boolean nearCopy) {
    // Near-copies first, then higher Jaccard, then higher Text-Code similarity, then earlier.
    boolean betterThan(Comparison o) {
      if (nearCopy != o.nearCopy) {
        return nearCopy;
      }
      if (jaccard != o.jaccard) {
        return jaccard > o.jaccard;
      }
      if (iscc != o.iscc) {
        return iscc > o.iscc;
      }
      return position < o.position;
    }
  }

  private static int agreement(long[] x, long[] y) {
    int equal = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        equal++;
      }
    }
    return equal;
  }

  // ppm as a percentage with one decimal, rounded down: 937500 → "93.7%".
  private static String percent(long ppm) {
    return ppm / 10_000 + "." + (ppm / 1_000) % 10 + "%";
  }

  @Override
  public String toString() {
    return "OriginalityScorer" + params;
  }
}
