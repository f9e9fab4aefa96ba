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
import org.web3j.crypto.ECKeyPair;

/**
 * Signs usage attestations for an AI company: computes the evidence digest, the works root and
 * count from the evidence document, builds the EIP-712 {@code Attestation} and signs it. The key is
 * never logged nor shown by {@link #toString()}.
 */
public final class AttestationSigner {
  private final Credentials key;

  /** A signer for the key given as hex (with or without {@code 0x}). */
  public AttestationSigner(String privateKeyHex) {
    this(Keys.credentials(privateKeyHex));
  }

  /** A signer for web3j {@code credentials}. */
  public AttestationSigner(Credentials credentials) {
    this.key = java.util.Objects.requireNonNull(credentials, "credentials");
  }

  /** A signer for web3j {@code credentials}. */
  public static AttestationSigner of(Credentials credentials) {
    return new AttestationSigner(credentials);
  }

  /** A signer for a web3j key pair. */
  public static AttestationSigner of(ECKeyPair keyPair) {
    return new AttestationSigner(Credentials.create(keyPair));
  }

  /** A signer for the key given as hex (with or without {@code 0x}). */
  public static AttestationSigner fromHex(String privateKeyHex) {
    return new AttestationSigner(privateKeyHex);
  }

  /** Names the attester's address, never the key. */
  @Override
  public String toString() {
    return "AttestationSigner[" + address() + "]";
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
   * @param modelId the model's id
   * @param modelVersion the model's version, as the company names it
   * @param evidence the evidence document
   * @param nonce the attester's next nonce (see {@link RegistryClient#nextAttestationNonce})
   * @param validity how long the signature stays valid
   * @param domain the attestation domain ({@link RegistryInfo#requireAttestationDomain()})
   */
  public Signed sign(
      Bytes32 modelId,
      String modelVersion,
      EvidenceDocument evidence,
      BigInteger nonce,
      Duration validity,
      Eip712Domain domain) {
    return sign(modelId, modelVersion, evidence.toJson(), nonce, validity, domain);
  }

  /**
   * Signs an attestation of the works the {@code evidence} document ({@code airm-evidence/1}, as
   * JSON) lists.
   *
   * @param nonce the attester's next nonce (see {@link RegistryClient#nextAttestationNonce})
   * @throws io.airm.node.settlement.SettlementFormatException if the document is not well formed
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
