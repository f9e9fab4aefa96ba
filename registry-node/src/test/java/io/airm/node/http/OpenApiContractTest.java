package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openapi.json} tells the truth: every route the app registers is documented with its method
 * and role, every documented route is registered (or marked {@code x-airm-pending} until its branch
 * is merged), and every error is a problem. That the node's answers match the documented schemas is
 * checked for every answer {@link ApiHarness} records, in every API test.
 */
class OpenApiContractTest {
  @TempDir Path dir;
  private ApiHarness api;

  @BeforeEach
  void start() {
    api = new ApiHarness(dir, ApiHarness.Options.defaults());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** The app's HTTP routes, "METHOD /path" with OpenAPI's {param}, and the roles of each. */
  private Map<String, Optional<Role>> registeredRoutes() {
    Map<String, Optional<Role>> routes = new TreeMap<>();
    for (ParsedEndpoint parsed : api.app.unsafe.internalRouter.allHttpHandlers()) {
      Endpoint endpoint = parsed.endpoint;
      if (!endpoint.method.isHttpMethod()) {
        continue; // before and after handlers
      }
      String path = endpoint.path.replace('<', '{').replace('>', '}');
      Roles roles = endpoint.metadata(Roles.class);
      Optional<Role> role =
          roles == null || roles.getRoles().isEmpty()
              ? Optional.empty()
              : Optional.of((Role) roles.getRoles().iterator().next());
      routes.put(endpoint.method.name().toUpperCase(Locale.ROOT) + " " + path, role);
    }
    return routes;
  }

  @Test
  void everyRegisteredRoute_isDocumented_andEveryDocumentedRouteIsRegistered() {
    Map<String, Optional<Role>> registered = registeredRoutes();
    assertThat(disagreements(registered)).as("routes and openapi.json disagree").isEmpty();
    assertThat(registered).containsKeys("GET /health", "POST /v1/works", "HEAD /ipfs/{cid}");
  }

  @Test
  void theRouteCheck_namesWhatIsMissingOrWrong() {
    Map<String, Optional<Role>> routes = new TreeMap<>(registeredRoutes());
    routes.remove("GET /health");
    routes.put("DELETE /v1/works/{id}", Optional.empty());
    routes.put("POST /v1/pools/{poolId}/settle", Optional.empty());
    assertThat(disagreements(routes))
        .containsExactlyInAnyOrder(
            "DELETE /v1/works/{id} is registered but not in openapi.json: document it",
            "GET /health is in openapi.json but not registered: register it, remove it, or mark"
                + " it x-airm-pending",
            "POST /v1/pools/{id}/settle requires role none but openapi.json's security says"
                + " OPERATOR");
  }

  /** "GET /v1/pools/{}" for "GET /v1/pools/{id}": parameter names are the code's and the doc's. */
  private static String shape(String route) {
    return route.replaceAll("\\{[^}]*\\}", "{}");
  }

  /** Where the routes and the document disagree, one sentence each; empty if nowhere. */
  private static List<String> disagreements(Map<String, Optional<Role>> routes) {
    Map<String, Optional<Role>> registered = new TreeMap<>();
    routes.forEach((route, role) -> registered.put(shape(route), role));
    List<String> wrong = new ArrayList<>();
    for (String route : routes.keySet()) {
      if (OpenApiContract.operations().stream()
          .noneMatch(op -> shape(op.name()).equals(shape(route)))) {
        wrong.add(route + " is registered but not in openapi.json: document it");
      }
    }
    for (OpenApiContract.Operation op : OpenApiContract.operations()) {
      String shape = shape(op.name());
      boolean present = registered.containsKey(shape);
      if (!present && !op.pending()) {
        wrong.add(
            op.name()
                + " is in openapi.json but not registered: register it, remove it, or mark it"
                + " x-airm-pending");
      }
      if (present && op.pending()) {
        wrong.add(op.name() + " is registered now: remove its x-airm-pending marker");
      }
      if (present && !registered.get(shape).equals(op.role())) {
        wrong.add(
            op.name()
                + " requires role "
                + registered.get(shape).map(Role::name).orElse("none")
                + " but openapi.json's security says "
                + op.role().map(Role::name).orElse("none"));
      }
    }
    return wrong;
  }

  @Test
  void theDocument_isOpenApi31_withJsonSchema202012_andBearerSchemes() {
    JsonNode doc = OpenApiContract.DOCUMENT;
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.get("jsonSchemaDialect").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    for (String scheme : List.of("adminToken", "operatorToken")) {
      JsonNode node = doc.at("/components/securitySchemes/" + scheme);
      assertThat(node.get("type").asText()).isEqualTo("http");
      assertThat(node.get("scheme").asText()).isEqualTo("bearer");
    }
  }

  @Test
  void theDocument_isValidByTheOpenApi31Schema() throws Exception {
    String oas;
    try (InputStream in = getClass().getResourceAsStream("/oas/schema-2021-04-15.json")) {
      oas = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String id = "https://spec.openapis.org/oas/3.1/schema/2021-04-15";
    Schema schema =
        SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(id, oas)))
            .getSchema(SchemaLocation.of(id));
    assertThat(schema.validate(OpenApiContract.DOCUMENT)).isEmpty();
    // and it would notice: a response needs a description
    JsonNode broken = OpenApiContract.DOCUMENT.deepCopy();
    ((ObjectNode) broken.at("/paths/~1health/get/responses/200")).remove("description");
    assertThat(schema.validate(broken)).isNotEmpty();
  }

