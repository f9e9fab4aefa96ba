package io.airm.valuation.originality;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.valuation.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The iscc-core 1.3.0 conformance vectors (Apache-2.0, licence alongside the data file). */
final class IsccConformanceVectors {
  private static final String RESOURCE = "iscc-core-1.3.0-data.json";

  private IsccConformanceVectors() {}

  /** One vector: its name, its inputs and its expected outputs. */
  record Vector(String name, JsonNode inputs, JsonNode outputs) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every vector of {@code function} (e.g. {@code gen_text_code_v0}), in file order. */
  static List<Vector> of(String function) {
    try (InputStream in = IsccConformanceVectors.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing test resource " + RESOURCE);
      }
      JsonNode cases = CanonicalJson.MAPPER.readTree(in).get(function);
      List<Vector> vectors = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : cases.properties()) {
        vectors.add(
            new Vector(e.getKey(), e.getValue().get("inputs"), e.getValue().get("outputs")));
      }
      return vectors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
