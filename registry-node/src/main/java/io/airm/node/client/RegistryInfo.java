package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.Optional;

/**
 * What {@code GET /v1/registry} says: the EIP-712 domains to sign under, the contracts, the chain
 * endpoint the node advertises, and where its log stands.
 *
 * @param workDomain the domain registrations are signed under ({@code AIRM WorkRegistry})
 * @param attestationDomain the domain usage attestations are signed under, if the node takes them
 * @param chainId the chain's id
 * @param workRegistry the {@code WorkRegistry} contract
 * @param usageAttestations the {@code UsageAttestations} contract, if the node takes attestations
 * @param rewardDistributor the {@code RewardDistributor} contract, if the node settles pools
 * @param rpcUrl the chain endpoint the node advertises (an auditor should bring its own)
 * @param deploymentBlock the block the registry was deployed in
 * @param logSize the number of entries in the node's log
 * @param latestCheckpoint the newest checkpoint anchored on chain, if any
 */
public record RegistryInfo(
    Eip712Domain workDomain,
    Optional<Eip712Domain> attestationDomain,
    long chainId,
    Address workRegistry,
    Optional<Address> usageAttestations,
    Optional<Address> rewardDistributor,
    String rpcUrl,
    long deploymentBlock,
    long logSize,
    Optional<Checkpoint> latestCheckpoint) {

  /**
   * A checkpoint: a tree head of the log anchored on chain.
   *
   * @param treeSize the number of log entries it covers
   * @param root the RFC 6962 root of those entries
   * @param txHash the anchoring transaction
   * @param status {@code pending}, {@code mined}, {@code final} … as the node reports it
   */
  public record Checkpoint(long treeSize, Bytes32 root, Bytes32 txHash, String status) {}

  /** The attestation domain, or an exception naming the node if it does not take attestations. */
  public Eip712Domain requireAttestationDomain() {
    return attestationDomain.orElseThrow(
        () ->
            new RegistryClientException(
                0, "The node does not take attestations: /v1/registry has no attestationDomain"));
  }

  static RegistryInfo fromJson(JsonNode body) {
    JsonNode checkpoint = body.get("latestCheckpoint");
    return new RegistryInfo(
        domain(body.get("eip712Domain")),
        Optional.ofNullable(body.get("attestationDomain")).map(RegistryInfo::domain),
        Json.longValue(body, "chainId"),
        Json.address(body, "workRegistry"),
        Json.optionalText(body, "usageAttestations").map(Address::parse),
        Json.optionalText(body, "rewardDistributor").map(Address::parse),
        Json.text(body, "rpcUrl"),
        Json.longValue(body, "deploymentBlock"),
        Json.longValue(body, "logSize"),
        checkpoint == null
            ? Optional.empty()
            : Optional.of(
                new Checkpoint(
                    Json.longValue(checkpoint, "treeSize"),
                    Json.bytes32(checkpoint, "root"),
                    Json.bytes32(checkpoint, "txHash"),
                    Json.text(checkpoint, "status"))));
  }

  private static Eip712Domain domain(JsonNode domain) {
    if (domain == null || !domain.isObject()) {
      throw new RegistryClientException(0, "The node's /v1/registry has no EIP-712 domain");
    }
    return new Eip712Domain(
        Json.text(domain, "name"),
        Json.text(domain, "version"),
        BigInteger.valueOf(Json.longValue(domain, "chainId")),
        Json.address(domain, "verifyingContract"));
  }
}
