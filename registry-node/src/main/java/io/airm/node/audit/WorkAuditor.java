package io.airm.node.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.MerkleProofException;
import io.airm.chain.merkle.MerkleVerifier;
import io.airm.chain.merkle.Rfc6962;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient;
import io.airm.node.domain.LogLeaf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An auditor's check of one work. The record comes from the node, but nothing the node says is
 * trusted: the content is re-hashed, the work id recomputed, the signature recovered, and the
 * inclusion proof checked against the root read from the chain itself, in Java and by the contract.
 */
public final class WorkAuditor {
  private final RegistryClient node;
  private final ChainClient chain;
  private final Address registry;

  /**
   * @param node where the record and content are fetched from
   * @param chain the auditor's own chain endpoint
   * @param registry the WorkRegistry the auditor trusts on that chain
   */
  public WorkAuditor(RegistryClient node, ChainClient chain, Address registry) {
    this.node = node;
    this.chain = chain;
    this.registry = registry;
  }

  /** Verifies {@code workId}; {@code localFile} stands in for content the node does not hold. */
  public AuditReport verify(Bytes32 workId, Optional<Path> localFile) {
    AuditReport report = new AuditReport(workId.hex());
    JsonNode record;
    WorkRegistration registration;
    EthSignature signature;
    try {
      record = node.work(workId);
      registration = WireFormat.registration(record.get("registration"), "registration");
      signature = EthSignature.parse(record.get("signature").asText());
      report.add("record", true, "fetched from the node, log index " + record.get("logIndex"));
    } catch (RuntimeException e) {
      return report.add("record", false, e.getMessage());
    }

    checkContent(report, registration, record, localFile);

    Eip712Domain domain;
    WorkRegistryContract contract = new WorkRegistryContract(chain, registry);
    try {
      domain = contract.domain();
      long chainId = chain.chainId();
      boolean matches =
          domain.chainId().longValueExact() == chainId
              && domain.verifyingContract().equals(registry)
              && Eip712Domain.WORK_REGISTRY_NAME.equals(domain.name());
      report.add(
          "domain",
          matches,
          "chain "
              + chainId
              + ", registry "
              + registry
              + ", EIP-712 domain read from the chain: "
              + domain.name()
              + " v"
              + domain.version());
      if (!matches) {
        return report;
      }
    } catch (RuntimeException e) {
      return report.add("domain", false, "cannot read the registry's domain: " + e.getMessage());
    }

    Bytes32 digest = registration.digest(domain);
    report.add(
        "work id",
        digest.equals(workId),
        "EIP-712 digest of the record is " + digest + ", expected " + workId);
    try {
      Address signer = signature.recover(digest);
      report.add(
          "signature",
          signer.equals(registration.creator()),
          "recovers " + signer + ", creator is " + registration.creator());
    } catch (RuntimeException e) {
      report.add("signature", false, e.getMessage());
    }

    JsonNode proofNode = record.get("inclusionProof");
    if (proofNode == null) {
      return report.add(
          "inclusion",
          false,
          "the work is "
              + record.get("state").asText()
              + " and not yet anchored: no inclusion proof to check");
    }
    long leafIndex = proofNode.get("leafIndex").asLong();
    long treeSize = proofNode.get("treeSize").asLong();
    List<Bytes32> path = new ArrayList<>();
    proofNode.get("hashes").forEach(h -> path.add(Bytes32.parse(h.asText())));
    Bytes32 leafHash = Bytes32.of(Rfc6962.leafHash(LogLeaf.workRegistration(workId, signature)));
    report.add(
        "leaf",
        leafIndex == record.get("logIndex").asLong()
            && leafHash.hex().equals(proofNode.get("leafHash").asText()),
        "leaf hash recomputed from the work id and signature: " + leafHash);

    Optional<Bytes32> chainRoot;
    try {
      chainRoot = contract.rootAt(treeSize);
    } catch (RuntimeException e) {
      return report.add("checkpoint", false, "cannot read the checkpoint: " + e.getMessage());
    }
    if (chainRoot.isEmpty()) {
      return report.add(
          "checkpoint", false, "no checkpoint of tree size " + treeSize + " is anchored on chain");
    }
    report.add(
        "checkpoint",
        true,
        "tree size " + treeSize + " anchored on chain with root " + chainRoot.get());
    try {
      MerkleVerifier.verifyInclusion(
          leafHash.bytes(),
          leafIndex,
          treeSize,
          path.stream().map(Bytes32::bytes).toList(),
          chainRoot.get().bytes());
      report.add("inclusion", true, "RFC 6962 proof of leaf " + leafIndex + " verifies in Java");
    } catch (MerkleProofException | IllegalArgumentException e) {
      report.add("inclusion", false, e.getMessage());
    }
    try {
      boolean onChain = contract.verifyInclusion(leafHash, leafIndex, treeSize, path);
      report.add("inclusion on chain", onChain, "WorkRegistry.verifyInclusion returned " + onChain);
    } catch (RuntimeException e) {
      report.add("inclusion on chain", false, e.getMessage());
    }
    return report;
  }

  private void checkContent(
      AuditReport report, WorkRegistration registration, JsonNode record, Optional<Path> file) {
    ContentIdentity identity;
    String source;
    try {
      if (file.isPresent()) {
        source = file.get().toString();
        try (InputStream in = Files.newInputStream(file.get())) {
          identity = UnixFsImporter.identify(in);
        }
      } else if (record.path("contentAvailable").asBoolean(false)) {
        source = "the node's /ipfs/" + registration.cid();
        try (InputStream in = node.content(registration.cid())) {
          identity = UnixFsImporter.identify(in);
        }
      } else {
        report.add(
            "content",
            true,
            "hash-only registration: the node holds no content; pass --file to check a copy");
        return;
      }
    } catch (IOException | RuntimeException e) {
      report.add("content", false, "cannot read the content: " + e.getMessage());
      return;
    }
    Bytes32 sha256 = Bytes32.parse("0x" + identity.sha256Hex());
    boolean hashOk = sha256.equals(registration.contentHash());
    boolean cidOk =
        identity.cidV0().toString().equals(registration.cid())
            || identity.cidV1().toString().equals(registration.cid());
    report.add(
        "content",
        hashOk && cidOk,
        "content from "
            + source
            + " hashes to "
            + sha256
            + " with CIDs "
            + identity.cidV0()
            + " / "
            + identity.cidV1()
            + "; the record signs "
            + registration.contentHash()
            + " and "
            + registration.cid());
  }
}
