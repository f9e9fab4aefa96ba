package io.airm.node.domain;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** Where usage attestations live (port). */
public interface AttestationStore {
  /**
   * Writes the attestation (state {@link AttestationState#PENDING}) and appends its leaf to the log
   * in ONE database transaction; the log index of the argument is ignored.
   *
   * @return the stored attestation, with its log index
   * @throws DuplicateAttestationException if the id is already stored, or the attester's nonce by
   *     an attestation that is not failed
   */
  Attestation insert(Attestation attestation);

  /** The attestation with this id. */
  Optional<Attestation> find(Bytes32 id);

  /** The attestation the chain gave this id. */
  Optional<Attestation> findByChainId(BigInteger chainId);

  /** Attestations in {@code state}, oldest log index first. */
  List<Attestation> inState(AttestationState state, int limit);

  /**
   * The highest nonce the attester's attestations hold, failed ones aside (a failed attestation
   * holds no nonce: one it left unused on chain may be signed again), if any.
   */
  Optional<BigInteger> highestNonce(Address attester);

  /**
   * The failed attestation that left free the lowest of the attester's nonces in {@code [from,
   * below)}: failed, with a nonce in that range, and no attestation that is not failed holding that
   * nonce. Of several failed at that nonce, the latest. With {@code from} the chain's next nonce,
   * this is the failure that keeps every pending attestation with a nonce of {@code below} or more
   * from ever being relayed.
   */
  Optional<Attestation> failureLeavingNonceFree(
      Address attester, BigInteger from, BigInteger below);

  /**
   * How many of the attester's attestations are held but not yet recorded on chain: those {@link
   * AttestationState#PENDING} or {@link AttestationState#SUBMITTED} (a failed one never will be).
   */
  long unrecorded(Address attester);

  /** The attestation's transaction was sent. */
  void markSubmitted(Bytes32 id, Bytes32 txHash);

  /** The chain recorded it under {@code chainId} at {@code attestedAt}. */
  void markRecorded(Bytes32 id, Bytes32 txHash, BigInteger chainId, long attestedAt);

  /** It will never be recorded; its nonce is no longer held (a recorded one is left as it is). */
  void markFailed(Bytes32 id, String reason);

  /** A concurrent insert stored the same id, or the same live nonce, first. */
  final class DuplicateAttestationException extends RuntimeException {
    public DuplicateAttestationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
