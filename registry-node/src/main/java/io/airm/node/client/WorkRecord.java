package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.WorkState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A registered work as {@code GET /v1/works/{id}} returns it: the signed record, where it stands
 * (pending, anchored, final), the checkpoint that covers it and its inclusion proof.
 *
 * @param workId the work id (the EIP-712 digest of the registration)
 * @param state where its log entry stands with respect to the chain
 * @param logIndex its index in the node's log
 * @param registeredAt when the node accepted it
 * @param registration the signed fields
 * @param signature the creator's signature
 * @param metadata the metadata document, if one was registered
 * @param contentAvailable whether the node holds the content (false for hash-only registrations)
 * @param checkpoint the checkpoint covering it, once anchored
 * @param inclusionProof its RFC 6962 inclusion proof in that checkpoint's tree, once anchored
 */
public record WorkRecord(
    Bytes32 workId,
    WorkState state,
    long logIndex,
    Instant registeredAt,
    WorkRegistration registration,
    EthSignature signature,
    Optional<String> metadata,
    boolean contentAvailable,
    Optional<Checkpoint> checkpoint,
    Optional<InclusionProof> inclusionProof) {

  /**
   * The anchored checkpoint that covers a work.
   *
   * @param treeSize the log size it commits to
   * @param root the tree head {@code WorkRegistry.rootAt(treeSize)} holds
   * @param txHash the anchoring transaction
   * @param blockNumber the block it was mined in, once mined
   * @param blockHash that block's hash, once mined
   * @param status the anchor's status as the node reports it
   */
  public record Checkpoint(
      long treeSize,
      Bytes32 root,
      Bytes32 txHash,
      OptionalLong blockNumber,
      Optional<Bytes32> blockHash,
      String status) {}

  /**
   * An RFC 6962 inclusion proof.
   *
   * @param leafIndex the leaf's index (the work's log index)
   * @param treeSize the size of the tree the proof is for
   * @param leafHash the leaf's hash as the node computed it
   * @param hashes the audit path, leaf to root
   */
  public record InclusionProof(
      long leafIndex, long treeSize, Bytes32 leafHash, List<Bytes32> hashes) {
    /** Copies the path. */
    public InclusionProof {
      hashes = List.copyOf(hashes);
    }
  }

  static WorkRecord fromJson(JsonNode body) {
    JsonNode checkpoint = body.get("checkpoint");
    JsonNode proof = body.get("inclusionProof");
    return new WorkRecord(
        Json.bytes32(body, "workId"),
        WorkState.valueOf(Json.text(body, "state").toUpperCase(Locale.ROOT)),
        Json.longValue(body, "logIndex"),
        Instant.parse(Json.text(body, "registeredAt")),
        WireFormat.registration(Json.field(body, "registration"), "registration"),
        EthSignature.parse(Json.text(body, "signature")),
        Json.optionalText(body, "metadata"),
        body.path("contentAvailable").asBoolean(false),
        checkpoint == null
            ? Optional.empty()
            : Optional.of(
                new Checkpoint(
                    Json.longValue(checkpoint, "treeSize"),
                    Json.bytes32(checkpoint, "root"),
                    Json.bytes32(checkpoint, "txHash"),
                    checkpoint.has("blockNumber")
                        ? OptionalLong.of(checkpoint.get("blockNumber").asLong())
                        : OptionalLong.empty(),
                    Json.optionalText(checkpoint, "blockHash").map(Bytes32::parse),
                    Json.text(checkpoint, "status"))),
        proof == null
            ? Optional.empty()
            : Optional.of(
                new InclusionProof(
                    Json.longValue(proof, "leafIndex"),
                    Json.longValue(proof, "treeSize"),
                    Json.bytes32(proof, "leafHash"),
                    Json.bytes32List(proof, "hashes"))));
  }
}
