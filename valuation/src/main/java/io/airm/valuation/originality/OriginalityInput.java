package io.airm.valuation.originality;

import java.util.Optional;

/**
 * One registered work as the originality factor sees it. A work with text is scored on its text
 * (the extracted plain text of a document); a work with only data is scored on its bytes.
 *
 * @param workId the work's id (lower-case hex)
 * @param logIndex the work's position in the registry log; earlier works have smaller indexes
 * @param text the work's plain text, if it has any
 * @param data the work's bytes, for binary and media works (not copied; do not change it)
 */
public record OriginalityInput(
    String workId, long logIndex, Optional<String> text, Optional<byte[]> data) {
  public OriginalityInput {
    if (workId == null || workId.isBlank()) {
      throw new IllegalArgumentException("An originality input needs the work's id");
    }
    if (text == null || data == null) {
      throw new IllegalArgumentException(
          "Work " + workId + ": text and data must be Optional values, not null");
    }
  }

  /** A text work. */
  public static OriginalityInput text(String workId, long logIndex, String text) {
    return new OriginalityInput(workId, logIndex, Optional.of(text), Optional.empty());
  }

  /** A binary or media work. */
  public static OriginalityInput data(String workId, long logIndex, byte[] data) {
    return new OriginalityInput(workId, logIndex, Optional.empty(), Optional.of(data));
  }
}
