package io.airm.ipfs.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58BtcTest {

  // Examples from the IETF draft "The Base58 Encoding Scheme" (draft-msporny-base58), section 5.
  @Test
  void matchesDraftExamples() {
    assertThat(Base58Btc.encode("Hello World!".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("2NEpo7TZRRrLZSi2U");
    assertThat(
            Base58Btc.encode(
                "The quick brown fox jumps over the lazy dog.".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z");
    assertThat(Base58Btc.encode(HexFormat.of().parseHex("0000287fb4cd"))).isEqualTo("11233QC4");
  }

  @Test
  void leadingZeroBytesBecomeOnes() {
    assertThat(Base58Btc.encode(new byte[3])).isEqualTo("111");
    assertThat(Base58Btc.decode("111")).isEqualTo(new byte[3]);
    assertThat(Base58Btc.encode(new byte[0])).isEmpty();
    assertThat(Base58Btc.decode("")).isEmpty();
  }

  @Test
  void roundTripsRandomBytes() {
    Random random = new Random(7);
    for (int length = 0; length <= 80; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      if (length > 2) {
        bytes[0] = 0;
      }
      assertThat(Base58Btc.decode(Base58Btc.encode(bytes))).isEqualTo(bytes);
    }
  }

  @Test
  void decode_rejectsCharactersBitcoinLeftOut() {
    for (char c : new char[] {'0', 'O', 'I', 'l', '+'}) {
      assertThatThrownBy(() -> Base58Btc.decode("2NE" + c))
          .isInstanceOf(InvalidEncodingException.class)
          .hasMessage("Character '" + c + "' at index 3 is not in the base58btc alphabet.");
    }
  }
}
