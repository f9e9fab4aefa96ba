package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node serves its web page, as the Maven build put it on the classpath, with a policy that lets
 * it reach only the node and the advertised chain endpoint; the API beside it is unchanged.
 */
class WebPageApiTest {
  @TempDir Path dir;
  private ApiHarness api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    api = new ApiHarness(dir, ApiHarness.Options.defaults());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void root_servesTheIndex_whichLoadsTheBundledScriptAndStyles() throws Exception {
    HttpResponse<String> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(index.body())
        .contains("<script type=\"module\" src=\"/app.js\"></script>")
        .contains("href=\"/app.css\"")
        .doesNotContain("http://", "https://");

    HttpResponse<String> script = get("/app.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    // the bundle carries the page's own code: the routes and the EIP-712 type it signs
    assertThat(script.body()).contains("#/register", "#/creator", "WorkRegistration");
    assertThat(script.body().length()).isGreaterThan(10_000);

    HttpResponse<String> styles = get("/app.css");
    assertThat(styles.statusCode()).isEqualTo(200);
    assertThat(styles.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(styles.body()).contains(".card");
  }

  @Test
  void everyPageAsset_carriesTheSecurityHeaders_withTheRpcOriginAllowed() throws Exception {
    for (String path : new String[] {"/", "/app.js", "/app.css"}) {
      HttpResponse<String> answer = get(path);
      assertThat(answer.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .contains("default-src 'self'")
                      .contains("connect-src 'self' http://127.0.0.1:1;")
                      .contains("frame-ancestors 'none'"));
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(answer.headers().firstValue("ETag")).isPresent();
    }
  }

  @Test
  void anUnchangedAsset_isNotSentAgain() throws Exception {
    String etag = get("/app.js").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = get("/app.js", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/app.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
  }

  @Test
  void theApi_isUnchangedBesideThePage_andUnknownPathsAreStillProblems() throws Exception {
    HttpResponse<String> registry = get("/v1/registry");
    assertThat(registry.statusCode()).isEqualTo(200);
    assertThat(registry.headers().firstValue("Content-Type")).hasValue("application/json");
    HttpResponse<String> missing = get("/app.map");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void thePolicy_allowsOnlyTheOriginOfTheRpcUrl() {
    assertThat(WebPage.contentSecurityPolicy("https://RPC.example.org:8443/v2/key?x=1"))
        .contains("connect-src 'self' https://rpc.example.org:8443;");
    assertThat(WebPage.contentSecurityPolicy("https://rpc.example.org/abc"))
        .contains("connect-src 'self' https://rpc.example.org;");
    assertThat(WebPage.contentSecurityPolicy("")).contains("connect-src 'self';");
    assertThat(WebPage.contentSecurityPolicy("file:///etc/passwd")).contains("connect-src 'self';");
    assertThat(WebPage.contentSecurityPolicy("not a url")).contains("connect-src 'self';");
  }
}
