package io.airm.node.domain;

import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Bytes32;
import java.time.Instant;
import java.util.Optional;

/**
 * A verified registration about to be written; the log assigns its index in the same transaction.
 */
public record NewWork(
    Bytes32 workId,
    WorkRegistration registration,
    EthSignature signature,
    Optional<String> metadata,
    boolean contentStored,
    Instant registeredAt) {

  /** The work as stored at {@code logIndex}. */
  public Work at(long logIndex) {
    return new Work(
        workId, registration, signature, metadata, contentStored, logIndex, registeredAt);
  }

  /** The bytes of this work's log leaf. */
  public byte[] leafData() {
    return LogLeaf.workRegistration(workId, signature);
  }
}
