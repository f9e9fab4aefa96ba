package io.airm.ipfs.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

  // RFC 4648 section 10 test vectors, lower-cased and without padding.
  @ParameterizedTest
  @CsvSource({
    "'', ''",
    "f, my",
    "fo, mzxq",
    "foo, mzxw6",
    "foob, mzxw6yq",
    "fooba, mzxw6ytb",
    "foobar, mzxw6ytboi"
  })
  void matchesRfc4648Vectors(String plain, String encoded) {
    byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
    assertThat(Base32.encode(bytes)).isEqualTo(encoded);
    assertThat(Base32.encodeUpper(bytes)).isEqualTo(encoded.toUpperCase());
    assertThat(Base32.decode(encoded)).isEqualTo(bytes);
  }

  @Test
  void roundTripsRandomBytesOfEveryLengthUpTo64() {
    Random random = new Random(42);
    for (int length = 0; length <= 64; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
    }
  }

  @Test
  void decode_rejectsUpperCaseAndPadding() {
    assertThatThrownBy(() -> Base32.decode("MZXQ"))
        .isInstanceOf(InvalidEncodingException.class)
        .hasMessage("Character 'M' at index 0 is not in the lower-case base32 alphabet.");
    assertThatThrownBy(() -> Base32.decode("mzxq===="))
        .isInstanceOf(InvalidEncodingException.class)
        .hasMessageContaining("'=' at index 4");
  }

  @Test
  void decode_rejectsDigitsOutsideTheAlphabet() {
    assertThatThrownBy(() -> Base32.decode("mz1q"))
        .isInstanceOf(InvalidEncodingException.class)
        .hasMessageContaining("'1' at index 2");
  }

  @Test
  void decode_rejectsImpossibleLengths() {
    assertThatThrownBy(() -> Base32.decode("mzx"))
        .isInstanceOf(InvalidEncodingException.class)
        .hasMessageContaining("3 characters is impossible");
  }

  @Test
  void decode_rejectsNonZeroPaddingBits() {
    // "my" is "f"; "mz" differs only in the two unused low bits of the last character.
    assertThatThrownBy(() -> Base32.decode("mz"))
        .isInstanceOf(InvalidEncodingException.class)
        .hasMessageContaining("non-zero padding bits");
  }
}
