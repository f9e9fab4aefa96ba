package io.airm.valuation.influence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Influence scores an AI company computed itself (TRAK, TracIn, influence functions, …) and
 * committed to by the SHA-256 of its evidence file. The registry validates and normalises them; it
 * never recomputes them.
 *
 * <h2>Normalisation (published formula)</h2>
 *
 * <ol>
 *   <li>Each score is an exact decimal: a JSON integer, or a string {@code -?digits[.digits]} (no
 *       exponent; JSON floating-point numbers are refused, since their binary value is not the
 *       decimal the company wrote).
 *   <li>A negative score is refused unless the method allows negatives; where allowed, it is kept
 *       in the evidence but counts as 0 (a work is never charged for harmful influence).
 *   <li>A registry work without a score counts as 0 and is listed under {@code defaulted}, unless
 *       the model requires every work, in which case the submission is refused. A score for a work
 *       the registry does not hold, or two scores for one work, is refused.
 *   <li>All counted scores are multiplied by 10^s, s the largest number of decimals, giving
 *       integers x_w with total T = Σ x_w.
 *   <li>ppm_w = floor(10⁶ · x_w / T). The L = 10⁶ − Σ ppm_w parts left over go one each to the L
 *       works with the largest remainders (10⁶ · x_w mod T), ties by work id ascending. The ppm
 *       then sum to exactly 10⁶. If T = 0, every work gets 0 ppm.
 * </ol>
 */
public final class CommittedScores {
  /** The whole of the influence share, in ppm. */
  public static final long MILLION = 1_000_000L;

  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
  private static final Pattern SHA256 = Pattern.compile("0x[0-9a-f]{64}");

  private CommittedScores() {}

  /**
   * Parameters from the scoring model document.
   *
   * @param allowNegative the accepted methods, each mapped to whether it may report negatives
   * @param requireEveryWork whether every registry work must have a score
   */
  public record Params(Map<String, Boolean> allowNegative, boolean requireEveryWork) {
    public Params {
      if (allowNegative == null || allowNegative.isEmpty()) {
        throw new ValuationException("influence.committed.methods must name at least one method");
      }
      allowNegative = Map.copyOf(allowNegative);
    }

