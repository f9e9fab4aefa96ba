package io.airm.valuation.perspective;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Scores the {@code perspective} factor: how far a work stands from what the registry already held
 * when it arrived. Works are put in log order (log index, then work id); "earlier" means before in
 * that order. The result never depends on the order of the input list or on thread count.
 *
 * <p><b>With an embedding</b> (int8, the same dimension {@code D} for every work that has one),
 * compared with the earlier works that have embeddings:
 *
 * <ul>
 *   <li>{@code knnDistance} = floor(mean of the {@code k} smallest squared Euclidean distances Σ
 *       (aᵢ − bᵢ)², exact in {@code long}); fewer than {@code k} earlier works: the mean over all
 *       of them.
 *   <li>{@code centroidDistance} = squared distance to the centroid of the earlier works, whose
 *       coordinates are {@code floorDiv(Σ values, count)} (rounded toward −∞).
 *   <li>each maps to ppm by the saturating scale {@code floor(d·10⁶ / (d + h))}, h = {@code
 *       halfDistancePerDim · D}: 0 for an exact copy, 500,000 at d = h, approaching 10⁶.
 *   <li>score = {@code (knnWeight · knnPpm + centroidWeight · centroidPpm) / 10⁶}. The first
 *       embedded work has nothing before it and scores 10⁶ on both.
 * </ul>
 *
 * <p><b>Without an embedding but with text</b>, compared with the earlier works that were scored on
 * text: the words (maximal runs of Unicode letters/digits, lower-cased per code point) form
 * shingles of {@code shingleWords} consecutive words (a shorter text forms one shingle of all its
 * words). A shingle's hash is 64-bit FNV-1a (offset 0xcbf29ce484222325, prime 0x100000001b3) over
 * the UTF-8 bytes of its words joined by single spaces; only hashes ≡ 0 (mod {@code
 * shingleSampleModulus}, unsigned) are kept — if none is, the smallest unsigned hash is kept. The
 * measure is the <i>share of the work's distinct kept shingles that occur in no earlier work</i>:
 * {@code share = floor(novel·10⁶/distinct)}, score = {@code min(10⁶, floor(share·10⁶ /
 * textFullNoveltyPpm))}. A work without embedding or words is not applicable.
 */
public final class PerspectiveScorer {
  /** The factor's name in reports. */
  public static final String FACTOR = "perspective";

  private static final long ONE = FactorScore.ONE;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final PerspectiveParams params;

  public PerspectiveScorer(PerspectiveParams params) {
    this.params = params;
  }

  /** Scores every work in the batch against the works before it; keyed by work id. */
  public Map<String, FactorScore> score(List<PerspectiveInput> works) {
    List<PerspectiveInput> ordered = new ArrayList<>(works);
    ordered.sort(
        Comparator.comparingLong(PerspectiveInput::logIndex)
            .thenComparing(PerspectiveInput::workId));
    Set<String> ids = new HashSet<>();
    int dimension = -1;
    List<PerspectiveInput> embedded = new ArrayList<>();
    for (PerspectiveInput w : ordered) {
      if (!ids.add(w.workId())) {
        throw new ValuationException("Work " + w.workId() + " appears twice in the batch");
      }
      if (w.embedding().isPresent()) {
        int d = w.embedding().get().length;
        if (d == 0 || (dimension >= 0 && d != dimension)) {
          throw new ValuationException(
              "Work "
                  + w.workId()
                  + " has an embedding of dimension "
                  + d
                  + ", expected "
                  + (dimension < 0 ? "at least 1" : dimension));
        }
        dimension = d;
        embedded.add(w);
      }
    }
    Map<String, FactorScore> out = new TreeMap<>();
    scoreEmbedded(embedded, out);
    scoreTexts(ordered, out);
    return out;
  }

  // ---- embeddings ------------------------------------------------------------------------

