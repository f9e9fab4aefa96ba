package io.airm.valuation.originality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShingleSketcherTest {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(61).subtract(BigInteger.ONE);

  @Test
  void xxHashesMatchTheReferenceValuesOfTheEmptyInput() {
    assertThat(XxHash32.hash(new byte[0], 0, 0, 0)).isEqualTo(0x02CC5D05);
    assertThat(XxHash64.hash(new byte[0], 0, 0, 0)).isEqualTo(0xEF46DB3751D8E999L);
  }

  @Test
  void xxHash64MatchesTheReferenceValueOfALongInput() {
    byte[] text = "Nobody inspects the spammish repetition".getBytes(StandardCharsets.US_ASCII);

    // python -c "import xxhash; print(hex(xxhash.xxh64_intdigest(b'Nobody inspects the spammish
    // repetition')))"
    assertThat(Long.toHexString(XxHash64.hash(text, 0, text.length, 0)))
        .isEqualTo("fbcea83c8a378bf1");
  }

  @Test
  void permutationIsExactModularArithmetic() {
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      long a = 1 + Long.remainderUnsigned(random.nextLong(), P.longValue() - 1);
      long b = Long.remainderUnsigned(random.nextLong(), P.longValue());
      long x = random.nextLong();
      BigInteger expected =
          BigInteger.valueOf(a)
              .multiply(new BigInteger(Long.toUnsignedString(x)))
              .add(BigInteger.valueOf(b))
              .mod(P);

      assertThat(ShingleSketcher.mulAddMod(a, ShingleSketcher.mod(x), b))
          .isEqualTo(expected.longValue());
    }
  }

  @Test
  void wordsIgnoreCaseAndPunctuation() {
    ShingleSketcher sketcher = new ShingleSketcher(3, 16, 1);

    ShingleSketcher.Sketch a = sketcher.sketch("The Cat, sat on the MAT!");
    ShingleSketcher.Sketch b = sketcher.sketch("the cat sat on... the mat");

    assertThat(a.words()).isEqualTo(6);
    assertThat(a.shingles()).containsExactly(b.shingles());
    assertThat(a.signature()).containsExactly(b.signature());
  }

  @Test
  void shingleHashIsXxHash64OfSpaceJoinedWords() {
    ShingleSketcher sketcher = new ShingleSketcher(2, 4, 1);
    byte[] shingle = "naïve café".getBytes(StandardCharsets.UTF_8);

    assertThat(sketcher.sketch("Naïve  CAFÉ").shingles())
        .containsExactly(XxHash64.hash(shingle, 0, shingle.length, 0));
  }

  @Test
  void jaccardCountsSharedOverAllDistinctShingles() {
    assertThat(ShingleSketcher.jaccardPpm(new long[] {1, 2, 3}, new long[] {2, 3, 4}))
        .isEqualTo(500_000);
    assertThat(ShingleSketcher.jaccardPpm(new long[0], new long[0])).isZero();
  }
}
