package io.airm.valuation.expertise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ParamReader;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code expertise} factor's parameters, read from the scoring model's {@code "expertise"}
 * object.
 *
 * @param credentialsWeight weight (ppm) of the credentials sub-score
 * @param recordWeight weight (ppm) of the creator's record; the two add up to 1,000,000
 * @param recordHalfSaturationWorks earlier works at which the record sub-score reaches 500,000 ppm
 *     ({@code n·10⁶ / (n + half)}, floor)
 * @param trustedIssuers issuer address (lower-case) → its weight and optional field list
 */
public record ExpertiseParams(
    long credentialsWeight,
    long recordWeight,
    long recordHalfSaturationWorks,
    Map<String, TrustedIssuer> trustedIssuers) {
  public ExpertiseParams {
    trustedIssuers = Map.copyOf(trustedIssuers);
  }

  /**
   * An issuer the registry trusts.
   *
   * @param weight ppm one accepted credential from this issuer adds (once per issuer)
   * @param fields the fields it may vouch for; empty = any field
   */
  public record TrustedIssuer(long weight, Optional<Set<String>> fields) {
    /** Whether this issuer may vouch for {@code field}. */
    public boolean covers(String field) {
      return fields.map(f -> f.contains(field)).orElse(true);
    }
  }

  /** Reads and validates the {@code "expertise"} object of the scoring model. */
  public static ExpertiseParams fromJson(JsonNode node) {
    ParamReader r = new ParamReader(node, "expertise");
    long credentials = r.integer("credentialsWeight", 0, 1_000_000);
    long record = r.integer("recordWeight", 0, 1_000_000);
    ParamReader.requireSumOne(
        "expertise.credentialsWeight + expertise.recordWeight", credentials, record);
    long half = r.integer("recordHalfSaturationWorks", 1, 1_000_000_000);
    JsonNode issuers = node.get("trustedIssuers");
    if (issuers == null || !issuers.isObject()) {
      throw new ValuationException(
          "\"expertise.trustedIssuers\" must be an object (address → issuer)");
    }
    Map<String, TrustedIssuer> trusted = new TreeMap<>();
    for (Iterator<String> it = issuers.fieldNames(); it.hasNext(); ) {
      String address = it.next();
      String key = "expertise.trustedIssuers." + address;
      if (!address.matches("0x[0-9a-fA-F]{40}")) {
        throw new ValuationException(
            "\"" + key + "\": an issuer is a 0x address with 40 hex digits");
      }
      ParamReader ir = new ParamReader(issuers.get(address), key);
      long weight = ir.integer("weight", 0, 1_000_000);
      Optional<Set<String>> fields =
          ir.node().has("fields")
              ? Optional.of(Set.copyOf(ir.strings("fields")))
              : Optional.empty();
      if (trusted.put(address.toLowerCase(Locale.ROOT), new TrustedIssuer(weight, fields))
          != null) {
        throw new ValuationException("\"" + key + "\" is listed twice (addresses ignore case)");
      }
    }
    return new ExpertiseParams(credentials, record, half, trusted);
  }

  /** The published defaults: no trusted issuers until the registry names some. */
  public static ExpertiseParams defaults() {
    return fromJson(defaultJson());
  }

  /** The defaults as the JSON object to paste under {@code "expertise"}. */
  public static ObjectNode defaultJson() {
    try {
      return (ObjectNode) CanonicalJson.MAPPER.readTree(DEFAULT_JSON);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The built-in expertise defaults are not JSON", e);
    }
  }

  /** The published default parameters. */
  public static final String DEFAULT_JSON =
      """
      {
        "credentialsWeight": 600000,
        "recordWeight": 400000,
        "recordHalfSaturationWorks": 5,
        "trustedIssuers": {}
      }
      """;
}
