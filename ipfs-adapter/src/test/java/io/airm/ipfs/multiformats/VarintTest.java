package io.airm.ipfs.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VarintTest {

  private static final HexFormat HEX = HexFormat.of();

  // Examples from the unsigned-varint spec README, plus the 9-byte maximum.
  @ParameterizedTest
  @CsvSource({
    "1, 01",
    "127, 7f",
    "128, 8001",
    "255, ff01",
    "300, ac02",
    "16384, 808001",
    "112, 70",
    "9223372036854775807, ffffffffffffffff7f"
  })
  void encode_matchesSpecExamples(long value, String hex) {
    assertThat(HEX.formatHex(Varint.encode(value))).isEqualTo(hex);
    assertThat(Varint.size(value)).isEqualTo(hex.length() / 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Varint.write(value, out);
    assertThat(HEX.formatHex(out.toByteArray())).isEqualTo(hex);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 127, 128, 16383, 16384, 1L << 35, Long.MAX_VALUE})
  void read_roundTripsAndAdvancesPosition(long value) {
    byte[] encoded = Varint.encode(value);
    ByteBuffer in = ByteBuffer.allocate(encoded.length + 1).put(encoded).put((byte) 0x42).flip();
    assertThat(Varint.read(in)).isEqualTo(value);
    assertThat(in.position()).isEqualTo(encoded.length);
  }

  @Test
  void read_rejectsOverlongEncoding() {
    // 0x81 0x00 is 1 written in two bytes; the spec requires the minimal one.
    assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(HEX.parseHex("8100"))))
        .isInstanceOf(InvalidEncodingException.class)
        .hasMessageContaining("not minimally encoded");
  }

  @Test
  void read_rejectsMoreThanNineBytes() {
    assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(HEX.parseHex("ffffffffffffffffff01"))))
        .isInstanceOf(InvalidEncodingException.class)
        .hasMessageContaining("longer than 9 bytes");
  }

  @Test
  void read_rejectsTruncatedVarint() {
    assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(HEX.parseHex("8080"))))
        .isInstanceOf(InvalidEncodingException.class)
        .hasMessageContaining("truncated after 2 byte(s)");
  }

  @Test
  void encode_rejectsNegativeValues() {
    assertThatThrownBy(() -> Varint.encode(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
