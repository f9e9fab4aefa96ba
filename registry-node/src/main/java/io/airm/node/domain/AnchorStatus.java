package io.airm.node.domain;

/** The life of an anchor transaction. */
public enum AnchorStatus {
  /** Signed and stored, not yet broadcast (or the broadcast's fate is unknown). */
  SIGNED,
  /** Broadcast; no receipt yet. */
  SENT,
  /** Mined successfully; not yet deep enough. */
  MINED,
  /** Mined, the configured number of blocks deep, its block still canonical. */
  FINAL,
  /** Mined but reverted, or dropped for good: its entries are anchored by a later transaction. */
  FAILED
}