  private void scoreEmbedded(List<PerspectiveInput> works, Map<String, FactorScore> out) {
    int n = works.size();
    if (n == 0) {
      return;
    }
    byte[][] vectors = new byte[n][];
    for (int i = 0; i < n; i++) {
      vectors[i] = works.get(i).embedding().get();
    }
    int dim = vectors[0].length;
    int k = params.k();
    int[][] nearest = new int[n][];
    long[][] nearestDistance = new long[n][];
    // Each work's neighbours are independent of the others': safe to compute in parallel, and
    // the result is the same for any thread count.
    IntStream.range(0, n)
        .parallel()
        .forEach(
            j -> {
              int m = Math.min(k, j);
              int[] idx = new int[m];
              long[] dist = new long[m];
              knn(vectors, j, m, idx, dist);
              nearest[j] = idx;
              nearestDistance[j] = dist;
            });
    long[] sums = new long[dim];
    long knnHalf = params.knnHalfDistancePerDim() * dim;
    long centroidHalf = params.centroidHalfDistancePerDim() * dim;
    for (int j = 0; j < n; j++) {
      PerspectiveInput w = works.get(j);
      ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
      evidence.put("mode", "embedding");
      evidence.put("dimension", dim);
      evidence.put("earlierWorks", j);
      long ppm;
      if (j == 0) {
        ppm = ONE;
        evidence.put("knnPpm", ONE);
        evidence.put("centroidPpm", ONE);
      } else {
        long total = 0;
        ArrayNode list = evidence.putArray("nearest");
        for (int q = 0; q < nearest[j].length; q++) {
          total += nearestDistance[j][q];
          ObjectNode item = list.addObject();
          item.put("workId", works.get(nearest[j][q]).workId());
          item.put("squaredDistance", nearestDistance[j][q]);
        }
        long knnDistance = total / nearest[j].length;
        long centroidDistance = 0;
        byte[] v = vectors[j];
        for (int d = 0; d < dim; d++) {
          long diff = v[d] - Math.floorDiv(sums[d], (long) j);
          centroidDistance += diff * diff;
        }
        long knnPpm = saturate(knnDistance, knnHalf);
        long centroidPpm = saturate(centroidDistance, centroidHalf);
        ppm = (params.knnWeight() * knnPpm + params.centroidWeight() * centroidPpm) / ONE;
        evidence.put("knnDistance", knnDistance);
        evidence.put("centroidDistance", centroidDistance);
        evidence.put("knnPpm", knnPpm);
        evidence.put("centroidPpm", centroidPpm);
      }
      for (int d = 0; d < dim; d++) {
        sums[d] += vectors[j][d];
      }
      out.put(
          w.workId(),
          new FactorScore(
              FACTOR,
              FactorScore.clamp(ppm),
              true,
              evidence,
              j == 0
                  ? "The first work with an embedding: nothing earlier to resemble."
                  : String.format(
                      "Embedding compared with %d earlier work(s): %s from its nearest"
                          + " neighbours and the centroid.",
                      j, ppm >= ONE / 2 ? "far" : "close")));
    }
  }

  /**
   * The m nearest of works 0..j-1 to work j, ascending by distance, ties to the earlier work.
   * Partial sums abandon a candidate as soon as it cannot enter the list (exact: squared terms only
   * grow the sum).
   */
  private static void knn(byte[][] vectors, int j, int m, int[] idx, long[] dist) {
    if (m == 0) {
      return;
    }
    byte[] v = vectors[j];
    int dim = v.length;
    int filled = 0;
    for (int c = 0; c < j; c++) {
      byte[] u = vectors[c];
      long bound = filled < m ? Long.MAX_VALUE : dist[m - 1];
      long s = 0;
      int d = 0;
      while (d < dim && s < bound) {
        int end = Math.min(dim, d + 32);
        for (; d < end; d++) {
          int diff = v[d] - u[d];
          s += diff * diff;
        }
      }
      if (s >= bound) {
        continue;
      }
      // insert, keeping ascending order; equal distances keep the earlier work first
      int pos = filled < m ? filled : m - 1;
      while (pos > 0 && dist[pos - 1] > s) {
        if (pos < m) {
          dist[pos] = dist[pos - 1];
          idx[pos] = idx[pos - 1];
        }
        pos--;
      }
      dist[pos] = s;
      idx[pos] = c;
      if (filled < m) {
        filled++;
      }
    }
  }

  /** floor(d·10⁶ / (d + half)); d ≤ 65,025·D stays far below 2⁶³/10⁶ for any real D. */
  private static long saturate(long d, long half) {
    return Math.multiplyExact(d, ONE) / (d + half);
  }

  // ---- texts -----------------------------------------------------------------------------

