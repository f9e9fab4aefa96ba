package io.airm.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.InMemorySubtreeHashes;
import io.airm.chain.merkle.MerkleTree;
import io.airm.chain.merkle.Rfc6962;
import io.airm.chain.registry.Checkpoint;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.domain.LogLeaf;
import io.airm.node.testing.SignedWorks;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log audit over HTTP against a fake node that serves the public log API and {@code GET
 * /v1/attestations/{id}} in the shape SETTLEMENT.md §1 gives, with usage attestation leaves (type
 * 0x02) among the works.
 */
class HttpLogAuditTest {
  private static final Eip712Domain WORKS = LogAuditorTest.DOMAIN;
  private static final Eip712Domain ATTESTATIONS =
      AttestationMessage.domain(31337, Address.parse("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512"));
  private static final WorkSigner CREATOR =
      new WorkSigner("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  // anvil's dev account 2 stands for an AI company's attester key
  private static final String ATTESTER_KEY =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
  private static final Address ATTESTER = new WorkSigner(ATTESTER_KEY).address();

  private HttpServer server;
  private final List<ObjectNode> entries = new ArrayList<>();
  private final List<byte[]> leafHashes = new ArrayList<>();
  private final Map<String, ObjectNode> attestations = new HashMap<>();

  @BeforeEach
  void startFakeNode() throws IOException {
    for (int n = 0; n < 9; n++) {
      if (n == 3 || n == 7) {
        addAttestation(attestation("model v" + n), ATTESTER_KEY);
      } else {
        addWork(SignedWorks.signed(CREATOR, WORKS, n, List.of()));
      }
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/log", this::serve);
    server.createContext("/v1/attestations/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static AttestationMessage attestation(String modelVersion) {
    return new AttestationMessage(
        Bytes32.of(Rfc6962.leafHash(modelVersion.getBytes(StandardCharsets.UTF_8))),
        modelVersion,
        Bytes32.parse("0x" + "cd".repeat(32)),
        2,
        Bytes32.parse("0x" + "ef".repeat(32)),
        ATTESTER,
        BigInteger.valueOf(modelVersion.length()),
        BigInteger.valueOf(1_790_000_000L));
  }

  private void addWork(WorkSigner.Signed work) {
    byte[] leaf = LogLeaf.workRegistration(work.workId(), work.signature());
    ObjectNode entry = entry(leaf, "work");
    entry.put("workId", work.workId().hex());
    entry.set("registration", WireFormat.registration(work.registration()));
    entry.put("signature", work.signature().toHex());
    entries.add(entry);
  }

  /** Logs {@code a} as the node would, and serves its record as SETTLEMENT.md §1 shows it. */
  private Bytes32 addAttestation(AttestationMessage a, String signerKey) {
    Bytes32 id = a.digest(ATTESTATIONS);
    EthSignature signature = EthSignature.sign(id, signerKey);
    byte[] leaf = LogLeaf.workRegistration(id, signature);
    leaf[0] = LogLeaf.ATTESTATION;
    ObjectNode entry = entry(leaf, "attestation");
    entry.put("attestationId", id.hex());
    entries.add(entry);
    attestations.put(id.hex(), record(a, signature, entries.size() - 1));
    return id;
  }

  private static ObjectNode record(AttestationMessage a, EthSignature signature, long logIndex) {
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.put("id", a.digest(ATTESTATIONS).hex());
    ObjectNode message = body.putObject("attestation");
    message.put("modelId", a.modelId().hex());
    message.put("modelVersion", a.modelVersion());
    message.put("worksRoot", a.worksRoot().hex());
    message.put("workCount", a.workCount());
    message.put("evidenceDigest", a.evidenceDigest().hex());
    message.put("attester", a.attester().value());
    message.put("nonce", a.nonce().toString());
    message.put("deadline", a.deadline().toString());
    body.put("signature", signature.toHex());
    body.put("logIndex", logIndex); // the node's own fields are ignored by the auditor
    body.put("evidenceCid", SignedWorks.CID);
    return body;
  }

  private ObjectNode entry(byte[] leaf, String type) {
    ObjectNode entry = WireFormat.JSON.createObjectNode();
    entry.put("leafIndex", entries.size());
    entry.put("leaf", "0x" + HexFormat.of().formatHex(leaf));
    entry.put("leafHash", Bytes32.of(Rfc6962.leafHash(leaf)).hex());
    entry.put("type", type);
    leafHashes.add(Rfc6962.leafHash(leaf));
    return entry;
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, Long> query = new HashMap<>();
    String raw = exchange.getRequestURI().getQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=");
        query.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    ObjectNode body = WireFormat.JSON.createObjectNode();
    int status = 200;
    switch (path) {
      case "/v1/log" -> {
        body.put("treeSize", entries.size());
        body.put("root", Bytes32.of(Rfc6962.rootOf(leafHashes)).hex());
      }
      case "/v1/log/entries" -> {
        int start = query.get("start").intValue();
        int end = (int) Math.min(entries.size(), start + query.get("count"));
        ArrayNode page = body.putArray("entries");
        entries.subList(start, end).forEach(page::add);
      }
      case "/v1/log/consistency" -> {
        ArrayNode hashes = body.putArray("hashes");
        MerkleTree.consistencyProof(
                query.get("first"), query.get("second"), InMemorySubtreeHashes.of(leafHashes))
            .forEach(h -> hashes.add(Bytes32.of(h).hex()));
      }
      default -> {
        ObjectNode record = attestations.get(path.substring("/v1/attestations/".length()));
        if (record != null) {
          body = record;
        } else {
          status = 404;
          body.put("type", "urn:airm:problem:not-found");
          body.put("detail", "No attestation " + path);
        }
      }
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private LogAuditor.Result audit() {
    RegistryClient client = new RegistryClient("http://127.0.0.1:" + server.getAddress().getPort());
    List<Checkpoint> checkpoints =
        List.of(
            new Checkpoint(4, Bytes32.of(Rfc6962.rootOf(leafHashes.subList(0, 4)))),
            new Checkpoint(9, Bytes32.of(Rfc6962.rootOf(leafHashes.subList(0, 9)))));
    return new LogAuditor(
            new HttpNodeLog(client),
            WORKS,
            Optional.of(ATTESTATIONS),
            new LogAuditor.Settings(2, 4),
            LogAuditor.Progress.NONE)
        .audit(checkpoints);
  }

  private LogAuditException failure() {
    Throwable thrown = catchThrowable(this::audit);
    assertThat(thrown).isInstanceOf(LogAuditException.class);
    return (LogAuditException) thrown;
  }

  private ObjectNode servedAttestation(int leafIndex) {
    return attestations.get(entries.get(leafIndex).get("attestationId").asText());
  }

  @Test
  void aLogWithAttestations_verifies_overHttp() {
    LogAuditor.Result result = audit();

    assertThat(result.leaves()).isEqualTo(9);
    assertThat(result.checkpoints()).isEqualTo(2);
  }

  @Test
  void anAttestationWhoseRecordDiffersFromTheSignedOne_isNamedByItsLeaf() {
    AttestationMessage signed = attestation("model v7");
    AttestationMessage served =
        new AttestationMessage(
            signed.modelId(),
            "model v8",
            signed.worksRoot(),
            signed.workCount(),
            signed.evidenceDigest(),
            signed.attester(),
            signed.nonce(),
            signed.deadline());
    ((ObjectNode) servedAttestation(7).get("attestation")).put("modelVersion", "model v8");

    LogAuditException e = failure();

    assertThat(e.leafIndex()).hasValue(7);
    assertThat(e.getMessage())
        .contains("the EIP-712 digest of the node's attestation is " + served.digest(ATTESTATIONS))
        .contains("the leaf commits to attestation id " + signed.digest(ATTESTATIONS));
  }

  @Test
  void anAttestationSignedByAnotherThanItsAttester_isNamedByItsLeaf() {
    entries.clear();
    leafHashes.clear();
    attestations.clear();
    addWork(SignedWorks.signed(CREATOR, WORKS, 0, List.of()));
    addAttestation(
        attestation("model x"),
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    for (int n = 2; n < 9; n++) {
      addWork(SignedWorks.signed(CREATOR, WORKS, n, List.of()));
    }

    LogAuditException e = failure();

    assertThat(e.leafIndex()).hasValue(1);
    assertThat(e.getMessage())
        .contains("the signature recovers " + CREATOR.address())
        .contains("but the attester is " + ATTESTER);
  }

  @Test
  void anAttestationTheNodeDoesNotServe_isNamedByItsLeaf() {
    attestations.remove(entries.get(3).get("attestationId").asText());

    LogAuditException e = failure();

    assertThat(e.leafIndex()).hasValue(3);
    assertThat(e.getMessage()).contains("the node serves no attestation with this id");
  }

  @Test
  void aMalformedAttestationRecord_isNamedByItsLeaf() {
    ((ObjectNode) servedAttestation(3).get("attestation")).remove("worksRoot");

    LogAuditException e = failure();

    assertThat(e.leafIndex()).hasValue(3);
    assertThat(e.getMessage()).contains("malformed attestation: attestation.worksRoot is required");
  }

  @Test
  void aWorkEntryWithAMalformedRegistration_isNamedByItsLeaf() {
    ((ObjectNode) entries.get(5).get("registration")).remove("creator");

    LogAuditException e = failure();

    assertThat(e.leafIndex()).hasValue(5);
    assertThat(e.getMessage())
        .isEqualTo("leaf 5: the node's entry cannot be read: registration.creator is required");
  }
}
