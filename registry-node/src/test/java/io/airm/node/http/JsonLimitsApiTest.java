package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.node.api.JsonLimits;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient.Answer;
import io.airm.node.client.WorkSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON structure limits, on every route that reads JSON. */
class JsonLimitsApiTest {
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  @TempDir Path dir;
  private ApiHarness api;

  @BeforeEach
  void start() {
    api =
        new ApiHarness(
            dir,
            ApiHarness.Options.defaults()
                .withJsonLimits(new JsonLimits(8, 2048, 64 * 1024))
                .withRoutes(
                    // a route another engineer adds, reading JSON its own way
                    routes ->
                        routes.post(
                            "/test/json",
                            ctx -> ctx.result(WireFormat.JSON.readTree(ctx.body()).toString()))));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static String nested(int depth) {
    return "{\"registration\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
  }

  private void assertLimit(Answer answer, String fragment) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
    assertThat(answer.body().get("type").asText()).isEqualTo("urn:airm:problem:invalid-request");
    assertThat(answer.body().get("detail").asText()).contains(fragment);
  }

  @Test
  void nestingBeyondTheDepth_is400_namingTheKey() {
    assertLimit(api.client.postJson("v1/works", nested(9)), "http.max-json-depth = 8");
    // at the limit the document reaches the endpoint, which says what is wrong with it instead
    Answer atLimit = api.client.postJson("v1/works", nested(8));
    assertThat(atLimit.status()).isEqualTo(400);
    assertThat(atLimit.body().get("detail").asText())
        .contains("registration must be a JSON object");
  }

  @Test
  void aLongString_is400_namingTheKey() {
    assertLimit(
        api.client.postJson("v1/works", "{\"metadata\":\"" + "x".repeat(2049) + "\"}"),
        "http.max-json-string = 2048");
  }

  @Test
  void aLongNumber_is400() {
    assertLimit(
        api.client.postJson("v1/works", "{\"nonce\":" + "9".repeat(81) + "}"),
        "number longer than 80");
  }

  @Test
  void everyRoute_isLimited_whateverMapperItReadsWith() {
    assertLimit(api.client.postJson("test/json", nested(9)), "http.max-json-depth");
    assertThat(api.client.postJson("test/json", nested(3)).status()).isEqualTo(200);
  }

  @Test
  void theJsonPartOfAMultipartUpload_isLimitedToo() throws Exception {
    Path file = dir.resolve("a.txt");
    Files.writeString(file, "a work");
    WorkSigner.Signed signed = new WorkSigner(CREATOR_KEY).signFile(file, ApiHarness.DOMAIN);
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("registration", WireFormat.registration(signed.registration()));
    request.put("signature", signed.signature().toHex());
    request.put("metadata", "m".repeat(3000));
    assertLimit(api.client.postMultipart(request.toString(), file), "http.max-json-string");
    assertThat(api.rows("works")).isZero();
  }
}
