package io.airm.node.domain;

import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Bytes32;
import java.time.Instant;
import java.util.Optional;

/**
 * A registered work: the signed registration, the signature, its place in the log.
 *
 * @param workId the EIP-712 digest of the registration under the registry's domain
 * @param registration what the creator signed
 * @param signature the creator's signature over {@code workId}
 * @param metadata the metadata document whose SHA-256 is the registration's metadata hash, if the
 *     creator gave it to the node
 * @param contentStored whether the node holds the content (a hash-only registration does not)
 * @param logIndex the index of the work's leaf in the log
 * @param registeredAt when the node accepted it
 */
public record Work(
    Bytes32 workId,
    WorkRegistration registration,
    EthSignature signature,
    Optional<String> metadata,
    boolean contentStored,
    long logIndex,
    Instant registeredAt) {

  public Work {
    if (workId == null || registration == null || signature == null || registeredAt == null) {
      throw new IllegalArgumentException("A work needs its id, registration, signature and time");
    }
    metadata = metadata == null ? Optional.empty() : metadata;
  }

  /** The bytes of this work's log leaf. */
  public byte[] leafData() {
    return LogLeaf.workRegistration(workId, signature);
  }
}
