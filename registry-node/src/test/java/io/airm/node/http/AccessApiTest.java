package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.config.RoutesConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens, roles and per-principal rate limits, over HTTP. */
class AccessApiTest {
  private static final Consumer<RoutesConfig> PROTECTED_ROUTES =
      routes -> {
        routes.post("/test/admin", ctx -> ctx.result("admin ok"), Role.ADMIN);
        routes.post("/test/operator", ctx -> ctx.result("operator ok"), Role.OPERATOR);
      };

  @TempDir Path dir;
  private ApiHarness api;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private void start(Optional<String> admin, Optional<String> operator) {
    api =
        new ApiHarness(
            dir,
            ApiHarness.Options.defaults().withTokens(admin, operator).withRoutes(PROTECTED_ROUTES));
  }

  private HttpResponse<String> post(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.url + path))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static void assertProblem(HttpResponse<String> response, int status, String fragment) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(response.body()).contains(fragment);
  }

  @Test
  void withoutTokens_protectedRoutesAreDisabled_neverOpen() throws Exception {
    start(Optional.empty(), Optional.empty());
    assertProblem(post("/test/admin"), 403, "not enabled on this node");
    assertProblem(post("/test/operator"), 403, "api.operator-token");
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void adminRoute_withoutToken_is401WithABearerChallenge() throws Exception {
    start(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.of(ApiHarness.OPERATOR_TOKEN));
    HttpResponse<String> response = post("/test/admin");
    assertProblem(response, 401, "needs the admin token");
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"airm\"");
  }

  @Test
  void adminRoute_withTheAdminToken_isServed_withTheOperatorToken_is403() throws Exception {
    start(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.of(ApiHarness.OPERATOR_TOKEN));
    HttpResponse<String> admin =
        post("/test/admin", "Authorization", bearer(ApiHarness.ADMIN_TOKEN));
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).isEqualTo("admin ok");
    assertProblem(
        post("/test/admin", "Authorization", bearer(ApiHarness.OPERATOR_TOKEN)),
        403,
        "the operator token does not grant it");
  }

  @Test
  void operatorRoute_takesTheOperatorOrTheAdminToken() throws Exception {
    start(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.of(ApiHarness.OPERATOR_TOKEN));
    assertThat(post("/test/operator", "Authorization", bearer(ApiHarness.OPERATOR_TOKEN)).body())
        .isEqualTo("operator ok");
    assertThat(post("/test/operator", "Authorization", "bearer " + ApiHarness.ADMIN_TOKEN).body())
        .isEqualTo("operator ok");
    assertProblem(post("/test/operator"), 401, "needs the operator token");
  }

  @Test
  void operatorRoute_withOnlyAnAdminToken_isEnabledForTheAdmin() throws Exception {
    start(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.empty());
    assertProblem(post("/test/operator"), 401, "needs the operator token");
    assertThat(post("/test/operator", "Authorization", bearer(ApiHarness.ADMIN_TOKEN)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWrongToken_isRefusedOnEveryRoute_asAnInvalidToken() throws Exception {
    start(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.empty());
    String wrong = ApiHarness.ADMIN_TOKEN.substring(1) + "x";
    for (HttpResponse<String> response :
        List.of(
            post("/test/admin", "Authorization", bearer(wrong)),
            get("/health", "Authorization", bearer(wrong)),
            get("/health", "Authorization", "Basic YWRtaW46YWRtaW4="),
            get("/health", "Authorization", "Bearer"))) {
      assertProblem(response, 401, "not hold a bearer token this node accepts");
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .contains("Bearer realm=\"airm\", error=\"invalid_token\"");
    }
  }

  @Test
  void aTokenForADisabledRole_isNoToken() throws Exception {
    // no operator token is configured: whatever a client sends as one is simply wrong
    start(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.empty());
    assertProblem(
        post("/test/operator", "Authorization", bearer(ApiHarness.OPERATOR_TOKEN)),
        401,
        "not hold a bearer token this node accepts");
  }

  @Test
  void rateLimit_isPerPeerAddress_andIgnoresForwardedHeaders() throws Exception {
    api =
        new ApiHarness(
            dir,
            ApiHarness.Options.defaults()
                .withTokens(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.empty())
                .withRateLimit(0.01, 3));
    for (int i = 0; i < 3; i++) {
      assertThat(get("/health", "X-Forwarded-For", "203.0.113." + i).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> limited = get("/health", "X-Forwarded-For", "198.51.100.7");
    assertProblem(limited, 429, "Too many requests from peer:127.0.0.1");
    assertThat(limited.headers().firstValue("Retry-After")).contains("100");
    // the admin has a bucket of its own
    assertThat(get("/health", "Authorization", bearer(ApiHarness.ADMIN_TOKEN)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void wrongTokens_costTheirPeerItsRateLimit() throws Exception {
    api =
        new ApiHarness(
            dir,
            ApiHarness.Options.defaults()
                .withTokens(Optional.of(ApiHarness.ADMIN_TOKEN), Optional.empty())
                .withRateLimit(0.01, 2));
    String wrong = "w".repeat(40);
    assertThat(get("/health", "Authorization", bearer(wrong)).statusCode()).isEqualTo(401);
    assertThat(get("/health", "Authorization", bearer(wrong)).statusCode()).isEqualTo(401);
    assertThat(get("/health", "Authorization", bearer(wrong)).statusCode()).isEqualTo(429);
  }
}
