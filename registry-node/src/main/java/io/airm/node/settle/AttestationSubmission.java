package io.airm.node.settle;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eip712.AttestationMessage;

/**
 * A {@code POST /v1/attestations} body, parsed.
 *
 * @param message the signed fields
 * @param signatureHex the attester's signature, {@code 0x} + 130 hex digits
 * @param evidence the evidence document ({@code airm-evidence/1}) as sent
 */
public record AttestationSubmission(
    AttestationMessage message, String signatureHex, JsonNode evidence) {}
