package io.airm.valuation.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.json.CanonicalJson;

/**
 * A valuation report: one canonical JSON document (see the README's valuation section for every
 * field). Two runs over the same inputs give the same bytes.
 */
public record ValuationReport(ObjectNode json) {
  /** The report's canonical bytes. */
  public byte[] bytes() {
    return CanonicalJson.bytes(json);
  }

  /** SHA-256 of the canonical bytes. */
  public String sha256() {
    return CanonicalJson.sha256(json);
  }

  /**
   * The JSON path of the first difference between two reports, or null if they are equal. Paths
   * look like {@code $.works[3].factors.depth.ppm}.
   */
  public static String firstDifference(JsonNode expected, JsonNode actual, String path) {
    if (expected == null || actual == null) {
      return expected == actual ? null : path;
    }
    if (expected.getNodeType() != actual.getNodeType()) {
      return path;
    }
    if (expected.isObject()) {
      var names = new java.util.TreeSet<String>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String difference =
            firstDifference(expected.get(name), actual.get(name), path + "." + name);
        if (difference != null) {
          return difference;
        }
      }
      return null;
    }
    if (expected.isArray()) {
      for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
        String difference = firstDifference(expected.get(i), actual.get(i), path + "[" + i + "]");
        if (difference != null) {
          return difference;
        }
      }
      return null;
    }
    if (expected.isNumber()) { // an int and a BigInteger of the same value are the same number
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null : path;
    }
    return expected.equals(actual) ? null : path;
  }
}
