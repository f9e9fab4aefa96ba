package io.airm.chain.registry;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;

/**
 * A usage attestation as {@code UsageAttestations} stores it.
 *
 * @param id its on-chain id, counting from 1
 * @param attester the company's account that made it
 * @param attestedAt the timestamp of the block that stored it, unix seconds
 * @param revoked whether its attester has revoked it
 * @param workCount how many works it names
 * @param modelId the model's id
 * @param modelVersionHash keccak256 of the model version string (the string is in the event)
 * @param worksRoot the root of the attested work ids
 * @param evidenceDigest SHA-256 of the evidence document
 * @param digest the EIP-712 digest of the attestation message, which the registry's log names
 */
public record OnChainAttestation(
    BigInteger id,
    Address attester,
    long attestedAt,
    boolean revoked,
    long workCount,
    Bytes32 modelId,
    Bytes32 modelVersionHash,
    Bytes32 worksRoot,
    Bytes32 evidenceDigest,
    Bytes32 digest) {
  public OnChainAttestation {
    if (id == null || id.signum() <= 0) {
      throw new IllegalArgumentException("An attestation id is positive, not " + id);
    }
    if (attester == null
        || modelId == null
        || modelVersionHash == null
        || worksRoot == null
        || evidenceDigest == null
        || digest == null) {
      throw new IllegalArgumentException("Attestation " + id + " is missing a field");
    }
    if (attestedAt < 0 || workCount < 0) {
      throw new IllegalArgumentException(
          "Attestation " + id + " has a negative time or work count");
    }
  }
}
