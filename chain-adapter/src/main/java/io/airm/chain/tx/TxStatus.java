package io.airm.chain.tx;

/** Where one journaled transaction stands. */
public enum TxStatus {
  /** Signed and journaled; broadcast or about to be; no receipt yet. */
  PENDING,
  /** Mined, with enough confirmations: its receipt is journaled. */
  MINED,
  /** A sibling (same nonce) was mined instead. */
  SUPERSEDED,
  /** Its nonce was used by a transaction that is none of its siblings. */
  DROPPED,
  /** Timed out without evidence either way; still watched, never treated as failed. */
  UNKNOWN,
  /** The node refused it outright before anything later was signed: its nonce is free again. */
  REJECTED;

  /** Whether the pipeline still watches it (it may yet be mined). */
  public boolean isOpen() {
    return this == PENDING || this == UNKNOWN;
  }
}
