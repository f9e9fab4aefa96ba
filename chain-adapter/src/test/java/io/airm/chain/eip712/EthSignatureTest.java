package io.airm.chain.eip712;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

class EthSignatureTest {
  // anvil's first public dev key
  private static final String KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  private static final Address ADDRESS =
      Address.parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  private static final Bytes32 DIGEST = Bytes32.of(Hash.sha3("a digest".getBytes()));

  @Test
  void recover_returnsTheSignersAddress() {
    EthSignature signature = EthSignature.sign(DIGEST, KEY);
    assertThat(signature.isLowS()).isTrue();
    assertThat(signature.recover(DIGEST)).isEqualTo(ADDRESS);
    assertThat(Address.parse(Credentials.create(KEY).getAddress())).isEqualTo(ADDRESS);
  }

  @Test
  void parse_roundTripsHexAndAcceptsV0And1() {
    EthSignature signature = EthSignature.sign(DIGEST, KEY);
    assertThat(EthSignature.parse(signature.toHex())).isEqualTo(signature);
    String hex = signature.toHex();
    String withV01 = hex.substring(0, 130) + String.format("%02x", signature.v() - 27);
    assertThat(EthSignature.parse(withV01)).isEqualTo(signature);
  }

  @Test
  void recover_rejectsHighS() {
    EthSignature signature = EthSignature.sign(DIGEST, KEY);
    // (r, n - s, v flipped) is the same signature's malleable twin: valid ECDSA, refused by EIP-2
    EthSignature twin =
        new EthSignature(
            signature.r(), EthSignature.CURVE_ORDER.subtract(signature.s()), 55 - signature.v());
    assertThat(twin.isLowS()).isFalse();
    assertThatThrownBy(() -> twin.recover(DIGEST))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("upper half");
  }

  @Test
  void recover_ofAnotherDigest_isAnotherAddress() {
    EthSignature signature = EthSignature.sign(DIGEST, KEY);
    Bytes32 other = Bytes32.of(Hash.sha3("another digest".getBytes()));
    assertThat(signature.recover(other)).isNotEqualTo(ADDRESS);
  }

  @Test
  void parse_rejectsMalformedHex() {
    assertThatThrownBy(() -> EthSignature.parse("0x1234"))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("130 hex digits");
    String bad = "0x" + "11".repeat(64) + "1d";
    assertThatThrownBy(() -> EthSignature.parse(bad))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("v must be 27 or 28");
  }
}
