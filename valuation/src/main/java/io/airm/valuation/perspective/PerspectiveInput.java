package io.airm.valuation.perspective;

import java.util.Optional;

/**
 * One work as the perspective factor sees it.
 *
 * @param workId the work's id (lower-case hex); ties in log index are broken by it
 * @param logIndex the work's position in the registry log
 * @param embedding an int8 embedding, the same dimension for every work that has one
 * @param text the work's text, used when there is no embedding
 */
public record PerspectiveInput(
    String workId, long logIndex, Optional<byte[]> embedding, Optional<String> text) {
  public PerspectiveInput {
    if (workId == null || workId.isEmpty()) {
      throw new IllegalArgumentException("A perspective input needs a work id");
    }
    if (embedding == null || text == null) {
      throw new IllegalArgumentException(
          "Work " + workId + ": use Optional.empty(), not null, for a missing embedding or text");
    }
    embedding = embedding.map(byte[]::clone);
  }
}
