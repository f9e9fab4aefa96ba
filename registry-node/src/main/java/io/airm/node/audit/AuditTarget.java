package io.airm.node.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eth.Address;
import io.airm.chain.events.CheckpointAnchored;
import io.airm.chain.events.Web3jLogSource;
import io.airm.chain.registry.Checkpoint;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What a log audit holds the node to, read from the auditor's own chain endpoint: the
 * WorkRegistry's EIP-712 domain as the contract reports it, the UsageAttestations domain, and every
 * checkpoint anchored so far.
 *
 * @param workRegistry the domain work registrations are signed under
 * @param usageAttestations the domain attestations are signed under, if the node names the contract
 * @param checkpoints the CheckpointAnchored events, in chain order
 */
public record AuditTarget(
    Eip712Domain workRegistry,
    Optional<Eip712Domain> usageAttestations,
    List<Checkpoint> checkpoints) {
  public AuditTarget {
    checkpoints = List.copyOf(checkpoints);
  }

  /**
   * Reads the target of {@code registry} from {@code chain}, checking that the chain, the contract
   * and the node's {@code GET /v1/registry} answer ({@code info}) speak of the same chain and
   * registry.
   *
   * @throws LogAuditException if they do not
   */
  public static AuditTarget read(ChainClient chain, Address registry, JsonNode info) {
    Eip712Domain domain = trustedDomain(chain, registry, info);
    Optional<Eip712Domain> attestations =
        info.hasNonNull("usageAttestations")
            ? Optional.of(
                io.airm.chain.eip712.AttestationMessage.domain(
                    domain.chainId().longValueExact(),
                    Address.parse(info.get("usageAttestations").asText())))
            : Optional.empty();
    return new AuditTarget(domain, attestations, checkpoints(chain, registry, info));
  }

  private static Eip712Domain trustedDomain(ChainClient chain, Address registry, JsonNode info) {
    long chainId = chain.chainId();
    JsonNode advertised = info.path("eip712Domain");
    if (advertised.path("chainId").asLong(-1) != chainId) {
      throw LogAuditException.ofLog(
          "the node signs registrations under chain id "
              + advertised.path("chainId")
              + ", but the chain at the RPC endpoint has chain id "
              + chainId);
    }
    WorkRegistryContract contract = new WorkRegistryContract(chain, registry);
    if (!contract.isDeployed()) {
      throw LogAuditException.ofLog(
          "no contract is deployed at WorkRegistry " + registry + " on chain " + chainId);
    }
    Eip712Domain domain = contract.domain();
    if (!Eip712Domain.WORK_REGISTRY_NAME.equals(domain.name())
        || domain.chainId().longValueExact() != chainId
        || !domain.verifyingContract().equals(registry)) {
      throw LogAuditException.ofLog(
          "the contract at "
              + registry
              + " reports EIP-712 domain "
              + domain
              + ", not a WorkRegistry's on chain "
              + chainId);
    }
    Eip712Domain nodeDomain;
    try {
      nodeDomain =
          new Eip712Domain(
              advertised.path("name").asText(),
              advertised.path("version").asText(),
              BigInteger.valueOf(chainId),
              Address.parse(advertised.path("verifyingContract").asText()));
    } catch (IllegalArgumentException e) {
      throw LogAuditException.ofLog(
          "the node advertises a malformed EIP-712 domain: " + advertised);
    }
    if (!nodeDomain.equals(domain)) {
      throw LogAuditException.ofLog(
          "the node advertises EIP-712 domain "
              + nodeDomain
              + ", but the chain's WorkRegistry has "
              + domain);
    }
    return domain;
  }

  /** Every CheckpointAnchored event since the deployment block, checked against the count. */
  private static List<Checkpoint> checkpoints(ChainClient chain, Address registry, JsonNode info) {
    long count = new WorkRegistryContract(chain, registry).checkpointCount();
    long head = chain.blockNumber(); // after the count: events up to here are at least that many
    long fromBlock = info.path("deploymentBlock").asLong(0);
    List<CheckpointAnchored> events =
        ChainCheckpoints.read(new Web3jLogSource(chain), registry, fromBlock, head);
    if (events.size() < count) {
      throw LogAuditException.ofLog(
          "WorkRegistry "
              + registry
              + " counts "
              + count
              + " checkpoints, but only "
              + events.size()
              + " CheckpointAnchored events are in blocks "
              + fromBlock
              + " to "
              + head
              + " (the node's deploymentBlock is too late, or the RPC endpoint drops logs)");
    }
    return events.stream().map(e -> new Checkpoint(e.treeSize(), e.root())).toList();
  }
}
