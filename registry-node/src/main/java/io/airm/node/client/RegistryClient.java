package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** A client of a registry node's HTTP API, over {@code java.net.http}. */
public final class RegistryClient {
  private final URI base;
  private final HttpClient http;

  /** A client of the node at {@code baseUrl} (for example {@code http://127.0.0.1:8080}). */
  public RegistryClient(String baseUrl) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** What a node answered: its status and JSON body. */
  public record Answer(int status, JsonNode body) {}

  /** {@code GET /v1/registry}. */
  public JsonNode registryInfo() {
    return ok(get("v1/registry"));
  }

  /** The EIP-712 domain the node's registry uses. */
  public Eip712Domain domain() {
    JsonNode domain = registryInfo().get("eip712Domain");
    return new Eip712Domain(
        domain.get("name").asText(),
        domain.get("version").asText(),
        domain.get("chainId").bigIntegerValue(),
        Address.parse(domain.get("verifyingContract").asText()));
  }

  /** {@code GET /v1/works/{id}}. */
  public JsonNode work(Bytes32 workId) {
    return ok(get("v1/works/" + workId.hex()));
  }

  /** {@code GET /v1/works/{id}}, whatever the status. */
  public Answer workAnswer(Bytes32 workId) {
    return get("v1/works/" + workId.hex());
  }

  /** {@code GET /v1/log}: the log's size and root, and the newest checkpoint on chain. */
  public JsonNode logHead() {
    return ok(get("v1/log"));
  }

  /** {@code GET /v1/log/entries?start=S&count=C}, whatever the status. */
  public Answer logEntries(long start, int count) {
    return get("v1/log/entries?start=" + start + "&count=" + count);
  }

  /** {@code GET /v1/log/consistency?first=A&second=B}, whatever the status. */
  public Answer logConsistency(long first, long second) {
    return get("v1/log/consistency?first=" + first + "&second=" + second);
  }

  /** {@code GET /v1/log/proof?index=I&treeSize=N}, whatever the status. */
  public Answer logProof(long index, long treeSize) {
    return get("v1/log/proof?index=" + index + "&treeSize=" + treeSize);
  }

  /** {@code GET /v1/attestations/{id}}, whatever the status. */
  public Answer attestation(Bytes32 attestationId) {
    return get("v1/attestations/" + attestationId.hex());
  }

  /**
   * {@code POST /v1/works}: multipart with the content if {@code content} is given, else JSON.
   * Returns the answer whatever its status, so callers see problems as they are.
   */
  public Answer register(
      WorkRegistration registration,
      EthSignature signature,
      Optional<String> metadata,
      Optional<Path> content) {
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("registration", WireFormat.registration(registration));
    request.put("signature", signature.toHex());
    metadata.ifPresent(m -> request.put("metadata", m));
    return content.isPresent()
        ? postMultipart(request.toString(), content.get())
        : postJson("v1/works", request.toString());
  }

  /** POSTs a raw JSON body (tests use it to send malformed requests). */
  public Answer postJson(String path, String json) {
    return postJson(path, json, Optional.empty());
  }

  /** POSTs a raw JSON body with a bearer token (operator and admin endpoints). */
  public Answer postJson(String path, String json, Optional<String> bearerToken) {
    return postJson(path, json, bearerToken, Optional.empty());
  }

  /** POSTs a raw JSON body with a bearer token and an {@code Idempotency-Key}. */
  public Answer postJson(
      String path, String json, Optional<String> bearerToken, Optional<String> idempotencyKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    bearerToken.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    idempotencyKey.ifPresent(k -> request.header("Idempotency-Key", k));
    return send(request.build());
  }

  /** The EIP-712 domain usage attestations are signed under. */
  public Eip712Domain attestationDomain() {
    JsonNode domain = registryInfo().get("attestationDomain");
    if (domain == null) {
      throw new RegistryClientException(0, "The node at " + base + " does not take attestations");
    }
    return new Eip712Domain(
        domain.get("name").asText(),
        domain.get("version").asText(),
        domain.get("chainId").bigIntegerValue(),
        Address.parse(domain.get("verifyingContract").asText()));
  }

  /** {@code POST /v1/attestations}, whatever the answer. */
  public Answer attest(AttestationSigner.Signed signed) {
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("attestation", WireFormat.attestation(signed.message()));
    request.put("signature", signed.signature().toHex());
    request.set("evidence", signed.evidence());
    return postJson("v1/attestations", request.toString());
  }

  /** {@code GET} of any API path, whatever the answer. */
  public Answer getAnswer(String path) {
    return get(path.startsWith("/") ? path.substring(1) : path);
  }

  /** {@code GET} of any API path; a non-2xx answer is an exception. */
  public JsonNode getJson(String path) {
    return ok(getAnswer(path));
  }

  /** {@code POST /v1/pools/{id}/settle} with the operator's token. */
  public Answer settle(java.math.BigInteger poolId, Optional<String> operatorToken) {
    return postJson("v1/pools/" + poolId + "/settle", "{}", operatorToken);
  }

  /** {@code GET /v1/pools/{id}/allocations/{account}}. */
  public Answer allocation(java.math.BigInteger poolId, Address account) {
    return get("v1/pools/" + poolId + "/allocations/" + account.value());
  }

  /** POSTs a multipart registration: the {@code request} JSON part and the {@code content} file. */
  public Answer postMultipart(String requestJson, Path content) {
    String boundary = "airm-" + UUID.randomUUID();
    String head =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"request\"\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + requestJson
            + "\r\n"
            + "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"content\"; filename=\"content\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    try {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("v1/works"))
              .timeout(Duration.ofMinutes(10))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(
                  HttpRequest.BodyPublishers.concat(
                      HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                      HttpRequest.BodyPublishers.ofFile(content),
                      HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8)))
              .build();
      return send(request);
    } catch (IOException e) {
      throw new RegistryClientException("Cannot read " + content + ": " + e.getMessage(), e);
    }
  }

  /** {@code GET /ipfs/{cid}}: the content, streamed. */
  public InputStream content(String cid) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("ipfs/" + cid)).timeout(Duration.ofMinutes(10)).build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        throw new RegistryClientException(
            response.statusCode(),
            "GET /ipfs/" + cid + " answered " + response.statusCode() + ": " + body);
      }
      return response.body();
    } catch (IOException e) {
      throw new RegistryClientException("Cannot reach the node at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryClientException("Interrupted", e);
    }
  }

  private Answer get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build());
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      JsonNode json =
          body == null || body.isBlank()
              ? WireFormat.JSON.nullNode()
              : WireFormat.JSON.readTree(body);
      return new Answer(response.statusCode(), json);
    } catch (IOException e) {
      throw new RegistryClientException(
          "Cannot reach the node at " + base + " (" + request.uri() + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryClientException("Interrupted", e);
    }
  }

  private static JsonNode ok(Answer answer) {
    if (answer.status() / 100 != 2) {
      JsonNode detail = answer.body().get("detail");
      throw new RegistryClientException(
          answer.status(),
          "The node answered "
              + answer.status()
              + ": "
              + (detail == null ? answer.body().toString() : detail.asText()));
    }
    return answer.body();
  }
}
