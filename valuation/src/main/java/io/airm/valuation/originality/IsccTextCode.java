package io.airm.valuation.originality;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The ISCC Text-Code (ISO 24138, algorithm v0, as iscc-core 1.3.0 {@code gen_text_code_v0}): the
 * collapsed text's 13-character n-grams, hashed with xxHash32 and summarised by ISCC's MinHash.
 */
public final class IsccTextCode {
  /** Characters per n-gram (iscc-core {@code text_ngram_size}; conformance critical). */
  static final int NGRAM = 13;

  private final String iscc;
  private final int characters;
  private final byte[] digest;

  private IsccTextCode(String iscc, int characters, byte[] digest) {
    this.iscc = iscc;
    this.characters = characters;
    this.digest = digest;
  }

  /** The 64-bit Text-Code of {@code text}. */
  public static IsccTextCode of(String text) {
    return of(text, 64);
  }

  /** The Text-Code of {@code text} with {@code bits} (32 to 256, a multiple of 32) of digest. */
  public static IsccTextCode of(String text, int bits) {
    IsccCodec.checkBits(bits);
    String collapsed = collapse(text);
    int[] codePoints = collapsed.codePoints().toArray();
    byte[] digest =
        IsccMinHash.digest256(
            ngramFeatures(collapsed, codePoints), featureCount(codePoints.length));
    String iscc = IsccCodec.encode(IsccCodec.MT_CONTENT, IsccCodec.ST_TEXT, 0, bits, digest);
    return new IsccTextCode(iscc, codePoints.length, digest);
  }

  /**
   * ISCC's text normalisation ({@code text_collapse}): NFD; drop white space, control, format, mark
   * and punctuation characters (Unicode categories Z*, C*, M*, P*; every character Python's {@code
   * str.split()} treats as white space is in Z* or C*); lower-case; NFKC.
   */
  public static String collapse(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .filter(cp -> !dropped(Character.getType(cp)))
        .forEach(kept::appendCodePoint);
    return Normalizer.normalize(kept, Normalizer.Form.NFKC);
  }

  /** The text code's form {@code ISCC:EA…}. */
  public String iscc() {
    return iscc;
  }

  /** Code points in the collapsed text (iscc-core's {@code characters}). */
  public int characters() {
    return characters;
  }

  /** The full 256-bit digest (the code holds its first {@code bits}). */
  public byte[] digest() {
    return digest.clone();
  }

  /** The first 64 bits of the digest, big-endian: the body of a 64-bit Text-Code. */
  public long digest64() {
    return IsccCodec.first64(digest);
  }

  /** Similarity of two codes' 64-bit digests: (64 − Hamming distance) / 64, in ppm. */
  public static long similarityPpm(IsccTextCode a, IsccTextCode b) {
    return IsccCodec.similarityPpm(a.digest64(), b.digest64());
  }

  /** Similarity of two 64-bit digests: (64 − Hamming distance) / 64, in ppm. */
  public static long similarityPpm(long a, long b) {
    return IsccCodec.similarityPpm(a, b);
  }

  @Override
  public String toString() {
    return iscc;
  }

  private static boolean dropped(int type) {
    return switch (type) {
      case Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          true;
      default -> false;
    };
  }

  // A text shorter than one n-gram is one feature, as iscc-core's sliding_window yields it whole.
  private static int featureCount(int length) {
    return Math.max(length - NGRAM + 1, 1);
  }

  /** xxHash32 of the UTF-8 bytes of every 13-code-point window of {@code collapsed}. */
  static int[] ngramFeatures(String collapsed, int[] codePoints) {
    byte[] utf8 = collapsed.getBytes(StandardCharsets.UTF_8);
    int n = codePoints.length;
    int[] offset = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offset[i + 1] = offset[i] + utf8Length(codePoints[i]);
    }
    int count = featureCount(n);
    int[] features = new int[count];
    for (int i = 0; i < count; i++) {
      int end = offset[Math.min(i + NGRAM, n)];
      features[i] = XxHash32.hash(utf8, offset[i], end - offset[i], 0);
    }
    return features;
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
}
