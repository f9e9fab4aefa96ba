package io.airm.node.domain;

import java.util.Locale;

/** Where a work's log entry stands with respect to the chain. */
public enum WorkState {
  /** In the log, not yet covered by a mined checkpoint. */
  PENDING,
  /** Covered by a checkpoint whose anchor transaction is mined. */
  ANCHORED,
  /**
   * Covered by a checkpoint that is the configured number of blocks deep, on the canonical chain.
   */
  FINAL;

  /** The lower-case name the API shows. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
