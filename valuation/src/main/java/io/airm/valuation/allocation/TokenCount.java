package io.airm.valuation.allocation;

import io.airm.valuation.input.WorkInput;

/**
 * The token count a token-count marketplace would pay for, shown beside AIRM's allocation for
 * contrast: for a text, the number of maximal runs of non-white-space characters (a word count,
 * {@link Character#isWhitespace}); for binary content, {@code ceil(bytes / bytesPerToken)}.
 */
public final class TokenCount {
  private TokenCount() {}

  /** The work's token count. */
  public static long of(WorkInput work, int bytesPerToken) {
    if (work.isText()) {
      String text = work.text().orElse("");
      long count = 0;
      boolean inToken = false;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        boolean space = Character.isWhitespace(cp);
        if (!space && !inToken) {
          count++;
        }
        inToken = !space;
        i += Character.charCount(cp);
      }
      return count;
    }
    long bytes = work.data().map(d -> (long) d.length).orElse(0L);
    return (bytes + bytesPerToken - 1) / bytesPerToken;
  }
}
