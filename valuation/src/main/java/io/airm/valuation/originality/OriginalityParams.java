package io.airm.valuation.originality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.json.CanonicalJson;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;

/**
 * The originality factor's parameters, read from the scoring model's {@code originality} object.
 *
 * @param shingleSize words per shingle (1..64)
 * @param numHashes MinHash values per text (1..1024); must equal {@code bands × rows}
 * @param bands LSH bands
 * @param rows MinHash values per LSH band
 * @param seed SplitMix64 seed of the MinHash permutations (0..2^63−1)
 * @param maxCandidates most LSH candidates compared exactly per text (1..100000), best first
 * @param nearCopyJaccardPpm shingle Jaccard at or above which a text is a near-copy
 * @param nearCopyIsccPpm Text-Code similarity at or above which a text is a near-copy
 *     (875000..1000000, i.e. at most 8 of 64 bits differ)
 * @param nearCopyDataPpm Data-Code similarity at or above which binary data is a near-copy
 *     (875000..1000000)
 * @param nearCopyMaxScorePpm the most a near-copy can score
 */
public record OriginalityParams(
    int shingleSize,
    int numHashes,
    int bands,
    int rows,
    long seed,
    int maxCandidates,
    long nearCopyJaccardPpm,
    long nearCopyIsccPpm,
    long nearCopyDataPpm,
    long nearCopyMaxScorePpm) {

  private static final long ONE = 1_000_000L;

  // Below 7/8 the bit-block index behind ISCC near-copy search would degenerate towards all pairs.
  private static final long MIN_ISCC_PPM = 875_000L;

  private static final List<String> KEYS =
      List.of(
          "shingleSize",
          "numHashes",
          "bands",
          "rows",
          "seed",
          "maxCandidates",
          "nearCopyJaccardPpm",
          "nearCopyIsccPpm",
          "nearCopyDataPpm",
          "nearCopyMaxScorePpm");

  public OriginalityParams {
    range("shingleSize", shingleSize, 1, 64);
    range("numHashes", numHashes, 1, 1024);
    range("bands", bands, 1, 1024);
    range("rows", rows, 1, 1024);
    if ((long) bands * rows != numHashes) {
      throw new ValuationException(
          "originality.bands × originality.rows must equal originality.numHashes, but "
              + bands
              + " × "
              + rows
              + " ≠ "
              + numHashes);
    }
    range("seed", seed, 0, Long.MAX_VALUE);
    range("maxCandidates", maxCandidates, 1, 100_000);
    range("nearCopyJaccardPpm", nearCopyJaccardPpm, 1, ONE);
    range("nearCopyIsccPpm", nearCopyIsccPpm, MIN_ISCC_PPM, ONE);
    range("nearCopyDataPpm", nearCopyDataPpm, MIN_ISCC_PPM, ONE);
    range("nearCopyMaxScorePpm", nearCopyMaxScorePpm, 0, ONE);
  }

  /** Reads the model's {@code originality} object; every key is required and no other allowed. */
  public static OriginalityParams fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new ValuationException("The scoring model's originality parameters must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ValuationException(
            "Unknown originality parameter originality." + key + "; expected " + KEYS);
      }
    }
    return new OriginalityParams(
        smallInteger(node, "shingleSize"),
        smallInteger(node, "numHashes"),
        smallInteger(node, "bands"),
        smallInteger(node, "rows"),
        integer(node, "seed"),
        smallInteger(node, "maxCandidates"),
        integer(node, "nearCopyJaccardPpm"),
        integer(node, "nearCopyIsccPpm"),
        integer(node, "nearCopyDataPpm"),
        integer(node, "nearCopyMaxScorePpm"));
  }

  /** Example values for tests and documentation; a valuation reads its model instead. */
  public static OriginalityParams defaults() {
    return new OriginalityParams(
        5, 128, 32, 4, 1_095_324_237L, 64, 800_000, 937_500, 937_500, 100_000);
  }

  /** These parameters as the model's {@code originality} object. */
  public ObjectNode toJson() {
    ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
    o.put("shingleSize", shingleSize);
    o.put("numHashes", numHashes);
    o.put("bands", bands);
    o.put("rows", rows);
    o.put("seed", seed);
    o.put("maxCandidates", maxCandidates);
    o.put("nearCopyJaccardPpm", nearCopyJaccardPpm);
    o.put("nearCopyIsccPpm", nearCopyIsccPpm);
    o.put("nearCopyDataPpm", nearCopyDataPpm);
    o.put("nearCopyMaxScorePpm", nearCopyMaxScorePpm);
    return o;
  }

  /** Most bits two 64-bit Text-Codes may differ in and still be a near-copy. */
  int maxIsccBitsDiffering() {
    return (int) ((ONE - nearCopyIsccPpm) / 15_625L);
  }

  /** Most bits two 64-bit Data-Codes may differ in and still be a near-copy. */
  int maxDataBitsDiffering() {
    return (int) ((ONE - nearCopyDataPpm) / 15_625L);
  }

  private static long integer(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new ValuationException("Missing originality parameter originality." + key);
    }
    if (!v.isIntegralNumber()) {
      throw new ValuationException(
          "originality." + key + " must be an integer, not " + v.toString());
    }
    BigInteger b = v.bigIntegerValue();
    if (b.bitLength() > 63) {
      throw new ValuationException("originality." + key + " is out of range: " + b);
    }
    return b.longValue();
  }

  private static int smallInteger(JsonNode node, String key) {
    long v = integer(node, key);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new ValuationException("originality." + key + " is out of range: " + v);
    }
    return (int) v;
  }

  private static void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ValuationException(
          "originality." + key + " must be " + min + ".." + max + ", not " + value);
    }
  }
}
