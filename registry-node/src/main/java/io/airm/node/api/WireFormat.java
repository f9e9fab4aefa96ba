package io.airm.node.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.settlement.SettlementDocument;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON wire format of the API, shared by the server and the clients so that both read and write
 * exactly the same shapes. uint256 values travel as decimal strings; hashes, addresses and
 * signatures as 0x hex.
 */
public final class WireFormat {
  private static final Set<String> REGISTRATION_FIELDS =
      Set.of(
          "creator",
          "contentHash",
          "cid",
          "metadataHash",
          "licence",
          "aiTraining",
          "parents",
          "nonce",
          "deadline");

  /**
   * A mapper with the default {@link JsonLimits} (nesting, string and number length): what clients
   * read answers with. The node reads requests with {@link #mapper(JsonLimits)} of its
   * configuration.
   */
  public static final ObjectMapper JSON = mapper(JsonLimits.DEFAULTS);

  private WireFormat() {}

  /**
   * A mapper that reads under {@code limits}: strict about trailing tokens, exact with integers.
   */
  public static ObjectMapper mapper(JsonLimits limits) {
    return new ObjectMapper(
            JsonFactory.builder().streamReadConstraints(limits.constraints()).build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  }

  /** The JSON object of a registration (the settlement document carries the same). */
  public static ObjectNode registration(WorkRegistration r) {
    return SettlementDocument.registration(r);
  }

  /**
   * Reads a registration object, strictly: every field present with its type, nothing unknown.
   *
   * @throws WireFormatException naming the field that is wrong
   */
  public static WorkRegistration registration(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new WireFormatException(path + " must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!REGISTRATION_FIELDS.contains(name)) {
        throw new WireFormatException(
            path + " has an unknown field '" + name + "'; the fields are " + REGISTRATION_FIELDS);
      }
    }
    List<Bytes32> parents = new ArrayList<>();
    JsonNode parentsNode = node.get("parents");
    if (parentsNode != null && !parentsNode.isNull()) {
      if (!parentsNode.isArray()) {
        throw new WireFormatException(path + ".parents must be an array of work ids");
      }
      for (int i = 0; i < parentsNode.size(); i++) {
        parents.add(bytes32(parentsNode.get(i), path + ".parents[" + i + "]"));
      }
    }
    JsonNode aiTraining = require(node, "aiTraining", path);
    if (!aiTraining.isBoolean()) {
      throw new WireFormatException(path + ".aiTraining must be true or false");
    }
    try {
      return new WorkRegistration(
          address(require(node, "creator", path), path + ".creator"),
          bytes32(require(node, "contentHash", path), path + ".contentHash"),
          text(require(node, "cid", path), path + ".cid"),
          bytes32(require(node, "metadataHash", path), path + ".metadataHash"),
          text(require(node, "licence", path), path + ".licence"),
          aiTraining.booleanValue(),
          parents,
          uint256(require(node, "nonce", path), path + ".nonce"),
          uint256(require(node, "deadline", path), path + ".deadline"));
    } catch (IllegalArgumentException e) {
      throw new WireFormatException(path + ": " + e.getMessage());
    }
  }

  private static final Set<String> ATTESTATION_FIELDS =
      Set.of(
          "modelId",
          "modelVersion",
          "worksRoot",
          "workCount",
          "evidenceDigest",
          "attester",
          "nonce",
          "deadline");

  /** The JSON object of a usage attestation's signed fields. */
  public static ObjectNode attestation(AttestationMessage m) {
    return SettlementDocument.message(m);
  }

  /**
   * Reads a usage attestation's signed fields, strictly.
   *
   * @throws WireFormatException naming the field that is wrong
   */
  public static AttestationMessage attestation(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new WireFormatException(path + " must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!ATTESTATION_FIELDS.contains(name)) {
        throw new WireFormatException(
            path + " has an unknown field '" + name + "'; the fields are " + ATTESTATION_FIELDS);
      }
    }
    BigInteger count = uint256(require(node, "workCount", path), path + ".workCount");
    if (count.bitLength() > 32) {
      throw new WireFormatException(path + ".workCount must fit in uint32");
    }
    String version = text(require(node, "modelVersion", path), path + ".modelVersion");
    if (version.isEmpty() || version.length() > 256) {
      throw new WireFormatException(path + ".modelVersion must have 1 to 256 characters");
    }
    try {
      return new AttestationMessage(
          bytes32(require(node, "modelId", path), path + ".modelId"),
          version,
          bytes32(require(node, "worksRoot", path), path + ".worksRoot"),
          count.longValueExact(),
          bytes32(require(node, "evidenceDigest", path), path + ".evidenceDigest"),
          address(require(node, "attester", path), path + ".attester"),
          uint256(require(node, "nonce", path), path + ".nonce"),
          uint256(require(node, "deadline", path), path + ".deadline"));
    } catch (IllegalArgumentException e) {
      throw new WireFormatException(path + ": " + e.getMessage());
    }
  }

  private static JsonNode require(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new WireFormatException(path + "." + field + " is required");
    }
    return value;
  }

  /** A string field. */
  public static String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw new WireFormatException(path + " must be a string");
    }
    return node.textValue();
  }

  /** A 0x hex 32-byte field. */
  public static Bytes32 bytes32(JsonNode node, String path) {
    try {
      return Bytes32.parse(text(node, path));
    } catch (IllegalArgumentException e) {
      throw new WireFormatException(path + ": " + e.getMessage());
    }
  }

  /** A 0x hex address field. */
  public static Address address(JsonNode node, String path) {
    try {
      return Address.parse(text(node, path));
    } catch (IllegalArgumentException e) {
      throw new WireFormatException(path + ": " + e.getMessage());
    }
  }

  /** A uint256 given as a decimal string (or a JSON integer). */
  public static BigInteger uint256(JsonNode node, String path) {
    BigInteger value;
    if (node.isIntegralNumber()) {
      value = node.bigIntegerValue();
    } else if (node.isTextual() && node.textValue().matches("[0-9]{1,78}")) {
      value = new BigInteger(node.textValue());
    } else {
      throw new WireFormatException(
          path + " must be an unsigned integer, as a decimal string such as \"42\"");
    }
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new WireFormatException(path + " must fit in 256 unsigned bits");
    }
    return value;
  }

  /** A request or response body that does not have the documented shape. */
  public static final class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
      super(message);
    }
  }
}
