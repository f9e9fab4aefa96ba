package io.airm.valuation.influence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.valuation.ValuationException;
import org.junit.jupiter.api.Test;

class Int8EmbeddingsTest {
  @Test
  void quantise_roundsHalfToEvenAndClamps() {
    float[] v = {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 300f, -300f, 0.49f};
    assertThat(Int8Embeddings.quantise(v, 1f)).containsExactly(0, 2, 2, 0, -2, 127, -127, 0);
  }

  @Test
  void quantiseSymmetric_mapsTheLargestComponentTo127() {
    assertThat(Int8Embeddings.quantiseSymmetric(new float[] {-2f, 1f, 0f}))
        .containsExactly(-127, 64, 0);
    assertThat(Int8Embeddings.quantiseSymmetric(new float[3])).containsExactly(0, 0, 0);
  }

  @Test
  void quantise_rejectsNaN() {
    assertThatThrownBy(() -> Int8Embeddings.quantise(new float[] {Float.NaN}, 1f))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("component 0");
  }

  @Test
  void fromBase64_decodesRawTwosComplementBytes() {
    byte[] raw = {-128, -1, 0, 1, 127};
    assertThat(Int8Embeddings.fromBase64(Int8Embeddings.toBase64(raw), 5)).isEqualTo(raw);
    assertThat(Int8Embeddings.fromHex("80ff00017f", 5)).isEqualTo(raw);
  }

  @Test
  void fromBase64_rejectsWrongDimension() {
    assertThatThrownBy(() -> Int8Embeddings.fromBase64("AAEC", 4))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("decodes to 3 bytes, but the dimension is 4");
  }
}
