package io.airm.node.settle;

import io.airm.node.domain.Attestation;
import io.airm.node.domain.AttestationChain;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.AttestationStore;
import io.airm.node.domain.Leadership;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records stored attestations on chain through {@code attestBySig}, in log order per attester.
 * Every decision is taken from the database and the chain, never from memory, so that a crash, a
 * restart or another node taking over the lease neither loses nor doubles a record: an attestation
 * whose digest the chain already holds is marked recorded; one whose nonce the chain has moved past
 * without it failed; one whose nonce is next is (re)sent.
 */
public final class AttestationRelayer {
  private static final Logger LOG = LoggerFactory.getLogger(AttestationRelayer.class);
  private static final int BATCH = 200;

  private final AttestationStore attestations;
  private final AttestationChain chain;
  private final Leadership leadership;
  private final Clock clock;

  public AttestationRelayer(
      AttestationStore attestations, AttestationChain chain, Leadership leadership, Clock clock) {
    this.attestations = attestations;
    this.chain = chain;
    this.leadership = leadership;
    this.clock = clock;
  }

  /** One round over the pending and submitted attestations. */
  public void runOnce() {
    if (!leadership.isLeader()) {
      return;
    }
    for (Attestation a : attestations.inState(AttestationState.SUBMITTED, BATCH)) {
      checkSubmitted(a);
    }
    Set<String> waiting = new HashSet<>();
    for (Attestation a : attestations.inState(AttestationState.PENDING, BATCH)) {
      String attester = a.message().attester().value();
      if (waiting.contains(attester)) {
        continue; // an earlier attestation of the same attester is not on chain yet
      }
      if (!send(a)) {
        waiting.add(attester);
      }
    }
  }

  private boolean recordedAlready(Attestation a) {
    Optional<AttestationChain.Recorded> recorded = chain.recorded(a.id());
    if (recorded.isPresent()) {
      AttestationChain.Recorded r = recorded.get();
      attestations.markRecorded(a.id(), r.txHash(), r.chainId(), r.attestedAt());
      LOG.info("Attestation {} recorded on chain as #{}", a.id(), r.chainId());
      return true;
    }
    return false;
  }

  /** Sends a pending attestation if its nonce is next; false if it must wait. */
  private boolean send(Attestation a) {
    if (recordedAlready(a)) {
      return true;
    }
    BigInteger next = chain.nonce(a.message().attester());
    int order = a.message().nonce().compareTo(next);
    if (order < 0) {
      attestations.markFailed(
          a.id(),
          "The attester's nonce "
              + a.message().nonce()
              + " was used on chain by another transaction");
      return true;
    }
    if (order > 0) {
      return false;
    }
    if (a.message().deadline().longValue() < clock.instant().getEpochSecond()) {
      attestations.markFailed(a.id(), "The signature's deadline passed before it could be sent");
      return true;
    }
    var tx = chain.relay(a.message(), a.signature());
    attestations.markSubmitted(a.id(), tx);
    LOG.info("Attestation {} sent to UsageAttestations in {}", a.id(), tx);
    return false;
  }

  private void checkSubmitted(Attestation a) {
    if (recordedAlready(a)) {
      return;
    }
    Optional<Boolean> reverted = a.txHash().flatMap(chain::reverted);
    if (reverted.orElse(false)) {
      attestations.markFailed(
          a.id(), "UsageAttestations.attestBySig reverted in " + a.txHash().orElseThrow());
      return;
    }
    BigInteger next = chain.nonce(a.message().attester());
    if (next.compareTo(a.message().nonce()) > 0 && chain.recorded(a.id()).isEmpty()) {
      attestations.markFailed(
          a.id(), "The attester's nonce was used on chain by another transaction");
    }
  }
}
