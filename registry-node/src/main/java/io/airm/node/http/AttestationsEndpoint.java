package io.airm.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.Attestation;
import io.airm.node.domain.AttestationChain;
import io.airm.node.domain.AttestationStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import io.airm.node.settle.AttestationService;
import io.airm.node.settle.AttestationSubmission;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code POST /v1/attestations}, {@code GET /v1/attestations/{id}}, {@code GET
 * /v1/attesters/{account}} and the admin's role grant.
 */
public final class AttestationsEndpoint {
  static final String ATTESTATIONS = "/v1/attestations";
  static final String ATTESTATION = "/v1/attestations/{attestationId}";
  static final String ATTESTERS = "/v1/admin/attesters";
  static final String ATTESTER = "/v1/attesters/{account}";

  private static final Set<String> FIELDS = Set.of("attestation", "signature", "evidence");

  private final AttestationService service;
  private final AttestationStore store;
  private final AttestationChain chain;
  private final long maxBodyBytes;

  /**
   * The endpoints; {@code maxBodyBytes} bounds {@code POST /v1/attestations} alone, whose evidence
   * (an embedding per work) outgrows the node's limit for other JSON bodies at a few hundred works.
   */
  public AttestationsEndpoint(
      AttestationService service,
      AttestationStore store,
      AttestationChain chain,
      long maxBodyBytes) {
    this.service = service;
    this.store = store;
    this.chain = chain;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Accepts a signed attestation: 202 with its id and log index, 200 for a replay. */
  void submit(Context ctx) {
    checkJson(ctx);
    // the guards have usually read it already (under this same limit): one read, shared
    JsonNode body =
        parse(
            RequestBody.bytes(
                ctx,
                java.util.Map.of(
                    "POST " + ATTESTATIONS,
                    new RequestBody.Limit(maxBodyBytes, "http.max-attestation-bytes"))));
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new WireFormat.WireFormatException(
            "The request has an unknown field '" + name + "'; the fields are " + FIELDS);
      }
    }
    JsonNode signature = body.get("signature");
    JsonNode evidence = body.get("evidence");
    if (signature == null || evidence == null) {
      throw new WireFormat.WireFormatException(
          "An attestation request needs 'attestation', 'signature' and 'evidence'");
    }
    var submission =
        new AttestationSubmission(
            WireFormat.attestation(body.get("attestation"), "attestation"),
            WireFormat.text(signature, "signature"),
            evidence);
    AttestationService.Result result = service.submit(submission);
    Attestation a = result.attestation();
    ObjectNode answer = WireFormat.JSON.createObjectNode();
    answer.put("id", a.id().hex());
    answer.put("logIndex", a.logIndex());
    answer.put("evidenceCid", a.evidenceCid());
    answer.put("state", a.state().apiName());
    answer.put("location", ATTESTATIONS + "/" + a.id().hex());
    ctx.status(result.created() ? 202 : 200)
        .header("Location", ATTESTATIONS + "/" + a.id().hex())
        .json(answer);
  }

  /** The stored attestation and where it stands on chain. */
  void get(Context ctx) {
    Bytes32 id =
        WireFormat.bytes32(
            WireFormat.JSON.getNodeFactory().textNode(ctx.pathParam("attestationId")),
            "attestationId");
    Attestation a =
        store
            .find(id)
            .orElseThrow(() -> new RegistryException(ErrorKind.NOT_FOUND, "No attestation " + id));
    ctx.json(view(a));
  }

  /**
   * An account as an attester: its role, the nonce its next attestation must carry (after those
   * this node holds but has not yet relayed), the chain's nonce, and how many it holds unrecorded.
   */
  void attester(Context ctx) {
    Address account =
        WireFormat.address(
            WireFormat.JSON.getNodeFactory().textNode(ctx.pathParam("account")), "account");
    AttestationService.AttesterStatus status = service.attester(account);
    ObjectNode answer = WireFormat.JSON.createObjectNode();
    answer.put("account", status.account().checksummed());
    answer.put("attester", status.attester());
    answer.put("nextNonce", status.nextNonce().toString());
    answer.put("chainNonce", status.chainNonce().toString());
    answer.put("pending", status.pending());
    ctx.json(answer);
  }

  /** The JSON of a stored attestation. */
  static ObjectNode view(Attestation a) {
    ObjectNode node = WireFormat.JSON.createObjectNode();
    node.put("id", a.id().hex());
    node.put("state", a.state().apiName());
    node.set("attestation", WireFormat.attestation(a.message()));
    node.put("signature", a.signature().toHex());
    ArrayNode works = node.putArray("works");
    a.works().forEach(w -> works.add(w.hex()));
    node.put("logIndex", a.logIndex());
    node.put("evidenceCid", a.evidenceCid());
    node.put("submittedAt", a.submittedAt().toString());
    a.chainId().ifPresent(c -> node.put("chainAttestationId", c.toString()));
    a.attestedAt().ifPresent(t -> node.put("attestedAt", t));
    a.txHash().ifPresent(t -> node.put("txHash", t.hex()));
    a.failure().ifPresent(f -> node.put("failure", f));
    return node;
  }

  /** Grants ATTESTER_ROLE with the node's admin key (admin only). */
  void grant(Context ctx) {
    JsonNode body = json(ctx);
    JsonNode account = body.get("account");
    if (account == null || body.size() != 1) {
      throw new WireFormat.WireFormatException("The body must be {\"account\": \"0x…\"}");
    }
    Address attester = WireFormat.address(account, "account");
    ObjectNode answer = WireFormat.JSON.createObjectNode();
    answer.put("account", attester.value());
    if (chain.isAttester(attester)) {
      answer.put("state", "granted");
      ctx.status(200).json(answer);
      return;
    }
    Bytes32 tx = chain.grantAttester(attester);
    answer.put("txHash", tx.hex());
    answer.put("state", "submitted");
    ctx.status(202).json(answer);
  }

  static JsonNode json(Context ctx) {
    checkJson(ctx);
    return parse(ctx.bodyAsBytes());
  }

  private static void checkJson(Context ctx) {
    if (ctx.contentType() == null || !ctx.contentType().startsWith("application/json")) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "Send application/json; got Content-Type " + ctx.contentType());
    }
  }

  private static JsonNode parse(byte[] bytes) {
    JsonNode body;
    try {
      body = WireFormat.JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new WireFormat.WireFormatException(
          "The body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new WireFormat.WireFormatException("The body cannot be read: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw new WireFormat.WireFormatException("The body must be a JSON object");
    }
    return body;
  }
}
