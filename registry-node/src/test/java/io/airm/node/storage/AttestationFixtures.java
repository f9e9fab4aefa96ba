package io.airm.node.storage;

import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.Attestation;
import io.airm.node.domain.AttestationState;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Well-formed attestations for storage tests, signed by {@link StoreFixtures#KEY}. */
final class AttestationFixtures {
  static final Eip712Domain DOMAIN =
      AttestationMessage.domain(31337, Address.parse("0x" + "ab".repeat(20)));
  static final Address ATTESTER = StoreFixtures.CREATOR;

  private AttestationFixtures() {}

  /**
   * An attestation of {@link #ATTESTER} with {@code nonce}; {@code deadline} tells two with the
   * same nonce apart (a re-signed attestation has a new deadline, and so a new id).
   */
  static Attestation attestation(BigInteger nonce, long deadline) {
    Bytes32 work = Bytes32.parse("0x" + "11".repeat(32));
    AttestationMessage message =
        new AttestationMessage(
            Bytes32.parse("0x" + "42".repeat(32)),
            "model 1",
            work,
            1,
            Bytes32.parse("0x" + "e0".repeat(32)),
            ATTESTER,
            nonce,
            BigInteger.valueOf(deadline));
    Bytes32 id = message.digest(DOMAIN);
    return new Attestation(
        id,
        message,
        EthSignature.sign(id, StoreFixtures.KEY),
        List.of(work),
        "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
        -1,
        AttestationState.PENDING,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        Instant.parse("2026-11-28T12:00:00Z"));
  }
}
