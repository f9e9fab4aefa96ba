package io.airm.valuation.expertise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.json.CanonicalJson;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A signed credential statement about a creator, as the registry stores it:
 *
 * <pre>{@code
 * {"statement": {"type": "AIRMCredential",
 *                "issuer": "0x<40 hex>", "subject": "0x<40 hex, the creator>",
 *                "claim": "<non-empty text>", "field": "<non-empty text>",
 *                "issuedAt": <unix seconds>, "expiresAt": <unix seconds>},
 *  "signature": "0x<130 hex: r(32) || s(32) || v(1)>"}
 * }</pre>
 *
 * <p>The statement has exactly these seven keys; {@code type} is the literal {@code
 * AIRMCredential}; addresses are compared case-insensitively (no EIP-55 check); {@code claim} and
 * {@code field} are compared as written; {@code 0 ≤ issuedAt < expiresAt}, integers. The issuer
 * signs with EIP-191 {@code personal_sign}: message = the statement's canonical JSON bytes ({@link
 * CanonicalJson#bytes}, keys sorted, no white space, UTF-8), digest = {@code
 * keccak256("\x19Ethereum Signed Message:\n" + decimal byte length of message + message)},
 * secp256k1 ECDSA with {@code s ≤ n/2} and {@code v} ∈ {27, 28} (0 and 1 are accepted too). This is
 * exactly what {@code cast wallet sign}, ethers' {@code signMessage} and MetaMask's {@code
 * personal_sign} produce for the canonical JSON string.
 *
 * @param statement the statement exactly as signed
 * @param issuer the stated issuer, lower-case
 * @param subject the stated subject, lower-case
 * @param claim what the issuer asserts
 * @param field the field the claim is about
 * @param issuedAt start of validity, unix seconds, inclusive
 * @param expiresAt end of validity, unix seconds, exclusive
 * @param signature the 65 signature bytes
 */
public record Credential(
    ObjectNode statement,
    String issuer,
    String subject,
    String claim,
    String field,
    long issuedAt,
    long expiresAt,
    byte[] signature) {
  /** The statement's {@code type}. */
  public static final String TYPE = "AIRMCredential";

  private static final Set<String> KEYS =
      Set.of("type", "issuer", "subject", "claim", "field", "issuedAt", "expiresAt");

  /** Parses a credential envelope; throws with the reason when it is not well formed. */
  public static Credential parse(JsonNode envelope) {
    if (envelope == null || !envelope.isObject()) {
      throw new ValuationException("A credential must be a JSON object");
    }
    TreeSet<String> envelopeKeys = new TreeSet<>();
    envelope.fieldNames().forEachRemaining(envelopeKeys::add);
    if (!envelopeKeys.equals(new TreeSet<>(Set.of("statement", "signature")))) {
      throw new ValuationException(
          "A credential has exactly \"statement\" and \"signature\", not " + envelopeKeys);
    }
    JsonNode st = envelope.get("statement");
    if (!st.isObject()) {
      throw new ValuationException("A credential's statement must be a JSON object");
    }
    TreeSet<String> keys = new TreeSet<>();
    st.fieldNames().forEachRemaining(keys::add);
    if (!keys.equals(new TreeSet<>(KEYS))) {
      throw new ValuationException(
          "A credential statement has exactly the keys " + new TreeSet<>(KEYS) + ", not " + keys);
    }
    if (!TYPE.equals(text(st, "type"))) {
      throw new ValuationException("A credential statement's type must be " + TYPE);
    }
    String issuer = address(st, "issuer");
    String subject = address(st, "subject");
    String claim = text(st, "claim");
    String field = text(st, "field");
    long issuedAt = seconds(st, "issuedAt");
    long expiresAt = seconds(st, "expiresAt");
    if (issuedAt >= expiresAt) {
      throw new ValuationException("A credential must expire after it is issued");
    }
    String sig = text(envelope, "signature");
    if (!sig.startsWith("0x") || sig.length() != 132 || !isHex(sig, 2)) {
      throw new ValuationException("A credential signature is 0x and 130 hex digits");
    }
    return new Credential(
        (ObjectNode) st,
        issuer,
        subject,
        claim,
        field,
        issuedAt,
        expiresAt,
        HexFormat.of().parseHex(sig, 2, 132));
  }

  /** The bytes the issuer signed: the statement's canonical JSON. */
  public byte[] message() {
    return CanonicalJson.bytes(statement);
  }

  /** The address that signed the statement, lower-case; empty if the signature is invalid. */
  public java.util.Optional<String> recoveredSigner() {
    return EthereumSignatures.recoverAddress(
        EthereumSignatures.personalMessageHash(message()), signature);
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
      throw new ValuationException("A credential's \"" + key + "\" must be a non-empty string");
    }
    return value.textValue();
  }

  private static String address(JsonNode node, String key) {
    String value = text(node, key);
    if (!value.startsWith("0x") || value.length() != 42 || !isHex(value, 2)) {
      throw new ValuationException("A credential's \"" + key + "\" must be 0x and 40 hex digits");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static long seconds(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.longValue() < 0) {
      throw new ValuationException(
          "A credential's \"" + key + "\" must be a non-negative integer (unix seconds)");
    }
    return value.longValue();
  }

  private static boolean isHex(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
