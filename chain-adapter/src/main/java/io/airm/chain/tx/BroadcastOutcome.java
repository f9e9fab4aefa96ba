package io.airm.chain.tx;

/**
 * What happened to a broadcast. Kept apart from "mined" on purpose: a node that accepted the bytes
 * may still drop them, and a nonce that is already used may belong to our own earlier broadcast.
 */
public enum BroadcastOutcome {
  /** The node accepted the transaction into its pool (or already had it). */
  ACCEPTED,
  /** The node refused it because the sender's nonce has moved past it: look for the receipt. */
  NONCE_ALREADY_USED
}
