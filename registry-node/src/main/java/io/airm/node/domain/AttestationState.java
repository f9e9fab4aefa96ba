package io.airm.node.domain;

/** Where a usage attestation stands on its way to the chain. */
public enum AttestationState {
  /** Stored and in the log; not yet sent to {@code UsageAttestations}. */
  PENDING,
  /** Its {@code attestBySig} transaction has been sent. */
  SUBMITTED,
  /** Recorded on chain; it has an on-chain id and can back a pool. */
  RECORDED,
  /** The chain refused it (for example an expired deadline); the reason is kept. */
  FAILED;

  /** The lower-case name the API shows. */
  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
