package io.airm.valuation.originality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IsccDataCodeTest {
  static List<IsccConformanceVectors.Vector> dataVectors() {
    return IsccConformanceVectors.of("gen_data_code_v0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dataVectors")
  void matchesIsccCoreConformanceVector(IsccConformanceVectors.Vector v) {
    String input = v.inputs().get(0).textValue();
    assertThat(input).startsWith("stream:");
    byte[] data = HexFormat.of().parseHex(input.substring("stream:".length()));

    IsccDataCode code =
        IsccDataCode.of(new ByteArrayInputStream(data), v.inputs().get(1).intValue());

    assertThat(code.iscc()).isEqualTo(v.outputs().get("iscc").textValue());
  }

  @Test
  void everyDataVectorIsTested() {
    assertThat(dataVectors()).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void aStreamReadInSmallPiecesGivesTheSameCodeAsOneRead() {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    InputStream trickle =
        new FilterInputStream(new ByteArrayInputStream(data)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 777));
          }
        };

    assertThat(IsccDataCode.of(trickle).iscc()).isEqualTo(IsccDataCode.of(data).iscc());
  }

  @Test
  void aSmallEditKeepsDataCodesSimilar() {
    byte[] data = new byte[200_000];
    new Random(11).nextBytes(data);
    byte[] edited = data.clone();
    edited[100_000] ^= 1;

    assertThat(IsccDataCode.similarityPpm(IsccDataCode.of(data), IsccDataCode.of(edited)))
        .isGreaterThanOrEqualTo(937_500);
  }
}
