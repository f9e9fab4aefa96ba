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
   * @throws DuplicateAttestationException if the id or the attester's nonce is already stored
   */
  Attestation insert(Attestation attestation);

  /** The attestation with this id. */
  Optional<Attestation> find(Bytes32 id);

  /** The attestation the chain gave this id. */
  Optional<Attestation> findByChainId(BigInteger chainId);

  /** Attestations in {@code state}, oldest log index first. */
  List<Attestation> inState(AttestationState state, int limit);

  /** The highest nonce stored for the attester, if any. */
  Optional<BigInteger> highestNonce(Address attester);

  /**
   * How many of the attester's attestations are held but not yet recorded on chain: those {@link
   * AttestationState#PENDING} or {@link AttestationState#SUBMITTED} (a failed one never will be).
   */
  long unrecorded(Address attester);

  /** The attestation's transaction was sent. */
  void markSubmitted(Bytes32 id, Bytes32 txHash);

  /** The chain recorded it under {@code chainId} at {@code attestedAt}. */
  void markRecorded(Bytes32 id, Bytes32 txHash, BigInteger chainId, long attestedAt);

  /** The chain refused it. */
  void markFailed(Bytes32 id, String reason);

  /** A concurrent insert stored the same id or nonce first. */
  final class DuplicateAttestationException extends RuntimeException {
    public DuplicateAttestationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
