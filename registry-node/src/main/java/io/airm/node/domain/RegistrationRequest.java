package io.airm.node.domain;

import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A registration as received: the signed message, its signature, optionally the metadata document
 * and the content, and optionally the domain the client believes it signed for (which lets the node
 * say precisely why a signature made for another chain or registry fails).
 */
public record RegistrationRequest(
    WorkRegistration registration,
    String signatureHex,
    Optional<String> metadata,
    Optional<ContentStore.ContentSource> content,
    OptionalLong claimedChainId,
    Optional<Address> claimedRegistry) {

  public RegistrationRequest {
    if (registration == null) {
      throw new RegistryException(ErrorKind.INVALID_REQUEST, "The registration is missing");
    }
    if (signatureHex == null || signatureHex.isBlank()) {
      throw new RegistryException(ErrorKind.INVALID_REQUEST, "The signature is missing");
    }
    metadata = metadata == null ? Optional.empty() : metadata;
    content = content == null ? Optional.empty() : content;
    claimedChainId = claimedChainId == null ? OptionalLong.empty() : claimedChainId;
    claimedRegistry = claimedRegistry == null ? Optional.empty() : claimedRegistry;
  }
}
