package io.airm.valuation.originality;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * Word shingles of a text and their MinHash signature.
 *
 * <p>Words: the text in NFKC, split into maximal runs of Unicode letters and digits ({@link
 * Character#isLetterOrDigit(int)}), each code point lower-cased with {@link
 * Character#toLowerCase(int)}. A shingle is {@code shingleSize} consecutive words joined by one
 * space (a text with fewer words is one shingle); its hash is xxHash64, seed 0, of its UTF-8 bytes,
 * read as an unsigned 64-bit integer {@code x}.
 *
 * <p>MinHash: {@code h_i(x) = (a_i · x + b_i) mod p}, {@code p = 2^61 − 1}, for {@code i = 0 ..
 * numHashes−1}; signature value {@code i} is the minimum of {@code h_i} over the distinct shingle
 * hashes. {@code a_i} and {@code b_i} come from SplitMix64 seeded with the model's {@code seed},
 * drawn in the order {@code a_0, b_0, a_1, b_1, …}: {@code a_i = 1 + (next mod (p − 1))}, {@code
 * b_i = next mod p}, with {@code next} read as unsigned.
 */
final class ShingleSketcher {
  static final long P = (1L << 61) - 1;

  private final int shingleSize;
  private final long[] a;
  private final long[] b;

  /** The shingles of one text: distinct sorted hashes and their MinHash signature. */
  record Sketch(int words, long[] shingles, long[] signature) {}

  ShingleSketcher(int shingleSize, int numHashes, long seed) {
    this.shingleSize = shingleSize;
    this.a = new long[numHashes];
    this.b = new long[numHashes];
    long state = seed;
    for (int i = 0; i < numHashes; i++) {
      state += 0x9E3779B97F4A7C15L;
      a[i] = 1 + Long.remainderUnsigned(splitMix(state), P - 1);
      state += 0x9E3779B97F4A7C15L;
      b[i] = Long.remainderUnsigned(splitMix(state), P);
    }
  }

  // SplitMix64's output function (Steele, Lea, Flood 2014), applied to the advanced state.
  static long splitMix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long a(int i) {
    return a[i];
  }

  long b(int i) {
    return b[i];
  }

  Sketch sketch(String text) {
    String normal = Normalizer.normalize(text, Normalizer.Form.NFKC);
    byte[] buf = new byte[normal.length() * 3 + 4];
    int len = 0;
    int[] starts = new int[64];
    int[] ends = new int[64];
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < normal.length(); ) {
      int cp = normal.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        if (!inWord) {
          if (words == starts.length) {
            starts = Arrays.copyOf(starts, words * 2);
            ends = Arrays.copyOf(ends, words * 2);
          }
          if (words > 0) {
            buf[len++] = ' ';
          }
          starts[words] = len;
          inWord = true;
        }
        len = utf8(Character.toLowerCase(cp), buf, len);
        ends[words] = len;
      } else if (inWord) {
        words++;
        inWord = false;
      }
    }
    if (inWord) {
      words++;
    }
    if (words == 0) {
      return new Sketch(0, new long[0], emptySignature());
    }
    int count = Math.max(words - shingleSize + 1, 1);
    long[] hashes = new long[count];
    for (int i = 0; i < count; i++) {
      int last = Math.min(i + shingleSize, words) - 1;
      hashes[i] = XxHash64.hash(buf, starts[i], ends[last] - starts[i], 0);
    }
    long[] distinct = distinctSorted(hashes);
    return new Sketch(words, distinct, signature(distinct));
  }

  private long[] emptySignature() {
    long[] sig = new long[a.length];
    Arrays.fill(sig, P);
    return sig;
  }

  long[] signature(long[] shingles) {
    long[] min = emptySignature();
    int n = a.length;
    for (long x : shingles) {
      long xr = mod(x);
      for (int i = 0; i < n; i++) {
        long h = mulAddMod(a[i], xr, b[i]);
        if (h < min[i]) {
          min[i] = h;
        }
      }
    }
    return min;
  }

  /** Unsigned {@code x mod p}; 2^61 is 1 modulo the Mersenne prime p. */
  static long mod(long x) {
    long r = (x & P) + (x >>> 61);
    return r >= P ? r - P : r;
  }

  /** {@code (a·x + b) mod p} for a, x, b in [0, p), exactly, with a 122-bit product. */
  static long mulAddMod(long a, long x, long b) {
    long lo = a * x;
    long hi = Math.multiplyHigh(a, x);
    // product = hi·2^64 + lo = ((hi << 3) | lo >>> 61)·2^61 + (lo & p), and 2^61 ≡ 1 (mod p).
    long s = ((hi << 3) | (lo >>> 61)) + (lo & P);
    s = mod(s) + b;
    return mod(s);
  }

  /** Exact Jaccard index of two sorted distinct hash sets, in ppm (floor); 0 when both empty. */
  static long jaccardPpm(long[] x, long[] y) {
    int i = 0;
    int j = 0;
    long common = 0;
    while (i < x.length && j < y.length) {
      if (x[i] == y[j]) {
        common++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    long union = (long) x.length + y.length - common;
    return union == 0 ? 0 : common * 1_000_000L / union;
  }

  private static long[] distinctSorted(long[] v) {
    Arrays.sort(v);
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (n == 0 || v[i] != v[n - 1]) {
        v[n++] = v[i];
      }
    }
    return Arrays.copyOf(v, n);
  }

  private static int utf8(int cp, byte[] buf, int at) {
    if (cp < 0x80) {
      buf[at++] = (byte) cp;
    } else if (cp < 0x800) {
      buf[at++] = (byte) (0xC0 | cp >>> 6);
      buf[at++] = (byte) (0x80 | cp & 0x3F);
    } else if (cp < 0x10000) {
      buf[at++] = (byte) (0xE0 | cp >>> 12);
      buf[at++] = (byte) (0x80 | cp >>> 6 & 0x3F);
      buf[at++] = (byte) (0x80 | cp & 0x3F);
    } else {
      buf[at++] = (byte) (0xF0 | cp >>> 18);
      buf[at++] = (byte) (0x80 | cp >>> 12 & 0x3F);
      buf[at++] = (byte) (0x80 | cp >>> 6 & 0x3F);
      buf[at++] = (byte) (0x80 | cp & 0x3F);
    }
    return at;
  }
}
