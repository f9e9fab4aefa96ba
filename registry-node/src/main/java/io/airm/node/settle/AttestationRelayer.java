package io.airm.node.settle;

import io.airm.chain.eth.Address;
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
 *
 * <p>An attestation that fails with its nonce still unused on chain (its deadline passed before it
 * could be sent, or {@code attestBySig} reverted) frees that nonce, and the attester signs again
 * with it. Its attester's later pending attestations can then never be relayed (the chain takes
 * nonces in order, and this node holds nothing for the freed one): each is failed in turn, naming
 * the failed attestation and the nonce to sign again from. That decision too is read from the
 * database (a failed attestation whose nonce no live one holds) and the chain (its next nonce is
 * not past it), so it is taken again after a crash between the two.
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
    BigInteger nonce = a.message().nonce();
    BigInteger next = chain.nonce(a.message().attester());
    int order = nonce.compareTo(next);
    if (order < 0) {
      attestations.markFailed(
          a.id(), "The attester's nonce " + nonce + " was used on chain by another transaction");
      return true;
    }
    if (order > 0) {
      return failIfNeverRelayable(a, next);
    }
    if (a.message().deadline().longValue() < clock.instant().getEpochSecond()) {
      attestations.markFailed(
          a.id(), "The signature's deadline passed before it could be sent; " + unused(nonce));
      LOG.warn("Attestation {} failed: its deadline passed; nonce {} is free again", a.id(), nonce);
      return true;
    }
    var tx = chain.relay(a.message(), a.signature());
    attestations.markSubmitted(a.id(), tx);
    LOG.info("Attestation {} sent to UsageAttestations in {}", a.id(), tx);
    return false;
  }

  /**
   * A pending attestation whose nonce is beyond the chain's next waits for those before it, unless
   * a nonce between was freed by a failed attestation: nothing this node holds will use that nonce
   * before a new attestation signs it, which this one's holding a higher nonce prevents. It fails.
   *
   * @return true if it failed, false if it waits
   */
  private boolean failIfNeverRelayable(Attestation a, BigInteger chainNext) {
    Address attester = a.message().attester();
    BigInteger nonce = a.message().nonce();
    Optional<Attestation> blocking =
        attestations.failureLeavingNonceFree(attester, chainNext, nonce);
    if (blocking.isEmpty()) {
      return false;
    }
    Attestation failed = blocking.get();
    BigInteger free = failed.message().nonce();
    attestations.markFailed(
        a.id(),
        "Attestation "
            + failed.id()
            + " failed with the attester's nonce "
            + free
            + " unused on chain, so this one (nonce "
            + nonce
            + ") can never be relayed: sign again from nonce "
            + free);
    LOG.warn(
        "Attestation {} (nonce {}) failed: attestation {} left nonce {} of {} unused",
        a.id(),
        nonce,
        failed.id(),
        free,
        attester);
    return true;
  }

  private static String unused(BigInteger nonce) {
    return "the attester's nonce " + nonce + " is unused on chain: sign again with nonce " + nonce;
  }

  private void checkSubmitted(Attestation a) {
    if (recordedAlready(a)) {
      return;
    }
    Optional<Boolean> reverted = a.txHash().flatMap(chain::reverted);
    if (reverted.orElse(false)) {
      BigInteger nonce = a.message().nonce();
      String reason = "UsageAttestations.attestBySig reverted in " + a.txHash().orElseThrow();
      if (chain.nonce(a.message().attester()).equals(nonce)) {
        reason += "; " + unused(nonce);
      }
      attestations.markFailed(a.id(), reason);
      LOG.warn("Attestation {} failed: {}", a.id(), reason);
      return;
    }
    BigInteger next = chain.nonce(a.message().attester());
    if (next.compareTo(a.message().nonce()) > 0 && chain.recorded(a.id()).isEmpty()) {
      attestations.markFailed(
          a.id(), "The attester's nonce was used on chain by another transaction");
    }
  }
}
