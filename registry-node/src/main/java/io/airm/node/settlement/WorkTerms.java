package io.airm.node.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Address;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a work's metadata and content say about how it is valued and paid (SETTLEMENT.md §4): its
 * kind, its payees and the creator's credentials.
 *
 * <p>The metadata is the registration's metadata document. When it is a JSON object, its {@code
 * mediaType} (a string), {@code coCreators} ({@code [{"account", "sharesBps"}]}) and {@code
 * credentials} (an array) are read and must be well formed; a metadata document that is not a JSON
 * object carries no terms (the creator is paid in full, the kind is sniffed from the content).
 *
 * @param kind text or binary
 * @param payees who is paid, shares summing to 10,000 bps, in the order the metadata lists them
 * @param credentials the metadata's credential statements as written (copies), or none
 */
public record WorkTerms(Kind kind, List<Payee> payees, List<JsonNode> credentials) {
  /** The basis points a work's payees share. */
  public static final int TOTAL_BPS = 10_000;

  private static final ObjectMapper LENIENT = new ObjectMapper();

  /** How the valuation reads a work's content. */
  public enum Kind {
    /** UTF-8 text, valued by its words. */
    TEXT("text"),
    /** Any other bytes. */
    BINARY("binary");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** The name in the valuation input's {@code kind}. */
    public String wireName() {
      return wireName;
    }
  }

  /** One payee and its share in basis points. */
  public record Payee(Address account, int sharesBps) {
    public Payee {
      if (account == null) {
        throw new SettlementFormatException("A payee needs an account");
      }
      if (sharesBps <= 0 || sharesBps > TOTAL_BPS) {
        throw new SettlementFormatException(
            "A payee's share must be between 1 and " + TOTAL_BPS + " bps, not " + sharesBps);
      }
    }
  }

  public WorkTerms {
    if (kind == null || payees == null || payees.isEmpty() || credentials == null) {
      throw new SettlementFormatException("Work terms need a kind, payees and credentials");
    }
    payees = List.copyOf(payees);
    int total = payees.stream().mapToInt(Payee::sharesBps).sum();
    if (total != TOTAL_BPS) {
      throw new SettlementFormatException(
          "A work's payee shares must sum to " + TOTAL_BPS + " bps, not " + total);
    }
    credentials = credentials.stream().<JsonNode>map(JsonNode::deepCopy).toList();
  }

  /**
   * The terms of a work.
   *
   * <p>The kind is {@code text} when the metadata's {@code mediaType} starts with {@code text/}, or
   * there is no {@code mediaType} and the content is valid UTF-8 without NUL; otherwise {@code
   * binary}. Content that is not valid UTF-8 is binary even under a {@code text/} media type: the
   * valuation reads a text as a string, and undecodable bytes have no string that every
   * implementation would agree on.
   *
   * @param metadata the registration's metadata document, if the node holds one
   * @param creator the registration's creator, the payee when the metadata names no co-creators
   * @param content the work's content bytes
   * @throws SettlementFormatException if the metadata's terms are malformed
   */
  public static WorkTerms of(Optional<String> metadata, Address creator, byte[] content) {
    Terms terms = terms(metadata);
    boolean utf8 = utf8(content).isPresent();
    boolean text =
        terms.mediaType().isPresent()
            ? terms.mediaType().get().startsWith("text/") && utf8
            : utf8 && !containsNul(content);
    return new WorkTerms(
        text ? Kind.TEXT : Kind.BINARY,
        terms.coCreators().orElse(List.of(new Payee(creator, TOTAL_BPS))),
        terms.credentials());
  }

  /**
   * Checks a metadata document's terms, so that a registration whose co-creators could never be
   * paid is refused when it is made rather than when a pool is settled.
   *
   * @throws SettlementFormatException naming the field that is wrong
   */
  public static void validateMetadata(Optional<String> metadata) {
    terms(metadata);
  }

  /** The content as a string, if it is valid UTF-8. */
  static Optional<String> utf8(byte[] content) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean containsNul(byte[] content) {
    for (byte b : content) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  private record Terms(
      Optional<String> mediaType, Optional<List<Payee>> coCreators, List<JsonNode> credentials) {}

  private static Terms terms(Optional<String> metadata) {
    Terms none = new Terms(Optional.empty(), Optional.empty(), List.of());
    if (metadata.isEmpty()) {
      return none;
    }
    JsonNode lenient;
    try {
      lenient = LENIENT.readTree(metadata.get());
    } catch (JsonProcessingException e) {
      return none; // not JSON: a free-form metadata document names no terms
    }
    if (lenient == null || !lenient.isObject()) {
      return none;
    }
    ObjectNode object;
    try {
      object = (ObjectNode) Fields.readStrict(metadata.get());
    } catch (JsonProcessingException e) {
      throw new SettlementFormatException(
          "The metadata is not acceptable JSON: " + e.getOriginalMessage(), e);
    }
    Optional<String> mediaType = Optional.empty();
    if (object.has("mediaType")) {
      mediaType = Optional.of(Fields.text(object.get("mediaType"), "metadata.mediaType"));
    }
    Optional<List<Payee>> coCreators = Optional.empty();
    if (object.has("coCreators")) {
      coCreators = Optional.of(coCreators(object.get("coCreators")));
    }
    List<JsonNode> credentials = new ArrayList<>();
    if (object.has("credentials")) {
      JsonNode list = object.get("credentials");
      if (!list.isArray()) {
        throw new SettlementFormatException("metadata.credentials must be an array");
      }
      for (int i = 0; i < list.size(); i++) {
        // The valuation input holds them, and canonical JSON holds no floating-point number.
        Fields.canonical(list.get(i), "metadata.credentials[" + i + "]");
        credentials.add(list.get(i));
      }
    }
    return new Terms(mediaType, coCreators, credentials);
  }

  private static List<Payee> coCreators(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw new SettlementFormatException(
          "metadata.coCreators must be a non-empty array of {\"account\", \"sharesBps\"}");
    }
    List<Payee> payees = new ArrayList<>();
    Set<Address> accounts = new HashSet<>();
    int total = 0;
    for (int i = 0; i < node.size(); i++) {
      String path = "metadata.coCreators[" + i + "]";
      ObjectNode entry = Fields.object(node.get(i), path);
      Address account = Fields.address(entry.get("account"), path + ".account");
      if (!accounts.add(account)) {
        throw new SettlementFormatException(path + ".account repeats " + account);
      }
      int bps = Fields.smallCount(entry.get("sharesBps"), path + ".sharesBps");
      if (bps <= 0 || bps > TOTAL_BPS) {
        throw new SettlementFormatException(
            path + ".sharesBps must be between 1 and " + TOTAL_BPS + ", not " + bps);
      }
      total += bps;
      payees.add(new Payee(account, bps));
    }
    if (total != TOTAL_BPS) {
      throw new SettlementFormatException(
          "metadata.coCreators shares must sum to " + TOTAL_BPS + " bps, not " + total);
    }
    return List.copyOf(payees);
  }
}