  @Test
  void everyOperation_documentsItsErrorsAsProblems_andItsCommonRefusals() {
    List<String> wrong = new ArrayList<>();
    for (OpenApiContract.Operation op : OpenApiContract.operations()) {
      JsonNode responses = op.node().get("responses");
      for (String code : List.of("400", "401", "429", "500")) {
        if (!responses.has(code)) {
          wrong.add(op.name() + " does not document " + code);
        }
      }
      if (op.role().isPresent() && !responses.has("403")) {
        wrong.add(op.name() + " is protected but does not document 403");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> response = it.next();
        if (op.name().equals("GET /health/ready") && response.getKey().equals("503")) {
          continue; // not ready is the same report as ready, which probes and people read
        }
        if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
          JsonNode resolved =
              response.getValue().has("$ref")
                  ? OpenApiContract.resolve(response.getValue().get("$ref").asText())
                  : response.getValue();
          JsonNode content = resolved.path("content");
          if (content.size() != 1
              || !content
                  .path("application/problem+json")
                  .path("schema")
                  .path("$ref")
                  .asText()
                  .equals("#/components/schemas/Problem")) {
            wrong.add(op.name() + " " + response.getKey() + " is not a Problem");
          }
        }
      }
      if (op.method().equals("post")) {
        boolean idempotencyKey = false;
        for (JsonNode parameter : op.node().path("parameters")) {
          idempotencyKey |=
              parameter.path("$ref").asText().equals("#/components/parameters/IdempotencyKey");
        }
        if (!idempotencyKey) {
          wrong.add(op.name() + " does not document Idempotency-Key");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void everyReference_leadsSomewhere() {
    List<String> refs = new ArrayList<>();
    collectRefs(OpenApiContract.DOCUMENT, refs);
    assertThat(refs).isNotEmpty();
    refs.forEach(OpenApiContract::resolve);
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject() && node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }

  @Test
  void getOpenApiJson_servesTheDocument() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.url + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(OpenApiEndpoint.RESOURCE)) {
      assertThat(response.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theOracle_catchesAnAnswerTheDocumentDoesNotDescribe() {
    String work =
        "{\"workId\":\"0x"
            + "ab".repeat(32)
            + "\",\"logIndex\":0,\"cid\":\"bafk\",\"location\":\"/v1/works/x\"}";
    List<String> missingState =
        OpenApiContract.check(
            new ApiHarness.Answered(
                "POST",
                "/v1/works",
                202,
                "application/json",
                work.getBytes(StandardCharsets.UTF_8)));
    assertThat(missingState).singleElement().asString().contains("state");
    assertThat(
            OpenApiContract.check(
                new ApiHarness.Answered(
                    "GET",
                    "/v1/works/0x" + "ab".repeat(32),
                    200,
                    "application/json",
                    work.getBytes(StandardCharsets.UTF_8))))
        .as("a path template's schema is found too")
        .isNotEmpty()
        .anySatisfy(problem -> assertThat(problem).contains("registration"));

    assertThat(
            OpenApiContract.check(
                new ApiHarness.Answered("GET", "/health", 418, "text/plain", new byte[] {1})))
        .singleElement()
        .asString()
        .contains("no such status");
    assertThat(
            OpenApiContract.check(
                new ApiHarness.Answered(
                    "GET",
                    "/v1/works/0x12",
                    404,
                    "application/problem+json",
                    "{\"type\":\"about:blank\"}".getBytes(StandardCharsets.UTF_8))))
        .isNotEmpty();
  }

  @Test
  void realAnswers_matchTheDocument() throws Exception {
    // a few answers of every kind the node gives today; ApiHarness checks them on close, and
    // every other API test's answers the same way
    HttpClient http = HttpClient.newHttpClient();
    for (String path :
        List.of(
            "/health",
            "/v1/registry",
            "/v1/works/0x" + "00".repeat(32),
            "/v1/works/bad",
            "/nowhere",
            "/ipfs/bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")) {
      http.send(
          HttpRequest.newBuilder(URI.create(api.url + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
    assertThat(api.answers()).hasSize(6);
    List<String> problems = new ArrayList<>();
    api.answers().forEach(answer -> problems.addAll(OpenApiContract.check(answer)));
    assertThat(problems).isEmpty();
  }
}
