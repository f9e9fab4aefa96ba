package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OpenAPI document as a test oracle: its routes, and whether an answer the node gave is one the
 * document describes (status, media type, and the body against the JSON Schema 2020-12 of the
 * response).
 */
final class OpenApiContract {
  /** The base IRI the document is registered under, for {@code $ref}s into it. */
  static final String BASE = "https://airm.invalid/openapi.json";

  static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  static final JsonNode DOCUMENT;
  private static final String TEXT;
  private static final SchemaRegistry SCHEMAS;

  static {
    try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(OpenApiEndpoint.RESOURCE)) {
      TEXT = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      DOCUMENT = new ObjectMapper().readTree(TEXT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SCHEMAS =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(BASE, TEXT)));
  }

  private OpenApiContract() {}

  /** One operation of the document. */
  record Operation(
      String method, String path, JsonNode node, boolean pending, Optional<Role> role) {
    String name() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  /** Every operation the document describes. */
  static List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = DOCUMENT.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (METHODS.contains(op.getKey())) {
          operations.add(
              new Operation(
                  op.getKey(),
                  path.getKey(),
                  op.getValue(),
                  op.getValue().path("x-airm-pending").asBoolean(false),
                  role(op.getValue())));
        }
      }
    }
    return operations;
  }

  /**
   * The role an operation's security requirements name: admin alone is {@link Role#ADMIN}; the
   * operator token (with the admin's as an alternative) is {@link Role#OPERATOR}; none is public.
   */
  static Optional<Role> role(JsonNode operation) {
    JsonNode security = operation.path("security");
    List<String> schemes = new ArrayList<>();
    security.forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
    if (schemes.isEmpty()) {
      return Optional.empty();
    }
    if (schemes.contains("operatorToken")) {
      return Optional.of(Role.OPERATOR);
    }
    if (schemes.equals(List.of("adminToken"))) {
      return Optional.of(Role.ADMIN);
    }
    throw new AssertionError("Unknown security requirements " + security);
  }

  /** The documented operation serving {@code method} on the concrete {@code path}, if any. */
  static Optional<Operation> match(String method, String path) {
    String wanted = method.toLowerCase(Locale.ROOT);
    for (Operation operation : operations()) {
      if (operation.method().equals(wanted) && template(operation.path()).matcher(path).matches()) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }

  private static Pattern template(String path) {
    StringBuilder regex = new StringBuilder();
    for (String part : path.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  /** Asserts that every answer is one the document describes. */
  static void assertConforms(List<ApiHarness.Answered> answers) {
    List<String> problems = new ArrayList<>();
    for (ApiHarness.Answered answer : answers) {
      problems.addAll(check(answer));
    }
    assertThat(problems).as("answers that do not match openapi.json").isEmpty();
  }

  /** What is wrong with {@code answer} by the document; empty if nothing. */
  static List<String> check(ApiHarness.Answered answer) {
    String mediaType = mediaType(answer.contentType());
    String what = answer.method() + " " + answer.path() + " → " + answer.status();
    Optional<Operation> operation = match(answer.method(), answer.path());
    if (operation.isEmpty()) {
      // a route only a test has, or no route at all: still, an error is a problem
      return mediaType.equals("application/problem+json")
          ? validate(what, "#/components/schemas/Problem", answer.body())
          : List.of();
    }
    String pointer = "#/paths/" + escape(operation.get().path()) + "/" + operation.get().method();
    JsonNode responses = operation.get().node().path("responses");
    String code = Integer.toString(answer.status());
    String range = code.charAt(0) + "XX";
    String key =
        responses.has(code)
            ? code
            : responses.has(range) ? range : responses.has("default") ? "default" : null;
    if (key == null) {
      return List.of(what + ": the document lists no such status for " + operation.get().name());
    }
    pointer += "/responses/" + escape(key);
    JsonNode response = responses.get(key);
    if (response.has("$ref")) {
      pointer = response.get("$ref").asText();
      response = resolve(pointer);
    }
    if (answer.body().length == 0) {
      return List.of();
    }
    if (!response.path("content").has(mediaType)) {
      return List.of(what + ": media type " + mediaType + " is not documented for status " + key);
    }
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      return List.of();
    }
    return validate(what, pointer + "/content/" + escape(mediaType) + "/schema", answer.body());
  }

  /** Errors of {@code body} against the schema at {@code pointer} in the document. */
  static List<String> validate(String what, String pointer, byte[] body) {
    Schema schema = SCHEMAS.getSchema(SchemaLocation.of(BASE + pointer));
    List<Error> errors =
        schema.validate(
            new String(body, StandardCharsets.UTF_8), com.networknt.schema.InputFormat.JSON);
    List<String> problems = new ArrayList<>();
    for (Error error : errors) {
      problems.add(what + ": " + error + " in " + new String(body, StandardCharsets.UTF_8));
    }
    return problems;
  }

  /** The node at a local {@code #/...} pointer. */
  static JsonNode resolve(String pointer) {
    if (!pointer.startsWith("#/")) {
      throw new AssertionError("Only local references are used, not " + pointer);
    }
    JsonNode node = DOCUMENT.at(pointer.substring(1));
    if (node.isMissingNode()) {
      throw new AssertionError("The reference " + pointer + " leads nowhere");
    }
    return node;
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /** RFC 6901 escaping of one reference token. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
