package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.settlement.Evidence;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.web3j.crypto.Credentials;

/**
 * Signs usage attestations for an AI company: computes the evidence digest, the works root and
 * count from the evidence document, builds the EIP-712 {@code Attestation} and signs it.
 */
public final class AttestationSigner {
  private final Credentials key;

  /** A signer for the key given as hex. */
  public AttestationSigner(String privateKeyHex) {
    this.key = Credentials.create(privateKeyHex);
  }

  /** The attester's address. */
  public Address address() {
    return Address.parse(key.getAddress());
  }

  /**
   * A signed attestation, ready for {@code POST /v1/attestations}.
   *
   * @param message the signed fields
   * @param signature the attester's signature
   * @param id the attestation id (the EIP-712 digest)
   * @param evidence the evidence document, canonical
   */
  public record Signed(
      AttestationMessage message, EthSignature signature, Bytes32 id, JsonNode evidence) {}

  /**
   * Signs an attestation of the works the {@code evidence} document ({@code airm-evidence/1})
   * lists.
   *
   * @param nonce the attester's next nonce (the node's {@code GET /v1/attesters/…} or the
   *     contract's {@code nonces})
   */
  public Signed sign(
      Bytes32 modelId,
      String modelVersion,
      JsonNode evidence,
      BigInteger nonce,
      Duration validity,
      Eip712Domain domain) {
    Evidence parsed = Evidence.parse(evidence);
    AttestationMessage message =
        new AttestationMessage(
            modelId,
            modelVersion,
            parsed.worksRoot(),
            parsed.works().size(),
            parsed.digest(),
            address(),
            nonce,
            BigInteger.valueOf(Instant.now().plus(validity).getEpochSecond()));
    Bytes32 digest = message.digest(domain);
    return new Signed(
        message, EthSignature.sign(digest, key.getEcKeyPair()), digest, parsed.toJson());
  }
}
