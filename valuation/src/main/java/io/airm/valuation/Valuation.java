package io.airm.valuation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.allocation.Allocation;
import io.airm.valuation.allocation.AllocationLeaf;
import io.airm.valuation.allocation.LargestRemainder;
import io.airm.valuation.allocation.Payee;
import io.airm.valuation.allocation.TokenCount;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.input.WorkInput;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ScoringModel;
import io.airm.valuation.report.ValuationReport;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A valuation run: quality factors, influence, value, allocation and the report, from an input
 * document and a scoring model. Pure and deterministic: the same inputs give the same report bytes
 * whatever the thread count or the order of the works in the input.
 *
 * <p>The published formula (all integers, floors):
 *
 * <ul>
 *   <li>{@code quality = Σ w_f·s_f / Σ w_f} over the factors that apply to the work ({@code s_f} in
 *       ppm, {@code w_f} the model's quality weights), so a photograph is not penalised for having
 *       no lexical diversity;
 *   <li>{@code influenceShare}: the works' positive influence values split 1,000,000 ppm by largest
 *       remainder (an equal split when no influence is measured);
 *   <li>{@code substance}: the tokens of new content the work brings (see {@link #substance});
 *   <li>{@code valueWeight = quality² × substance × ((1,000,000 − λ)·1,000,000 +
 *       λ·N·influenceShare)}, with λ the model's {@code value.influenceWeightPpm} and N the number
 *       of works. Quality counts twice, so twice the quality is worth four times as much per token;
 *       substance counts new tokens, so copying earns nothing and splitting a work into many small
 *       ones gains nothing while their lower depth loses; the last factor blends an equal share
 *       with the measured influence share;
 *   <li>the pool is split by {@code valueWeight}, each work's part among its payees by their
 *       shares, and summed per account (largest remainder at each step, ties by id).
 * </ul>
 */
public final class Valuation {
  static final String FORMAT = "airm-valuation-report/1";
  private static final long ONE = FactorScore.ONE;

  private Valuation() {}

  /**
   * Values the input's works under {@code model}.
   *
   * @param inputUri where the input document can be found again (recorded in the report)
   */
  public static ValuationReport run(
      ValuationInput input, ScoringModel model, int threads, String inputUri) {
    List<WorkInput> works = input.works();
    Map<String, Map<String, FactorScore>> factors = QualityFactors.score(input, model, threads);
    InfluenceMeasure.Result influence = InfluenceMeasure.measure(input, model, threads);

    int bytesPerToken = model.params("tokens").path("bytesPerToken").asInt(4);
    Map<String, Long> tokens = new TreeMap<>();
    Map<String, Long> quality = new TreeMap<>();
    Map<String, Long> substance = new TreeMap<>();
    Map<String, BigInteger> valueWeights = new TreeMap<>();
    long n = works.size();
    long lambda = model.influenceWeightPpm();
    for (WorkInput work : works) {
      String id = work.workId();
      tokens.put(id, TokenCount.of(work, bytesPerToken));
      long q = quality(factors.get(id), model.qualityWeights());
      quality.put(id, q);
      long s = substance(work, tokens.get(id), factors.get(id).get("originality").ppm(), model);
      substance.put(id, s);
      BigInteger blend =
          BigInteger.valueOf(ONE - lambda)
              .multiply(BigInteger.valueOf(ONE))
              .add(
                  BigInteger.valueOf(lambda)
                      .multiply(BigInteger.valueOf(n))
                      .multiply(BigInteger.valueOf(influence.sharePpm().get(id))));
      valueWeights.put(
          id, BigInteger.valueOf(q).pow(2).multiply(BigInteger.valueOf(s)).multiply(blend));
    }
    Map<String, List<Payee>> payees = new TreeMap<>();
    works.forEach(w -> payees.put(w.workId(), w.payees()));
    Allocation allocation = Allocation.split(input.poolWei(), valueWeights, payees);

    Map<String, BigInteger> tokenWeights = new TreeMap<>();
    tokens.forEach((id, count) -> tokenWeights.put(id, BigInteger.valueOf(count)));
    Allocation byTokens = Allocation.split(input.poolWei(), tokenWeights, payees);

    ObjectNode report = CanonicalJson.MAPPER.createObjectNode();
    report.put("format", FORMAT);
    ObjectNode modelNode = report.putObject("model");
    modelNode.put("version", model.version());
    modelNode.put("sha256", model.sha256());
    modelNode.set("document", model.document());
    ObjectNode inputNode = report.putObject("input");
    inputNode.put("sha256", input.sha256());
    inputNode.put("uri", inputUri);
    inputNode.put("referenceTime", input.referenceTime());
    ObjectNode pool = report.putObject("pool");
    pool.put("id", input.poolId());
    pool.put("amountWei", input.poolWei().toString());
    report.set("influence", influence.evidence());

    ArrayNode workNodes = report.putArray("works");
    for (WorkInput work : works) {
      String id = work.workId();
      ObjectNode node = workNodes.addObject();
      node.put("workId", id);
      node.put("modelVersion", model.version());
      node.put("logIndex", work.logIndex());
      node.put("kind", work.kind());
      node.put("creator", work.creator());
      ObjectNode inputs = node.putObject("inputs");
      inputs.put("contentSha256", contentSha256(work));
      work.embedding().ifPresent(e -> inputs.put("embeddingSha256", CanonicalJson.sha256(e)));
      ArrayNode credentials = CanonicalJson.MAPPER.createArrayNode();
      work.credentials().forEach(credentials::add);
      inputs.put("credentialsSha256", CanonicalJson.sha256(credentials));
      ObjectNode factorNodes = node.putObject("factors");
      for (String factor : ScoringModel.FACTORS) {
        FactorScore score = factors.get(id).get(factor);
        ObjectNode f = factorNodes.putObject(factor);
        f.put("ppm", score.ppm());
        f.put("applicable", score.applicable());
        f.put("weightPpm", model.qualityWeights().get(factor));
        f.set("evidence", score.evidence());
        f.put("explanation", score.explanation());
      }
      node.put("qualityPpm", quality.get(id));
      node.put("substanceTokens", substance.get(id));
      node.put("influenceSharePpm", influence.sharePpm().get(id));
      node.put("influenceRaw", influence.raw().get(id).toString());
      node.put("valueWeight", valueWeights.get(id).toString());
      node.put("amountWei", allocation.perWork().get(id).toString());
      node.put("tokenCount", tokens.get(id));
      node.put("tokenCountAmountWei", byTokens.perWork().get(id).toString());
      ArrayNode payeeNodes = node.putArray("payees");
      for (Payee payee :
          work.payees().stream().sorted((a, b) -> a.account().compareTo(b.account())).toList()) {
        ObjectNode p = payeeNodes.addObject();
        p.put("account", payee.account());
        p.put("sharesBps", payee.sharesBps());
        p.put("amountWei", allocation.perWorkPayee().get(id).get(payee.account()).toString());
      }
    }

    ObjectNode allocationNode = report.putObject("allocation");
    allocationNode.put("totalWei", input.poolWei().toString());
    allocationNode.put(
        "leafEncoding",
        "keccak256(bytes.concat(keccak256(abi.encode(uint256 index, address account, uint256"
            + " amount))))");
    ArrayNode leaves = allocationNode.putArray("leaves");
    for (AllocationLeaf leaf : allocation.leaves()) {
      ObjectNode l = leaves.addObject();
      l.put("index", leaf.index());
      l.put("account", leaf.account());
      l.put("amountWei", leaf.amountWei().toString());
      l.put("leafHash", leaf.leafHash());
    }
    ObjectNode contrast = report.putObject("tokenCountAllocation");
    contrast.put(
        "scheme",
        "the same pool split by token count alone (words of a text, bytes/"
            + bytesPerToken
            + " of binary content)");
    ArrayNode accounts = contrast.putArray("accounts");
    Map<String, BigInteger> ours = allocation.perAccount();
    for (Map.Entry<String, BigInteger> e : new TreeMap<>(byTokens.perAccount()).entrySet()) {
      ObjectNode a = accounts.addObject();
      a.put("account", e.getKey());
      a.put("tokenCountAmountWei", e.getValue().toString());
      a.put("airmAmountWei", ours.getOrDefault(e.getKey(), BigInteger.ZERO).toString());
    }
    return new ValuationReport(report);
  }

  /** Quality: the weighted mean of the factors that apply, in ppm (floor). */
  static long quality(Map<String, FactorScore> scores, Map<String, Long> weights) {
    long weightSum = 0;
    BigInteger weighted = BigInteger.ZERO;
    for (String factor : ScoringModel.FACTORS) {
      FactorScore score = scores.get(factor);
      if (score != null && score.applicable()) {
        long w = weights.get(factor);
        weightSum += w;
        weighted = weighted.add(BigInteger.valueOf(w).multiply(BigInteger.valueOf(score.ppm())));
      }
    }
    return weightSum == 0 ? 0 : weighted.divide(BigInteger.valueOf(weightSum)).longValueExact();
  }

  /**
   * Substance: the tokens of new content a work brings, {@code floor(tokens × originality / 10^6)}
   * for a text (a copy brings almost none), the model's {@code binarySubstanceTokens} scaled the
   * same way for binary or media content (whose bytes say nothing of its contribution), capped at
   * {@code substanceCapTokens}.
   */
  static long substance(WorkInput work, long tokens, long originalityPpm, ScoringModel model) {
    long base = work.isText() ? tokens : model.binarySubstanceTokens();
    long novel =
        BigInteger.valueOf(base)
            .multiply(BigInteger.valueOf(originalityPpm))
            .divide(BigInteger.valueOf(ONE))
            .longValueExact();
    return Math.min(novel, model.substanceCapTokens());
  }

  /** SHA-256 of the work's content: the UTF-8 of a text, the bytes of binary content. */
  static String contentSha256(WorkInput work) {
    return work.isText()
        ? CanonicalJson.sha256(work.text().orElse("").getBytes(StandardCharsets.UTF_8))
        : CanonicalJson.sha256(work.data().orElse(new byte[0]));
  }

  /** Influence shares: positive values split 1,000,000 ppm by largest remainder, ties by id. */
  static Map<String, Long> shares(Map<String, BigInteger> raw) {
    Map<String, BigInteger> positive = new TreeMap<>();
    raw.forEach((id, v) -> positive.put(id, v.max(BigInteger.ZERO)));
    Map<String, Long> shares = new LinkedHashMap<>();
    LargestRemainder.split(BigInteger.valueOf(ONE), positive)
        .forEach((id, v) -> shares.put(id, v.longValueExact()));
    return shares;
  }
}
