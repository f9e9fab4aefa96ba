package io.airm.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import io.airm.node.client.RegistryClient;
import java.util.Optional;

/**
 * Where a command finds the chain and the contracts: given on the command line, or advertised by
 * the node's {@code GET /v1/registry}.
 */
record NodeContracts(
    String rpcUrl, Address workRegistry, Address usageAttestations, Address rewardDistributor) {

  static NodeContracts resolve(
      String nodeUrl,
      Optional<String> rpc,
      Optional<String> attestations,
      Optional<String> distributor) {
    JsonNode info = null;
    if (rpc.isEmpty() || attestations.isEmpty() || distributor.isEmpty()) {
      info = new RegistryClient(nodeUrl).registryInfo();
    }
    JsonNode i = info;
    return new NodeContracts(
        rpc.orElseGet(() -> i.path("rpcUrl").asText()),
        Address.parse(i == null ? "0x" + "0".repeat(40) : i.path("workRegistry").asText()),
        Address.parse(attestations.orElseGet(() -> i.path("usageAttestations").asText())),
        Address.parse(distributor.orElseGet(() -> i.path("rewardDistributor").asText())));
  }
}
