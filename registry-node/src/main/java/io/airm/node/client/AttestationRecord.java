package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.AttestationState;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A usage attestation as {@code GET /v1/attestations/{id}} returns it.
 *
 * @param id the attestation id (the EIP-712 digest the attester signed)
 * @param state pending, submitted, recorded (on chain) or failed
 * @param message the signed fields
 * @param signature the attester's signature
 * @param works the attested work ids, sorted
 * @param logIndex its index in the node's log
 * @param evidenceCid the CID of the evidence document the node stored
 * @param submittedAt when the node accepted it
 * @param chainAttestationId its id on {@code UsageAttestations}, once recorded (a pool names it)
 * @param attestedAt the block timestamp of the on-chain record, once recorded
 * @param txHash the {@code attestBySig} transaction, once sent
 * @param failure why the chain refused it, if it failed
 */
public record AttestationRecord(
    Bytes32 id,
    AttestationState state,
    AttestationMessage message,
    EthSignature signature,
    List<Bytes32> works,
    long logIndex,
    String evidenceCid,
    Instant submittedAt,
    Optional<BigInteger> chainAttestationId,
    OptionalLong attestedAt,
    Optional<Bytes32> txHash,
    Optional<String> failure) {

  /** Copies the list. */
  public AttestationRecord {
    works = List.copyOf(works);
  }

  static AttestationRecord fromJson(JsonNode body) {
    return new AttestationRecord(
        Json.bytes32(body, "id"),
        AttestationState.valueOf(Json.text(body, "state").toUpperCase(Locale.ROOT)),
        WireFormat.attestation(Json.field(body, "attestation"), "attestation"),
        EthSignature.parse(Json.text(body, "signature")),
        Json.bytes32List(body, "works"),
        Json.longValue(body, "logIndex"),
        Json.text(body, "evidenceCid"),
        Instant.parse(Json.text(body, "submittedAt")),
        Json.optionalText(body, "chainAttestationId").map(BigInteger::new),
        body.has("attestedAt")
            ? OptionalLong.of(body.get("attestedAt").asLong())
            : OptionalLong.empty(),
        Json.optionalText(body, "txHash").map(Bytes32::parse),
        Json.optionalText(body, "failure"));
  }
}
