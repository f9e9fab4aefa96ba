package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import java.math.BigInteger;

/**
 * An account as an attester, as the node sees it ({@code GET /v1/attesters/{account}}).
 *
 * @param account the account
 * @param attester whether it holds ATTESTER_ROLE on {@code UsageAttestations}
 * @param nextNonce the nonce its next attestation to this node must carry: the contract's nonce, or
 *     one past the highest the node holds if that is further on
 * @param chainNonce the contract's next nonce, {@code UsageAttestations.nonce(account)}
 * @param pending how many of its attestations the node holds that the chain has not yet recorded
 */
public record AttesterInfo(
    Address account, boolean attester, BigInteger nextNonce, BigInteger chainNonce, long pending) {
  static AttesterInfo fromJson(JsonNode body) {
    JsonNode attester = Json.field(body, "attester");
    if (!attester.isBoolean()) {
      throw new RegistryClientException(
          0, "The node's 'attester' is not true or false: " + attester);
    }
    return new AttesterInfo(
        Json.address(body, "account"),
        attester.booleanValue(),
        Json.bigInteger(body, "nextNonce"),
        Json.bigInteger(body, "chainNonce"),
        Json.longValue(body, "pending"));
  }
}
