package io.airm.valuation.originality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import org.junit.jupiter.api.Test;

class OriginalityParamsTest {
  private static ObjectNode good() {
    return OriginalityParams.defaults().toJson();
  }

  @Test
  void readsTheModelObjectItWrites() {
    assertThat(OriginalityParams.fromJson(good())).isEqualTo(OriginalityParams.defaults());
  }

  @Test
  void missingKeyIsNamed() {
    ObjectNode json = good();
    json.remove("rows");

    assertThatThrownBy(() -> OriginalityParams.fromJson(json))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("originality.rows");
  }

  @Test
  void unknownKeyIsNamed() {
    ObjectNode json = good();
    json.put("shingleSise", 5);

    assertThatThrownBy(() -> OriginalityParams.fromJson(json))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("originality.shingleSise");
  }

  @Test
  void fractionalValueIsRefusedWithItsKey() {
    ObjectNode json = good();
    json.put("nearCopyJaccardPpm", 0.8);

    assertThatThrownBy(() -> OriginalityParams.fromJson(json))
        .hasMessageContaining("originality.nearCopyJaccardPpm must be an integer");
  }

  @Test
  void outOfRangeValueIsRefusedWithItsKeyAndRange() {
    ObjectNode json = good();
    json.put("nearCopyMaxScorePpm", 1_000_001);

    assertThatThrownBy(() -> OriginalityParams.fromJson(json))
        .hasMessageContaining("originality.nearCopyMaxScorePpm must be 0..1000000, not 1000001");
  }

  @Test
  void hugeIntegerIsNotTruncatedIntoRange() {
    ObjectNode json = good();
    json.put("shingleSize", (1L << 32) + 5);

    assertThatThrownBy(() -> OriginalityParams.fromJson(json))
        .hasMessageContaining("originality.shingleSize");
  }

  @Test
  void bandsTimesRowsMustEqualNumHashes() {
    ObjectNode json = good();
    json.put("bands", 20);

    assertThatThrownBy(() -> OriginalityParams.fromJson(json))
        .hasMessageContaining(
            "originality.bands × originality.rows must equal originality.numHashes");
  }

  @Test
  void isccThresholdBelowSevenEighthsIsRefused() {
    ObjectNode json = good();
    json.put("nearCopyIsccPpm", 500_000);

    assertThatThrownBy(() -> OriginalityParams.fromJson(json))
        .hasMessageContaining("originality.nearCopyIsccPpm must be 875000..1000000");
  }

  @Test
  void isccThresholdBecomesMostBitsDiffering() {
    assertThat(OriginalityParams.defaults().maxIsccBitsDiffering()).isEqualTo(4);
  }
}
