package io.airm.valuation.influence;

import java.util.Arrays;

/**
 * A work or a probe for KNN-Shapley: its id, its int8 embedding and its class label.
 *
 * @param id the work id (lower-case hex in the registry) or a probe's name; ties in distance are
 *     broken by this id
 * @param embedding the int8 components; copied on the way in and on the way out
 * @param label the class label; a probe's neighbours count when their label equals the probe's
 */
public record LabeledPoint(String id, byte[] embedding, int label) {
  public LabeledPoint {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("A labelled point needs an id");
    }
    if (embedding == null || embedding.length == 0) {
      throw new IllegalArgumentException("Labelled point " + id + " needs a non-empty embedding");
    }
    embedding = embedding.clone();
  }

  /** A copy of the embedding. */
  @Override
  public byte[] embedding() {
    return embedding.clone();
  }

  /** The embedding itself, for the kernels in this package; never modified. */
  byte[] bytes() {
    return embedding;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledPoint other
        && id.equals(other.id)
        && label == other.label
        && Arrays.equals(embedding, other.embedding);
  }

  @Override
  public int hashCode() {
    return (id.hashCode() * 31 + label) * 31 + Arrays.hashCode(embedding);
  }

  @Override
  public String toString() {
    return "LabeledPoint[" + id + ", d=" + embedding.length + ", label=" + label + "]";
  }
}
