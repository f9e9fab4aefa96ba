package io.airm.valuation;

import io.airm.valuation.depth.DepthParams;
import io.airm.valuation.depth.DepthScorer;
import io.airm.valuation.expertise.ExpertiseInput;
import io.airm.valuation.expertise.ExpertiseParams;
import io.airm.valuation.expertise.ExpertiseScorer;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.input.WorkInput;
import io.airm.valuation.model.ScoringModel;
import io.airm.valuation.originality.OriginalityInput;
import io.airm.valuation.originality.OriginalityParams;
import io.airm.valuation.originality.OriginalityScorer;
import io.airm.valuation.perspective.PerspectiveInput;
import io.airm.valuation.perspective.PerspectiveParams;
import io.airm.valuation.perspective.PerspectiveScorer;
import io.airm.valuation.verifiability.VerifiabilityInput;
import io.airm.valuation.verifiability.VerifiabilityParams;
import io.airm.valuation.verifiability.VerifiabilityScorer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * The five quality factors of every work, with the model's parameters. Originality and perspective
 * compare each work with earlier ones, so they run over the whole batch; depth, verifiability and
 * expertise look at one work at a time and run in parallel. The result never depends on the thread
 * count: every score is a pure function of its inputs.
 */
public final class QualityFactors {
  private QualityFactors() {}

  /** Work id → factor name → score. */
  public static Map<String, Map<String, FactorScore>> score(
      ValuationInput input, ScoringModel model, int threads) {
    List<WorkInput> works = input.works(); // in log-index order
    Map<String, FactorScore> originality =
        new OriginalityScorer(OriginalityParams.fromJson(model.params("originality")))
            .score(
                works.stream()
                    .map(w -> new OriginalityInput(w.workId(), w.logIndex(), w.text(), w.data()))
                    .toList());
    Map<String, FactorScore> perspective =
        new PerspectiveScorer(PerspectiveParams.fromJson(model.params("perspective")))
            .score(
                works.stream()
                    .map(
                        w ->
                            new PerspectiveInput(w.workId(), w.logIndex(), w.embedding(), w.text()))
                    .toList());
    Map<String, Long> earlierWorks = creatorRecords(input, originality);
    Set<String> registered = new HashSet<>(input.knownWorks());
    works.forEach(w -> registered.add(w.workId()));

    DepthScorer depth = new DepthScorer(DepthParams.fromJson(model.params("depth")));
    VerifiabilityScorer verifiability =
        new VerifiabilityScorer(VerifiabilityParams.fromJson(model.params("verifiability")));
    ExpertiseScorer expertise =
        new ExpertiseScorer(ExpertiseParams.fromJson(model.params("expertise")));

    Map<String, Map<String, FactorScore>> result = new TreeMap<>();
    List<Map.Entry<String, Map<String, FactorScore>>> perWork;
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
    try {
      perWork =
          pool.submit(
                  () ->
                      works.parallelStream()
                          .map(
                              w -> {
                                Map<String, FactorScore> scores = new HashMap<>();
                                scores.put("originality", originality.get(w.workId()));
                                scores.put("perspective", perspective.get(w.workId()));
                                scores.put(
                                    "depth",
                                    w.isText()
                                        ? depth.score(w.text().get())
                                        : depth.notText(w.kind()));
                                long parents =
                                    w.parents().stream().filter(registered::contains).count();
                                scores.put(
                                    "verifiability",
                                    verifiability.score(
                                        new VerifiabilityInput(
                                            w.text(),
                                            parents,
                                            w.signed(),
                                            w.contentRetrievable())));
                                scores.put(
                                    "expertise",
                                    expertise.score(
                                        new ExpertiseInput(
                                            w.creator(),
                                            w.credentials(),
                                            earlierWorks.get(w.workId()),
                                            input.referenceTime())));
                                return Map.entry(w.workId(), scores);
                              })
                          .toList())
              .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ValuationException("Interrupted while scoring", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ValuationException("Scoring failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
    perWork.forEach(e -> result.put(e.getKey(), e.getValue()));
    return result;
  }

  /**
   * Each work's creator record: the creator's earlier registered works outside the input (as the
   * input states) plus their works in the input with a smaller log index that are not flagged as
   * copies.
   */
  private static Map<String, Long> creatorRecords(
      ValuationInput input, Map<String, FactorScore> originality) {
    Map<String, Long> seen = new HashMap<>();
    Map<String, Long> records = new HashMap<>();
    List<WorkInput> ordered = new ArrayList<>(input.works());
    for (WorkInput work : ordered) {
      long before = seen.getOrDefault(work.creator(), 0L);
      records.put(work.workId(), input.creatorEarlierWorks(work.creator()) + before);
      boolean copy = originality.get(work.workId()).evidence().has("copyOf");
      if (!copy) {
        seen.put(work.creator(), before + 1);
      }
    }
    return records;
  }
}