  private void scoreTexts(List<PerspectiveInput> ordered, Map<String, FactorScore> out) {
    LongHashSet seen = new LongHashSet();
    int earlier = 0;
    for (PerspectiveInput w : ordered) {
      if (w.embedding().isPresent()) {
        continue;
      }
      ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
      long[] shingles = w.text().map(this::shingles).orElse(new long[0]);
      if (shingles.length == 0) {
        evidence.put("mode", "none");
        out.put(
            w.workId(),
            FactorScore.notApplicable(
                FACTOR, evidence, "The work has neither an embedding nor words to compare."));
        continue;
      }
      long novel = 0;
      for (long h : shingles) {
        if (!seen.contains(h)) {
          novel++;
        }
      }
      long share = novel * ONE / shingles.length;
      long ppm = Math.min(ONE, share * ONE / params.textFullNoveltyPpm());
      evidence.put("mode", "shingles");
      evidence.put("earlierWorks", earlier);
      evidence.put("shingles", shingles.length);
      evidence.put("novelShingles", novel);
      evidence.put("novelSharePpm", share);
      out.put(
          w.workId(),
          new FactorScore(
              FACTOR,
              ppm,
              true,
              evidence,
              String.format(
                  "%d of %d sampled word shingles occur in none of %d earlier work(s).",
                  novel, shingles.length, earlier)));
      for (long h : shingles) {
        seen.add(h);
      }
      earlier++;
    }
  }

  /** The distinct kept shingle hashes of a text, sorted; empty when it has no words. */
  long[] shingles(String text) {
    // Words as UTF-8 byte ranges in one buffer.
    byte[] bytes = new byte[Math.max(16, text.length() + 8)];
    int[] starts = new int[256];
    int[] ends = new int[256];
    int words = 0;
    int len = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      char ch = text.charAt(i);
      int cp = Character.isHighSurrogate(ch) ? text.codePointAt(i) : ch;
      i += Character.charCount(cp);
      if (ch < 0x80 ? ASCII_WORD[ch] : Character.isLetterOrDigit(cp)) {
        if (!inWord) {
          if (words == starts.length) {
            starts = Arrays.copyOf(starts, words * 2);
            ends = Arrays.copyOf(ends, words * 2);
          }
          starts[words] = len;
          inWord = true;
        }
        if (len + 4 > bytes.length) {
          bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        if (ch < 0x80) {
          bytes[len++] = (byte) (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        } else {
          len = utf8(Character.toLowerCase(cp), bytes, len);
        }
      } else if (inWord) {
        ends[words++] = len;
        inWord = false;
      }
    }
    if (inWord) {
      ends[words++] = len;
    }
    if (words == 0) {
      return new long[0];
    }
    int w = Math.min(params.shingleWords(), words);
    int count = words - w + 1;
    long[] kept = new long[count];
    int keptCount = 0;
    long smallest = -1; // unsigned max
    long modulus = params.shingleSampleModulus();
    for (int s = 0; s < count; s++) {
      long h = FNV_OFFSET;
      for (int q = s; q < s + w; q++) {
        if (q > s) {
          h = (h ^ 0x20) * FNV_PRIME;
        }
        for (int b = starts[q]; b < ends[q]; b++) {
          h = (h ^ (bytes[b] & 0xff)) * FNV_PRIME;
        }
      }
      if (Long.remainderUnsigned(h, modulus) == 0) {
        kept[keptCount++] = h;
      }
      if (Long.compareUnsigned(h, smallest) < 0) {
        smallest = h;
      }
    }
    if (keptCount == 0) {
      return new long[] {smallest};
    }
    long[] sorted = Arrays.copyOf(kept, keptCount);
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, distinct);
  }

  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_WORD[c] = Character.isLetterOrDigit(c);
    }
  }

  private static int utf8(int cp, byte[] out, int at) {
    if (cp < 0x80) {
      out[at++] = (byte) cp;
    } else if (cp < 0x800) {
      out[at++] = (byte) (0xC0 | (cp >> 6));
      out[at++] = (byte) (0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out[at++] = (byte) (0xE0 | (cp >> 12));
      out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[at++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      out[at++] = (byte) (0xF0 | (cp >> 18));
      out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[at++] = (byte) (0x80 | (cp & 0x3F));
    }
    return at;
  }
}
