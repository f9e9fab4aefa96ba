package io.airm.chain.eip712;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eth.Bytes32;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class AttestationMessageTest {
  @Test
  void typeHash_isTheContractsAttestationTypehash() {
    // keccak256 of the SETTLEMENT.md type string (computed with @noble/hashes)
    assertThat(
            Numeric.toHexString(
                Hash.sha3(AttestationMessage.TYPE.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("0x716680d723cdfbfab90e18c950407bdae610344c92b538e3f215231c06b328c7");
  }

  @Test
  void aChangedFieldChangesTheDigest() {
    var domain =
        AttestationMessage.domain(
            31337, io.airm.chain.eth.Address.parse("0x5615deb798bb3e4dfa0139dfa1b3d433cc23b72f"));
    Bytes32 one = Bytes32.parse("0x" + "11".repeat(32));
    var message =
        new AttestationMessage(
            one,
            "v1",
            one,
            3,
            one,
            io.airm.chain.eth.Address.parse("0x501d9b198010bc786d8b0dac53ac700c8acdc02d"),
            java.math.BigInteger.ZERO,
            java.math.BigInteger.valueOf(1_767_225_600L));
    var other =
        new AttestationMessage(
            one, "v2", one, 3, one, message.attester(), message.nonce(), message.deadline());
    assertThat(message.digest(domain)).isNotEqualTo(other.digest(domain));
  }
}
