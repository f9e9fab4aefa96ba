package io.airm.node.domain;

/** Where a pool's settlement run stands. */
public enum SettlementState {
  /** Requested; waits for the attestation on chain and a final checkpoint covering its works. */
  WAITING,
  /** Valued, documents stored in IPFS, allocations stored; the distribution is being posted. */
  POSTING,
  /** The distribution is on chain; its challenge window is open. */
  POSTED,
  /** The challenge window has closed unchallenged: creators can claim. */
  CLAIMABLE,
  /** An auditor challenged the distribution on chain. */
  CHALLENGED,
  /** It cannot complete; the reason is kept. */
  FAILED;

  /** The lower-case name the API shows. */
  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the settlement worker still has something to do. */
  public boolean isOpen() {
    return this == WAITING || this == POSTING || this == POSTED;
  }
}
