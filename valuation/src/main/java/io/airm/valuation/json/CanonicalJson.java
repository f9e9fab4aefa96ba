package io.airm.valuation.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airm.valuation.ValuationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON (RFC 8785 for the value types the valuation uses): object keys sorted by UTF-16
 * code units, no insignificant white space, integers in plain decimal, strings with the minimal
 * escapes. Floating-point numbers are refused: every number in a report is an integer.
 */
public final class CanonicalJson {
  /** The mapper every valuation document is read with (big integers kept exact). */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private CanonicalJson() {}

  /** The canonical text of {@code node}. */
  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out, "$");
    return out.toString();
  }

  /** The canonical UTF-8 bytes of {@code node}. */
  public static byte[] bytes(JsonNode node) {
    return write(node).getBytes(StandardCharsets.UTF_8);
  }

  /** SHA-256 of the canonical bytes, as 0x-prefixed lower-case hex. */
  public static String sha256(JsonNode node) {
    return sha256(bytes(node));
  }

  /** SHA-256 of {@code bytes}, as 0x-prefixed lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private static void write(JsonNode node, StringBuilder out, String path) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 asks
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(names.get(i), out);
          out.append(':');
          write(node.get(names.get(i)), out, path + "." + names.get(i));
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out, path + "[" + i + "]");
        }
        out.append(']');
      }
      case STRING -> string(node.textValue(), out);
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      case NUMBER -> {
        if (!node.isIntegralNumber()) {
          throw new ValuationException(
              "Canonical JSON holds integers only; " + path + " is " + node.asText());
        }
        out.append(node.bigIntegerValue().toString());
      }
      default -> throw new ValuationException("Cannot write " + node.getNodeType() + " at " + path);
    }
  }

  private static void string(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
