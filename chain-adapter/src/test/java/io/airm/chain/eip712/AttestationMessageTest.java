package io.airm.chain.eip712;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class AttestationMessageTest {
  // The golden vector of contracts/test/UsageAttestationsBySig.t.sol, computed there with cast.
  private static final Address GOLDEN_CONTRACT =
      Address.parse("0x5615deb798bb3e4dfa0139dfa1b3d433cc23b72f");
  private static final Address GOLDEN_SIGNER =
      Address.parse("0x501d9b198010bc786d8b0dac53ac700c8acdc02d");

  private static AttestationMessage golden() {
    return new AttestationMessage(
        Bytes32.of(Hash.sha3("airm-test-model".getBytes(StandardCharsets.UTF_8))),
        "2025-06-01-rc1",
        Bytes32.of(Hash.sha3("works root".getBytes(StandardCharsets.UTF_8))),
        1234,
        Bytes32.parse("0xee8250fb76e094b34b471f13a73dbbe51d1ae142e9df59d7c0d31ec20f0a0a8e"),
        GOLDEN_SIGNER,
        BigInteger.ZERO,
        BigInteger.valueOf(1_767_225_600L));
  }

  @Test
  void typeHash_isTheContractsAttestationTypehash() {
    // UsageAttestations.ATTESTATION_TYPEHASH(), as the forge test pins it
    assertThat(
            Numeric.toHexString(
                Hash.sha3(AttestationMessage.TYPE.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("0x716680d723cdfbfab90e18c950407bdae610344c92b538e3f215231c06b328c7");
  }

  @Test
  void digest_matchesTheContractsGoldenVector() {
    assertThat(golden().digest(AttestationMessage.domain(31337, GOLDEN_CONTRACT)))
        .isEqualTo(
            Bytes32.parse("0xf10a23bbcf6d45573244ce5df1ef2ba70878ce7d99798467bd7ae78a9ae3ab68"));
  }

  @Test
  void signature_recoversTheSigner() {
    AttestationMessage message = golden();
    Bytes32 digest = message.digest(AttestationMessage.domain(31337, GOLDEN_CONTRACT));
    EthSignature signature =
        EthSignature.sign(
            digest, "0x0000000000000000000000000000000000000000000000000000000000a77e57");
    assertThat(signature.recover(digest)).isEqualTo(GOLDEN_SIGNER);
  }

  @Test
  void aChangedFieldChangesTheDigest() {
    var domain = AttestationMessage.domain(31337, GOLDEN_CONTRACT);
    AttestationMessage message = golden();
    Bytes32 one = Bytes32.parse("0x" + "11".repeat(32));
    AttestationMessage[] changed = {
      new AttestationMessage(
          one,
          message.modelVersion(),
          message.worksRoot(),
          message.workCount(),
          message.evidenceDigest(),
          message.attester(),
          message.nonce(),
          message.deadline()),
      new AttestationMessage(
          message.modelId(),
          "2025-06-01-rc2",
          message.worksRoot(),
          message.workCount(),
          message.evidenceDigest(),
          message.attester(),
          message.nonce(),
          message.deadline()),
      new AttestationMessage(
          message.modelId(),
          message.modelVersion(),
          one,
          message.workCount(),
          message.evidenceDigest(),
          message.attester(),
          message.nonce(),
          message.deadline()),
      new AttestationMessage(
          message.modelId(),
          message.modelVersion(),
          message.worksRoot(),
          1235,
          message.evidenceDigest(),
          message.attester(),
          message.nonce(),
          message.deadline()),
      new AttestationMessage(
          message.modelId(),
          message.modelVersion(),
          message.worksRoot(),
          message.workCount(),
          one,
          message.attester(),
          message.nonce(),
          message.deadline()),
      new AttestationMessage(
          message.modelId(),
          message.modelVersion(),
          message.worksRoot(),
          message.workCount(),
          message.evidenceDigest(),
          GOLDEN_CONTRACT,
          message.nonce(),
          message.deadline()),
      new AttestationMessage(
          message.modelId(),
          message.modelVersion(),
          message.worksRoot(),
          message.workCount(),
          message.evidenceDigest(),
          message.attester(),
          BigInteger.ONE,
          message.deadline()),
      new AttestationMessage(
          message.modelId(),
          message.modelVersion(),
          message.worksRoot(),
          message.workCount(),
          message.evidenceDigest(),
          message.attester(),
          message.nonce(),
          message.deadline().add(BigInteger.ONE)),
    };
    Bytes32 original = message.digest(domain);
    for (AttestationMessage other : changed) {
      assertThat(other.digest(domain)).as("%s", other).isNotEqualTo(original);
    }
    assertThat(message.digest(AttestationMessage.domain(1, GOLDEN_CONTRACT)))
        .as("another chain")
        .isNotEqualTo(original);
  }

  @Test
  void workCount_mustFitUint32() {
    AttestationMessage m = golden();
    assertThatThrownBy(
            () ->
                new AttestationMessage(
                    m.modelId(),
                    m.modelVersion(),
                    m.worksRoot(),
                    1L << 32,
                    m.evidenceDigest(),
                    m.attester(),
                    m.nonce(),
                    m.deadline()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uint32");
  }

  @Test
  void nonce_mustFitUint256() {
    AttestationMessage m = golden();
    assertThatThrownBy(
            () ->
                new AttestationMessage(
                    m.modelId(),
                    m.modelVersion(),
                    m.worksRoot(),
                    m.workCount(),
                    m.evidenceDigest(),
                    m.attester(),
                    BigInteger.ONE.shiftLeft(256),
                    m.deadline()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nonce");
  }
}
