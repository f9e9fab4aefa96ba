package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Bytes32;

/**
 * The node's answer to a registration: the work is in its log, not yet anchored.
 *
 * @param workId the work id, equal to the EIP-712 digest the creator signed
 * @param logIndex its index in the node's log
 * @param cid the content's CID (CIDv1, raw leaves)
 * @param replayed true if the node had already accepted this request (a retry) and answered from
 *     its record of it
 */
public record Registered(Bytes32 workId, long logIndex, String cid, boolean replayed) {
  static Registered fromJson(JsonNode body, boolean replayed) {
    return new Registered(
        Json.bytes32(body, "workId"),
        Json.longValue(body, "logIndex"),
        Json.text(body, "cid"),
        replayed);
  }
}
