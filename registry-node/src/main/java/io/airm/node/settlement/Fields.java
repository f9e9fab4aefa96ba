package io.airm.node.settlement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.ipfs.cid.Cid;
import io.airm.valuation.ValuationException;
import io.airm.valuation.json.CanonicalJson;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Strict readers for the settlement formats. Every value must be written exactly as the writer
 * writes it (lower-case hex, decimal strings without leading zeros, canonical base64), so that a
 * parsed document re-serialises to the same bytes and hashes to the same digest.
 */
final class Fields {
  /**
   * Reads JSON with integers kept exact and a repeated key refused: two readers that keep the first
   * and the last of a repeated key would see different documents under one digest.
   */
  static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Pattern HEX32 = Pattern.compile("0x[0-9a-f]{64}");
  private static final Pattern HEX20 = Pattern.compile("0x[0-9a-f]{40}");
  private static final Pattern HEX65 = Pattern.compile("0x[0-9a-f]{130}");
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,77}");
  private static final BigInteger UINT256_MAX =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private Fields() {}

  /** Parses {@code bytes} as one JSON value. */
  static JsonNode read(byte[] bytes, String what) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new SettlementFormatException(what + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Parses {@code text} as JSON, or throws the parser's exception. */
  static JsonNode readStrict(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** The canonical bytes of {@code node}; a float anywhere is refused, naming its path. */
  static byte[] canonical(JsonNode node, String what) {
    try {
      return CanonicalJson.bytes(node);
    } catch (ValuationException e) {
      throw new SettlementFormatException(what + ": " + e.getMessage(), e);
    }
  }

  static ObjectNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new SettlementFormatException(path + " must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Checks that {@code node} has every field of {@code required} and nothing else. */
  static ObjectNode exactly(JsonNode node, String path, Set<String> required) {
    return fields(node, path, required, Set.of());
  }

  /** Checks that {@code node} has every required field, maybe optional ones, nothing else. */
  static ObjectNode fields(JsonNode node, String path, Set<String> required, Set<String> optional) {
    ObjectNode object = object(node, path);
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!required.contains(name) && !optional.contains(name)) {
        Set<String> known = new TreeSet<>(required);
        known.addAll(optional);
        throw new SettlementFormatException(
            path + " has an unknown field \"" + name + "\"; its fields are " + known);
      }
    }
    for (String name : new TreeSet<>(required)) {
      if (!object.has(name)) {
        throw new SettlementFormatException(path + "." + name + " is required");
      }
    }
    return object;
  }

  static String text(JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      throw new SettlementFormatException(path + " must be a string");
    }
    return node.textValue();
  }

  static boolean bool(JsonNode node, String path) {
    if (node == null || !node.isBoolean()) {
      throw new SettlementFormatException(path + " must be true or false");
    }
    return node.booleanValue();
  }

  /** A JSON integer in {@code [0, Long.MAX_VALUE]}. */
  static long count(JsonNode node, String path) {
    if (node == null
        || !node.isIntegralNumber()
        || node.bigIntegerValue().signum() < 0
        || node.bigIntegerValue().bitLength() > 63) {
      throw new SettlementFormatException(path + " must be a non-negative integer (a JSON number)");
    }
    return node.longValue();
  }

  /** A JSON integer in {@code [0, Integer.MAX_VALUE]}. */
  static int smallCount(JsonNode node, String path) {
    long value = count(node, path);
    if (value > Integer.MAX_VALUE) {
      throw new SettlementFormatException(path + " must be at most " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  /** A uint256 written as a decimal string without leading zeros. */
  static BigInteger decimal(JsonNode node, String path) {
    if (node == null || !node.isTextual() || !DECIMAL.matcher(node.textValue()).matches()) {
      throw new SettlementFormatException(
          path + " must be an unsigned integer as a decimal string such as \"42\"");
    }
    BigInteger value = new BigInteger(node.textValue());
    if (value.compareTo(UINT256_MAX) > 0) {
      throw new SettlementFormatException(path + " must fit in 256 unsigned bits");
    }
    return value;
  }

  static Bytes32 bytes32(JsonNode node, String path) {
    if (node == null || !node.isTextual() || !HEX32.matcher(node.textValue()).matches()) {
      throw new SettlementFormatException(path + " must be 0x and 64 lower-case hex digits");
    }
    return new Bytes32(node.textValue());
  }

  static Address address(JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      throw new SettlementFormatException(path + " must be 0x and 40 lower-case hex digits");
    }
    return address(node.textValue(), path);
  }

  static Address address(String value, String path) {
    if (!HEX20.matcher(value).matches()) {
      throw new SettlementFormatException(
          path + " must be 0x and 40 lower-case hex digits, not " + value);
    }
    return new Address(value);
  }

  /** A 65-byte signature r‖s‖v, v written as 27 or 28, as {@link EthSignature#toHex} writes it. */
  static EthSignature signature(JsonNode node, String path) {
    if (node == null || !node.isTextual() || !HEX65.matcher(node.textValue()).matches()) {
      throw new SettlementFormatException(path + " must be 0x and 130 lower-case hex digits");
    }
    EthSignature signature;
    try {
      signature = EthSignature.parse(node.textValue());
    } catch (RuntimeException e) {
      throw new SettlementFormatException(path + ": " + e.getMessage(), e);
    }
    if (!signature.toHex().equals(node.textValue())) {
      throw new SettlementFormatException(path + " must write v as 27 or 28 (0x1b or 0x1c)");
    }
    return signature;
  }

  /** A CID in its canonical string form (CIDv0 base58btc, CIDv1 base32 lower-case). */
  static String cid(JsonNode node, String path) {
    String text = text(node, path);
    Cid cid;
    try {
      cid = Cid.parse(text);
    } catch (RuntimeException e) {
      throw new SettlementFormatException(path + " is not a CID: " + e.getMessage(), e);
    }
    if (!cid.toString().equals(text)) {
      throw new SettlementFormatException(
          path + " must be written in its canonical form " + cid + ", not " + text);
    }
    return text;
  }

  static List<Bytes32> bytes32List(JsonNode node, String path) {
    if (node == null || !node.isArray()) {
      throw new SettlementFormatException(path + " must be an array of 0x hex hashes");
    }
    List<Bytes32> list = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      list.add(bytes32(node.get(i), path + "[" + i + "]"));
    }
    return List.copyOf(list);
  }

  /** Standard base64 with padding, exactly as {@link Base64#getEncoder()} writes the bytes. */
  static byte[] base64(JsonNode node, String path) {
    String text = text(node, path);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new SettlementFormatException(path + " is not base64: " + e.getMessage(), e);
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw new SettlementFormatException(
          path + " must be canonical base64 (standard alphabet, padded, no line breaks)");
    }
    return bytes;
  }
}
