package io.airm.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.Rfc6962;
import io.airm.node.domain.LogLeaf;
import io.airm.node.domain.WorkState;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The client's check of a work record: a good record of a one-leaf log verifies; changing one field
 * (the root, the signature, the registration, the proof's size) makes it fail, naming the value.
 */
class ProofsTest {
  private static final Eip712Domain DOMAIN =
      Eip712Domain.workRegistry(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
  private static final WorkSigner CREATOR =
      new WorkSigner("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

  private static WorkRecord good() {
    WorkRegistration registration =
        new WorkRegistration(
            CREATOR.address(),
            Bytes32.parse("0x" + "11".repeat(32)),
            "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
            Bytes32.ZERO,
            "CC-BY-4.0",
            true,
            List.of(),
            BigInteger.ONE,
            BigInteger.valueOf(Instant.now().getEpochSecond() + 3600));
    WorkSigner.Signed signed = CREATOR.sign(registration, DOMAIN);
    return record(signed.workId(), registration, signed.signature(), Optional.empty(), 1);
  }

  private static WorkRecord record(
      Bytes32 workId,
      WorkRegistration registration,
      EthSignature signature,
      Optional<Bytes32> root,
      long treeSize) {
    Bytes32 leaf = Bytes32.of(Rfc6962.leafHash(LogLeaf.workRegistration(workId, signature)));
    return new WorkRecord(
        workId,
        WorkState.FINAL,
        0,
        Instant.now(),
        registration,
        signature,
        Optional.empty(),
        false,
        Optional.of(
            new WorkRecord.Checkpoint(
                treeSize,
                root.orElse(leaf), // the root of a one-leaf tree is its leaf's hash
                Bytes32.ZERO,
                OptionalLong.of(5),
                Optional.empty(),
                "final")),
        Optional.of(new WorkRecord.InclusionProof(0, treeSize, leaf, List.of())));
  }

  @Test
  void goodRecord_verifies() {
    assertThatCode(() -> Proofs.verifyWork(good(), DOMAIN)).doesNotThrowAnyException();
  }

  @Test
  void verify_rootMismatch() {
    WorkRecord w = good();
    Bytes32 wrong = Bytes32.parse("0x" + "ee".repeat(32));
    WorkRecord bad = record(w.workId(), w.registration(), w.signature(), Optional.of(wrong), 1);
    assertThatThrownBy(() -> Proofs.verifyWork(bad, DOMAIN))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining(wrong.hex().substring(2));
  }

  @Test
  void verify_signatureOfAnotherKey() {
    WorkRecord w = good();
    EthSignature other =
        EthSignature.sign(
            w.workId(), "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
    WorkRecord bad = record(w.workId(), w.registration(), other, Optional.empty(), 1);
    assertThatThrownBy(() -> Proofs.verifyWork(bad, DOMAIN))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("but the creator is " + CREATOR.address());
  }

  @Test
  void verify_workIdOtherThanTheDigest() {
    WorkRecord w = good();
    Bytes32 other = Bytes32.parse("0x" + "22".repeat(32));
    WorkRecord bad = record(other, w.registration(), w.signature(), Optional.empty(), 1);
    assertThatThrownBy(() -> Proofs.verifyWork(bad, DOMAIN))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("not the work id");
  }

  @Test
  void verify_underAnotherDomain() {
    Eip712Domain other =
        Eip712Domain.workRegistry(1, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
    assertThatThrownBy(() -> Proofs.verifyWork(good(), other))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("on chain 1");
  }

  @Test
  void verify_proofTooShortForItsTree() {
    WorkRecord w = good();
    WorkRecord bad = record(w.workId(), w.registration(), w.signature(), Optional.empty(), 2);
    assertThatThrownBy(() -> Proofs.verifyWork(bad, DOMAIN))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void verify_notYetAnchored() {
    WorkRecord w = good();
    WorkRecord pending =
        new WorkRecord(
            w.workId(),
            WorkState.PENDING,
            0,
            w.registeredAt(),
            w.registration(),
            w.signature(),
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.empty());
    assertThatThrownBy(() -> Proofs.verifyWork(pending, DOMAIN))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("is pending");
    assertThat(pending.state()).isEqualTo(WorkState.PENDING);
  }
}
