package io.airm.chain.merkle;

import io.airm.chain.ChainException;

/**
 * A Merkle proof, or the tree heads it relates, does not verify; the message names the tree sizes,
 * the leaf index and, for a root mismatch, both the computed and the expected root in hex.
 */
public class MerkleProofException extends ChainException {

  /** Creates the exception with a full-sentence message. */
  public MerkleProofException(String message) {
    super(message);
  }
}