    /**
     * Reads {@code {"methods": {"trak": {"allowNegative": true}, …}, "requireEveryWork": false}}.
     */
    public static Params fromJson(JsonNode node) {
      JsonNode methods = node == null ? null : node.get("methods");
      if (methods == null || !methods.isObject() || methods.isEmpty()) {
        throw new ValuationException("influence.committed.methods is missing or empty");
      }
      Map<String, Boolean> allow = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = methods.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> method = it.next();
        JsonNode flag = method.getValue().get("allowNegative");
        if (flag == null || !flag.isBoolean()) {
          throw new ValuationException(
              "influence.committed.methods." + method.getKey() + ".allowNegative is not a boolean");
        }
        allow.put(method.getKey(), flag.booleanValue());
      }
      JsonNode every = node.get("requireEveryWork");
      if (every == null || !every.isBoolean()) {
        throw new ValuationException("influence.committed.requireEveryWork is not a boolean");
      }
      return new Params(allow, every.booleanValue());
    }
  }

  /**
   * One work's committed score, an exact decimal.
   *
   * @param workId the work
   * @param score the score as the company wrote it
   */
  public record Score(String workId, BigDecimal score) {
    public Score {
      if (workId == null || workId.isBlank() || score == null) {
        throw new ValuationException("A committed score needs a work id and a score");
      }
    }
  }

  /**
   * What a company submits.
   *
   * @param method the attribution method, one the model accepts
   * @param evidenceSha256 SHA-256 of the evidence file, {@code 0x} and 64 lower-case hex digits
   * @param scores one score per work
   */
  public record Submission(String method, String evidenceSha256, List<Score> scores) {
    public Submission {
      if (method == null || method.isBlank()) {
        throw new ValuationException("A committed-scores submission needs its method");
      }
      if (evidenceSha256 == null || !SHA256.matcher(evidenceSha256).matches()) {
        throw new ValuationException(
            "evidenceSha256 must be 0x and 64 lower-case hex digits, not " + evidenceSha256);
      }
      scores = List.copyOf(scores);
    }

    /**
     * Reads {@code {"method": "trak", "evidenceSha256": "0x…", "scores": [{"work": "…", "score": 12
     * or "0.125"}, …]}}.
     */
    public static Submission fromJson(JsonNode node) {
      JsonNode scores = node.get("scores");
      if (scores == null || !scores.isArray()) {
        throw new ValuationException("scores is missing or not an array");
      }
      List<Score> list = new ArrayList<>();
      for (int i = 0; i < scores.size(); i++) {
        JsonNode entry = scores.get(i);
        JsonNode work = entry.get("work");
        if (work == null || !work.isTextual()) {
          throw new ValuationException("scores[" + i + "].work is missing or not a string");
        }
        list.add(
            new Score(work.textValue(), decimal(entry.get("score"), "scores[" + i + "].score")));
      }
      return new Submission(text(node, "method"), text(node, "evidenceSha256"), list);
    }
  }

  /**
   * One work's normalised share.
   *
   * @param workId the work
   * @param score the committed score (0 if defaulted)
   * @param ppm the work's share of the total, in parts per million
   */
  public record Share(String workId, BigDecimal score, long ppm) {}

  /**
   * The normalised shares in work-id order.
   *
   * @param method the method
   * @param evidenceSha256 the committed evidence hash
   * @param shares one per registry work, sorted by work id
   * @param total the sum of the counted (non-negative) scores
   * @param defaulted works that had no score and count as 0
   */
  public record Result(
      String method,
      String evidenceSha256,
      List<Share> shares,
      BigDecimal total,
      List<String> defaulted) {
    public Result {
      shares = List.copyOf(shares);
      defaulted = List.copyOf(defaulted);
    }

    /** The result as evidence: scores as decimal strings, ppm as integers. */
    public ObjectNode toJson() {
      ObjectNode node = CanonicalJson.MAPPER.createObjectNode();
      node.put("method", method);
      node.put("evidenceSha256", evidenceSha256);
      node.put("total", total.toPlainString());
      ArrayNode list = node.putArray("shares");
      for (Share share : shares) {
        list.addObject()
            .put("work", share.workId())
            .put("score", share.score().toPlainString())
            .put("ppm", share.ppm());
      }
      ArrayNode missing = node.putArray("defaulted");
      defaulted.forEach(missing::add);
      return node;
    }
  }

  /**
   * Validates {@code submission} against the model and the registry's works, and normalises it to
   * ppm by the formula in the class comment.
   *
   * @throws ValuationException naming the method, work or score that is refused
   */
  public static Result normalise(Params params, Submission submission, Collection<String> works) {
    Boolean allowNegative = params.allowNegative().get(submission.method());
    if (allowNegative == null) {
      throw new ValuationException(
          "Method "
              + submission.method()
              + " is not accepted; the model accepts "
              + new TreeSet<>(params.allowNegative().keySet()));
    }
    TreeMap<String, BigDecimal> scores = new TreeMap<>();
    for (String work : works) {
      if (work == null || scores.containsKey(work)) {
        throw new ValuationException("Registry work " + work + " is missing or listed twice");
      }
      scores.put(work, null);
    }
    for (Score score : submission.scores()) {
      if (!scores.containsKey(score.workId())) {
        throw new ValuationException("Score for unknown work " + score.workId());
      }
      if (scores.put(score.workId(), score.score()) != null) {
        throw new ValuationException("Work " + score.workId() + " is scored twice");
      }
      if (score.score().signum() < 0 && !allowNegative) {
        throw new ValuationException(
            "Method "
                + submission.method()
                + " does not allow negative scores, but work "
                + score.workId()
                + " has "
                + score.score().toPlainString());
      }
    }
    List<String> defaulted = new ArrayList<>();
    int decimals = 0;
    for (Map.Entry<String, BigDecimal> entry : scores.entrySet()) {
      if (entry.getValue() == null) {
        if (params.requireEveryWork()) {
          throw new ValuationException("Work " + entry.getKey() + " has no committed score");
        }
        defaulted.add(entry.getKey());
        entry.setValue(BigDecimal.ZERO);
      }
      decimals = Math.max(decimals, Math.max(0, entry.getValue().scale()));
    }
    List<String> ids = new ArrayList<>(scores.keySet());
    BigInteger[] counted = new BigInteger[ids.size()];
    BigInteger total = BigInteger.ZERO;
    for (int i = 0; i < ids.size(); i++) {
      BigDecimal score = scores.get(ids.get(i));
      counted[i] =
          score.signum() <= 0
              ? BigInteger.ZERO
              : score.movePointRight(decimals).toBigIntegerExact();
      total = total.add(counted[i]);
    }
    long[] ppm = new long[ids.size()];
    if (total.signum() > 0) {
      BigInteger million = BigInteger.valueOf(MILLION);
      BigInteger[] remainder = new BigInteger[ids.size()];
      long given = 0;
      for (int i = 0; i < ids.size(); i++) {
        BigInteger[] qr = counted[i].multiply(million).divideAndRemainder(total);
        ppm[i] = qr[0].longValueExact();
        remainder[i] = qr[1];
        given += ppm[i];
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        order.add(i);
      }
      // Largest remainder first; ids are already ascending, so a stable sort breaks ties by id.
      order.sort(Comparator.comparing((Integer i) -> remainder[i]).reversed());
      for (int j = 0; j < MILLION - given; j++) {
        ppm[order.get(j)]++;
      }
    }
    List<Share> shares = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      shares.add(new Share(ids.get(i), scores.get(ids.get(i)), ppm[i]));
    }
    return new Result(
        submission.method(),
        submission.evidenceSha256(),
        shares,
        new BigDecimal(total).movePointLeft(decimals),
        defaulted);
  }

  private static BigDecimal decimal(JsonNode node, String path) {
    if (node != null && node.isIntegralNumber()) {
      return new BigDecimal(node.bigIntegerValue());
    }
    if (node != null && node.isTextual() && DECIMAL.matcher(node.textValue()).matches()) {
      return new BigDecimal(node.textValue());
    }
    throw new ValuationException(
        path + " must be an integer or a decimal string such as \"0.125\", not " + node);
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual()) {
      throw new ValuationException(key + " is missing or not a string");
    }
    return value.textValue();
  }
}
