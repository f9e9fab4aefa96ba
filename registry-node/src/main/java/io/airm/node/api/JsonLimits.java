package io.airm.node.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * The structure limits every JSON request is read under, so that a small body cannot cost a large
 * amount of memory or stack: nesting depth, string length, number length and document length.
 *
 * @param maxDepth the deepest nesting of arrays and objects ({@code http.max-json-depth})
 * @param maxStringLength the longest string, in characters ({@code http.max-json-string})
 * @param maxDocumentLength the longest document, in characters ({@code http.max-json-bytes}); -1
 *     for no limit beyond the body size
 */
public record JsonLimits(int maxDepth, int maxStringLength, long maxDocumentLength) {
  /** The longest number, in characters: a uint256 has at most 78 digits. */
  public static final int MAX_NUMBER_LENGTH = 80;

  /** The defaults of the configuration keys, without a document length limit. */
  public static final JsonLimits DEFAULTS = new JsonLimits(32, 65_536, -1);

  public JsonLimits {
    if (maxDepth < 1 || maxStringLength < 1 || maxDocumentLength == 0 || maxDocumentLength < -1) {
      throw new IllegalArgumentException(
          "JSON limits must be positive: depth "
              + maxDepth
              + ", string "
              + maxStringLength
              + ", document "
              + maxDocumentLength);
    }
  }

  /** These limits as Jackson's read constraints. */
  public StreamReadConstraints constraints() {
    return StreamReadConstraints.builder()
        .maxNestingDepth(maxDepth)
        .maxStringLength(maxStringLength)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxDocumentLength(maxDocumentLength)
        .build();
  }

  /**
   * A sentence a client can act on for a violated limit, naming the limit and its configuration
   * key; Jackson's own message names a Java method.
   */
  public String explain(StreamConstraintsException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("NestingDepth")) {
      return "The JSON nests arrays and objects deeper than this node accepts (http.max-json-depth"
          + " = "
          + maxDepth
          + ")";
    }
    if (message.contains("StringLength")) {
      return "The JSON holds a string longer than this node accepts (http.max-json-string = "
          + maxStringLength
          + " characters)";
    }
    if (message.contains("NumberLength")) {
      return "The JSON holds a number longer than "
          + MAX_NUMBER_LENGTH
          + " characters; send big integers as decimal strings";
    }
    if (message.contains("DocumentLength")) {
      return "The JSON document is longer than this node accepts (http.max-json-bytes = "
          + maxDocumentLength
          + ")";
    }
    return "The JSON exceeds a structure limit of this node: " + e.getOriginalMessage();
  }
}
