package io.airm.valuation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.influence.CommittedScores;
import io.airm.valuation.influence.KnnShapley;
import io.airm.valuation.influence.LabeledPoint;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.input.WorkInput;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ScoringModel;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Influence of each work on the model's outputs, by the method the attestation supplied. */
final class InfluenceMeasure {
  /**
   * @param raw each work's influence as measured (KNN-Shapley units of 10^-18, or the committed ppm
   *     share)
   * @param sharePpm each work's share of the positive influence, summing to 1,000,000
   * @param evidence what the report shows of the measurement
   */
  record Result(Map<String, BigInteger> raw, Map<String, Long> sharePpm, ObjectNode evidence) {}

  private InfluenceMeasure() {}

  static Result measure(ValuationInput input, ScoringModel model, int threads) {
    ValuationInput.Influence influence = input.influence();
    Map<String, BigInteger> raw = new TreeMap<>();
    ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
    evidence.put("method", influence.method());
    switch (influence.method()) {
      case "knn-shapley" -> {
        List<LabeledPoint> works = new ArrayList<>();
        for (WorkInput work : input.works()) {
          if (work.embedding().isEmpty() || work.label().isEmpty()) {
            throw new ValuationException(
                "KNN-Shapley needs an embedding and a label for every work; "
                    + work.workId()
                    + " lacks one");
          }
          works.add(
              new LabeledPoint(work.workId(), work.embedding().get(), work.label().getAsInt()));
        }
        List<LabeledPoint> probes = new ArrayList<>();
        for (ValuationInput.Probe probe : influence.probes()) {
          probes.add(new LabeledPoint(probe.id(), probe.embedding(), probe.label()));
        }
        KnnShapley.Result result =
            KnnShapley.values(
                KnnShapley.Params.fromJson(model.params("influence")), works, probes, threads);
        result.values().forEach(v -> raw.put(v.workId(), BigInteger.valueOf(v.value())));
        evidence.put("k", result.k());
        evidence.put("probes", result.probeCount());
        evidence.put("valueUnit", "1e-18 (each work's Shapley value averaged over the probes)");
        evidence.put("utilityUnits", result.utilityUnits());
        evidence.put("utilityDenominator", result.utilityDenominator());
        evidence.put("sumOfValues", result.sumOfValues().toString());
        evidence.set("result", result.toJson());
      }
      case "committed" -> {
        CommittedScores.Submission submission =
            CommittedScores.Submission.fromJson(influence.submission().orElseThrow());
        List<String> ids = input.works().stream().map(WorkInput::workId).toList();
        CommittedScores.Result result =
            CommittedScores.normalise(
                CommittedScores.Params.fromJson(model.params("committedScores")), submission, ids);
        result.shares().forEach(s -> raw.put(s.workId(), BigInteger.valueOf(s.ppm())));
        evidence.set("committed", result.toJson());
      }
      case "none" -> input.works().forEach(w -> raw.put(w.workId(), BigInteger.ZERO));
      default -> throw new ValuationException("Unknown influence method " + influence.method());
    }
    for (WorkInput work : input.works()) {
      raw.putIfAbsent(work.workId(), BigInteger.ZERO);
    }
    return new Result(raw, Valuation.shares(raw), evidence);
  }
}
