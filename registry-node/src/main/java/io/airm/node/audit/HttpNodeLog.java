package io.airm.node.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.RegistryClientException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** A node's public log read over its HTTP API ({@code /v1/log...}, {@code /v1/attestations}). */
public final class HttpNodeLog implements NodeLog {
  private final RegistryClient client;

  public HttpNodeLog(RegistryClient client) {
    this.client = client;
  }

  @Override
  public Head head() {
    JsonNode head = client.logHead();
    try {
      return new Head(
          require(head, "treeSize").asLong(), Bytes32.parse(require(head, "root").asText()));
    } catch (IllegalArgumentException e) {
      throw new RegistryClientException(200, "GET /v1/log answered a malformed head: " + head);
    }
  }

  @Override
  public List<Entry> entries(long start, int count) {
    RegistryClient.Answer answer = client.logEntries(start, count);
    requireOk(answer, "GET /v1/log/entries?start=" + start + "&count=" + count);
    JsonNode entries = answer.body().get("entries");
    if (entries == null || !entries.isArray()) {
      throw new RegistryClientException(
          answer.status(), "GET /v1/log/entries answered without an 'entries' array");
    }
    List<Entry> result = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      result.add(entry(entries.get(i), start + i));
    }
    return result;
  }

  /** Reads one entry; what cannot be read is kept as the reason, for the audit to report. */
  static Entry entry(JsonNode node, long position) {
    try {
      JsonNode index = require(node, "leafIndex");
      if (!index.canConvertToExactIntegral()) {
        throw new IllegalArgumentException("leafIndex is not a whole number: " + index);
      }
      String leafHex = WireFormat.text(require(node, "leaf"), "leaf");
      if (!leafHex.startsWith("0x")) {
        throw new IllegalArgumentException("leaf is not 0x hex");
      }
      byte[] leaf = HexFormat.of().parseHex(leafHex.substring(2));
      Bytes32 leafHash = WireFormat.bytes32(require(node, "leafHash"), "leafHash");
      Optional<WorkRecord> work = Optional.empty();
      JsonNode registration = node.get("registration");
      if (registration != null && !registration.isNull()) {
        work =
            Optional.of(
                new WorkRecord(
                    WireFormat.registration(registration, "registration"),
                    EthSignature.parse(WireFormat.text(require(node, "signature"), "signature"))));
      }
      return new Entry(index.longValue(), leaf, leafHash, work, Optional.empty());
    } catch (RuntimeException e) {
      return Entry.malformed(position, e.getMessage());
    }
  }

  @Override
  public List<byte[]> consistencyProof(long first, long second) {
    String what = "GET /v1/log/consistency?first=" + first + "&second=" + second;
    RegistryClient.Answer answer = client.logConsistency(first, second);
    requireOk(answer, what);
    JsonNode hashes = answer.body().get("hashes");
    if (hashes == null || !hashes.isArray()) {
      throw new RegistryClientException(200, what + " answered without a 'hashes' array");
    }
    List<byte[]> proof = new ArrayList<>();
    for (JsonNode hash : hashes) {
      try {
        proof.add(Bytes32.parse(hash.asText()).bytes());
      } catch (IllegalArgumentException e) {
        throw new RegistryClientException(200, what + " answered a malformed hash: " + hash);
      }
    }
    return proof;
  }

  @Override
  public Optional<AttestationRecord> attestation(Bytes32 attestationId) {
    String what = "GET /v1/attestations/" + attestationId.hex();
    RegistryClient.Answer answer = client.attestation(attestationId);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    requireOk(answer, what);
    try {
      return Optional.of(attestationRecord(answer.body()));
    } catch (RuntimeException e) {
      throw new RegistryClientException(
          answer.status(), what + " answered a malformed attestation: " + e.getMessage());
    }
  }

  /**
   * Reads {@code {"attestation": {...}, "signature"}} (SETTLEMENT.md §1); other fields of the
   * answer are the node's own and are ignored.
   */
  static AttestationRecord attestationRecord(JsonNode body) {
    return new AttestationRecord(
        WireFormat.attestation(require(body, "attestation"), "attestation"),
        EthSignature.parse(WireFormat.text(require(body, "signature"), "signature")));
  }

  private static JsonNode require(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value;
  }

  private static void requireOk(RegistryClient.Answer answer, String what) {
    if (answer.status() != 200) {
      JsonNode detail = answer.body().get("detail");
      throw new RegistryClientException(
          answer.status(),
          what
              + " answered "
              + answer.status()
              + ": "
              + (detail == null ? answer.body().toString() : detail.asText()));
    }
  }
}
