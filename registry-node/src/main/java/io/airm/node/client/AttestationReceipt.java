package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.AttestationState;
import java.util.Locale;

/**
 * The node's answer to an attestation: stored, in its log, and queued for the chain.
 *
 * @param id the attestation id, equal to the EIP-712 digest the attester signed
 * @param logIndex its index in the node's log
 * @param evidenceCid the CID of the evidence document the node stored in IPFS
 * @param state where it stands (pending until the node's relayer sends it)
 * @param replayed true if the node already held this attestation and answered from its record
 */
public record AttestationReceipt(
    Bytes32 id, long logIndex, String evidenceCid, AttestationState state, boolean replayed) {
  static AttestationReceipt fromJson(JsonNode body, boolean replayed) {
    return new AttestationReceipt(
        Json.bytes32(body, "id"),
        Json.longValue(body, "logIndex"),
        Json.text(body, "evidenceCid"),
        AttestationState.valueOf(Json.text(body, "state").toUpperCase(Locale.ROOT)),
        replayed);
  }
}
