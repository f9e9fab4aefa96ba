package io.airm.valuation.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.valuation.ValuationException;
import java.util.ArrayList;
import java.util.List;

/** Reads one factor's parameters from the scoring model, naming the offending key on error. */
public final class ParamReader {
  private final JsonNode node;
  private final String prefix;

  /** A reader of the object {@code node}, whose keys are reported as {@code prefix.key}. */
  public ParamReader(JsonNode node, String prefix) {
    if (node == null || !node.isObject()) {
      throw new ValuationException("The scoring model needs an object at \"" + prefix + "\"");
    }
    this.node = node;
    this.prefix = prefix;
  }

  public JsonNode node() {
    return node;
  }

  public String key(String name) {
    return prefix + "." + name;
  }

  /** An integer in {@code [min, max]}; integers only, so the model stays exact. */
  public long integer(String name, long min, long max) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new ValuationException("The scoring model is missing \"" + key(name) + "\"");
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new ValuationException(
          "\"" + key(name) + "\" must be an integer, not " + value.toString());
    }
    long v = value.longValue();
    if (v < min || v > max) {
      throw new ValuationException(
          "\"" + key(name) + "\" must be in " + min + ".." + max + ", not " + v);
    }
    return v;
  }

  public int smallInt(String name, int min, int max) {
    return (int) integer(name, min, max);
  }

  public ParamReader child(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isObject()) {
      throw new ValuationException("\"" + key(name) + "\" must be an object");
    }
    return new ParamReader(value, key(name));
  }

  /** A non-empty array of non-blank strings. */
  public List<String> strings(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw new ValuationException("\"" + key(name) + "\" must be a non-empty array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual() || item.textValue().isBlank()) {
        throw new ValuationException("\"" + key(name) + "[" + i + "]\" must be a non-blank string");
      }
      out.add(item.textValue());
    }
    return List.copyOf(out);
  }

  /** Weights in ppm that must add up to exactly 1,000,000. */
  public static void requireSumOne(String what, long... weights) {
    long sum = 0;
    for (long w : weights) {
      sum += w;
    }
    if (sum != 1_000_000L) {
      throw new ValuationException(what + " must add up to 1000000 ppm, not " + sum);
    }
  }
}
