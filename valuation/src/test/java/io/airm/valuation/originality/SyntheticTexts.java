package io.airm.valuation.originality;

import java.util.Random;

/** Reproducible prose-like texts over a fixed vocabulary, for tests and benchmarks. */
final class SyntheticTexts {
  private static final String[] VOCABULARY = vocabulary(5_000);

  private SyntheticTexts() {}

  /** About {@code words} words drawn with a Zipf-like skew, with sentence punctuation. */
  static String text(long seed, int words) {
    Random random = new Random(seed);
    StringBuilder out = new StringBuilder(words * 7);
    for (int i = 0; i < words; i++) {
      // Squaring a uniform draw favours the front of the vocabulary, as common words are common.
      double u = random.nextDouble();
      String word = VOCABULARY[(int) (u * u * VOCABULARY.length)];
      if (i % 12 == 0) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      out.append(word).append(i % 12 == 11 ? ". " : " ");
    }
    return out.toString();
  }

  /** {@code text} with {@code changes} words replaced, spread evenly. */
  static String withWordsChanged(String text, int changes) {
    String[] words = text.split(" ");
    for (int c = 0; c < changes; c++) {
      int at = (int) ((long) (c + 1) * words.length / (changes + 1));
      words[at] = "changed" + c;
    }
    return String.join(" ", words);
  }

  private static String[] vocabulary(int size) {
    Random random = new Random(20_260_101L);
    String[] words = new String[size];
    for (int i = 0; i < size; i++) {
      int length = 2 + random.nextInt(8);
      StringBuilder w = new StringBuilder(length);
      for (int k = 0; k < length; k++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      words[i] = w.toString();
    }
    return words;
  }
}
