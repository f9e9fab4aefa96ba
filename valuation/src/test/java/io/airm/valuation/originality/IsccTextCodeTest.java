package io.airm.valuation.originality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IsccTextCodeTest {
  static List<IsccConformanceVectors.Vector> textVectors() {
    return IsccConformanceVectors.of("gen_text_code_v0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textVectors")
  void matchesIsccCoreConformanceVector(IsccConformanceVectors.Vector v) {
    IsccTextCode code =
        IsccTextCode.of(v.inputs().get(0).textValue(), v.inputs().get(1).intValue());

    assertThat(code.iscc()).isEqualTo(v.outputs().get("iscc").textValue());
    assertThat(code.characters()).isEqualTo(v.outputs().get("characters").intValue());
  }

  @Test
  void everyTextVectorIsTested() {
    assertThat(textVectors()).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void collapseDropsWhiteSpacePunctuationAndDiacriticsAndLowerCases() {
    assertThat(IsccTextCode.collapse("Hello,  Wörld!\n")).isEqualTo("helloworld");
  }

  @Test
  void identicalTextsAreFullySimilarAndAlteredTextsLess() {
    String text =
        "The quick brown fox jumps over the lazy dog. ".repeat(40) + "An ending of its own.";
    IsccTextCode a = IsccTextCode.of(text);

    assertThat(IsccTextCode.similarityPpm(a, IsccTextCode.of(text))).isEqualTo(1_000_000);
    assertThat(
            IsccTextCode.similarityPpm(
                a, IsccTextCode.of("Something else entirely, with other words.")))
        .isLessThan(1_000_000);
  }

  @Test
  void similarityCountsEqualBitsIn15625PpmSteps() {
    assertThat(IsccTextCode.similarityPpm(0L, 0b1011L)).isEqualTo(61 * 15_625L);
    assertThat(IsccTextCode.similarityPpm(0L, -1L)).isZero();
  }

  @Test
  void digest64IsTheBodyOfThe64BitCode() {
    IsccTextCode a = IsccTextCode.of("Hello World");

    assertThat(a.iscc()).isEqualTo("ISCC:EAASKDNZNYGUUF5A");
    assertThat(Long.toHexString(a.digest64())).isEqualTo("250db96e0d4a17a0");
  }

  @Test
  void refusesBitLengthsIsccDoesNotDefine() {
    assertThatThrownBy(() -> IsccTextCode.of("x", 48)).hasMessageContaining("48");
  }
}
