package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the node's answers into the client's records; a missing field names itself. */
final class Json {
  private Json() {}

  static JsonNode field(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      throw new RegistryClientException(
          0, "The node's answer has no '" + name + "' field: " + node);
    }
    return value;
  }

  static String text(JsonNode node, String name) {
    return field(node, name).asText();
  }

  static Optional<String> optionalText(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  static long longValue(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.canConvertToLong()) {
      throw new RegistryClientException(0, "The node's '" + name + "' is not an integer: " + value);
    }
    return value.asLong();
  }

  static BigInteger bigInteger(JsonNode node, String name) {
    try {
      return new BigInteger(field(node, name).asText());
    } catch (NumberFormatException e) {
      throw new RegistryClientException(
          0, "The node's '" + name + "' is not a decimal integer: " + node.get(name));
    }
  }

  static Bytes32 bytes32(JsonNode node, String name) {
    return Bytes32.parse(text(node, name));
  }

  static Address address(JsonNode node, String name) {
    return Address.parse(text(node, name));
  }

  static List<Bytes32> bytes32List(JsonNode node, String name) {
    List<Bytes32> list = new ArrayList<>();
    field(node, name).forEach(h -> list.add(Bytes32.parse(h.asText())));
    return List.copyOf(list);
  }
}
