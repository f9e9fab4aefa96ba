package io.airm.chain.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {
  @Test
  void parse_acceptsChecksummedAndLowerCase() {
    Address a = Address.parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assertThat(a.value()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertThat(a.checksummed()).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assertThat(Address.parse(a.value())).isEqualTo(a);
  }

  @Test
  void parse_rejectsABadChecksum() {
    assertThatThrownBy(() -> Address.parse("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void parse_rejectsWrongLength() {
    assertThatThrownBy(() -> Address.parse("0x1234")).hasMessageContaining("40 hex digits");
  }

  @Test
  void bytes32_roundTrips() {
    Bytes32 value = Bytes32.parse("0x" + "AB".repeat(32));
    assertThat(value.hex()).isEqualTo("0x" + "ab".repeat(32));
    assertThat(Bytes32.of(value.bytes())).isEqualTo(value);
    assertThatThrownBy(() -> Bytes32.of(new byte[31])).hasMessageContaining("32 bytes");
  }
}
