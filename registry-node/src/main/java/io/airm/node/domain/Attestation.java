package io.airm.node.domain;

import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stored usage attestation.
 *
 * @param id the EIP-712 digest the attester signed (its log leaf names it)
 * @param message the signed fields
 * @param signature the attester's signature
 * @param works the attested work ids, ascending
 * @param evidenceCid where the evidence document lies in IPFS
 * @param logIndex its leaf's index in the log
 * @param state where it stands on its way to the chain
 * @param txHash the {@code attestBySig} transaction, once sent
 * @param chainId the id {@code UsageAttestations} gave it, once recorded
 * @param attestedAt the block timestamp of the on-chain record, once recorded
 * @param failure why the chain refused it, if it did
 * @param submittedAt when the node accepted it
 */
public record Attestation(
    Bytes32 id,
    AttestationMessage message,
    EthSignature signature,
    List<Bytes32> works,
    String evidenceCid,
    long logIndex,
    AttestationState state,
    Optional<Bytes32> txHash,
    Optional<BigInteger> chainId,
    OptionalLong attestedAt,
    Optional<String> failure,
    Instant submittedAt) {
  public Attestation {
    works = List.copyOf(works);
  }

  /** The log leaf: {@code 0x02 ‖ id ‖ signature}. */
  public byte[] leafData() {
    return LogLeaf.attestation(id, signature);
  }
}
