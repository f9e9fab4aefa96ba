package io.airm.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.AnchorStore;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.TransparencyLog;
import io.javalin.http.Context;

/** {@code GET /health} and {@code GET /v1/registry}; content is the gateway's. */
public final class InfoEndpoints {
  static final String HEALTH = "/health";
  static final String REGISTRY = "/v1/registry";

  private final Eip712Domain domain;
  private final String publicRpcUrl;
  private final long deploymentBlock;
  private final TransparencyLog log;
  private final AnchorStore anchors;
  private final ContentStore content;
  private volatile Eip712Domain attestationDomain;
  private volatile String rewardDistributor;

  /**
   * @param domain the EIP-712 domain registrations are signed under
   * @param publicRpcUrl the chain endpoint clients may use (auditors should bring their own)
   * @param deploymentBlock the block the registry was deployed in
   */
  public InfoEndpoints(
      Eip712Domain domain,
      String publicRpcUrl,
      long deploymentBlock,
      TransparencyLog log,
      AnchorStore anchors,
      ContentStore content) {
    this.domain = domain;
    this.publicRpcUrl = publicRpcUrl;
    this.deploymentBlock = deploymentBlock;
    this.log = log;
    this.anchors = anchors;
    this.content = content;
  }

  /** Adds the settlement contracts to {@code /v1/registry}. */
  public InfoEndpoints withSettlement(Eip712Domain attestationDomain, String rewardDistributor) {
    this.attestationDomain = attestationDomain;
    this.rewardDistributor = rewardDistributor;
    return this;
  }

  void health(Context ctx) {
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.put("status", "up");
    body.put("logSize", log.size());
    ctx.contentType("application/json").result(body.toString());
  }

  /** What a client needs to sign for this registry, and where its log stands. */
  void registry(Context ctx) {
    ObjectNode body = WireFormat.JSON.createObjectNode();
    ObjectNode eip712 = body.putObject("eip712Domain");
    eip712.put("name", domain.name());
    eip712.put("version", domain.version());
    eip712.put("chainId", domain.chainId().longValueExact());
    eip712.put("verifyingContract", domain.verifyingContract().value());
    body.put("chainId", domain.chainId().longValueExact());
    body.put("workRegistry", domain.verifyingContract().value());
    body.put("deploymentBlock", deploymentBlock);
    body.put("rpcUrl", publicRpcUrl);
    if (attestationDomain != null) {
      body.put("usageAttestations", attestationDomain.verifyingContract().value());
      body.put("rewardDistributor", rewardDistributor);
      ObjectNode attestation = body.putObject("attestationDomain");
      attestation.put("name", attestationDomain.name());
      attestation.put("version", attestationDomain.version());
      attestation.put("chainId", attestationDomain.chainId().longValueExact());
      attestation.put("verifyingContract", attestationDomain.verifyingContract().value());
    }
    body.put("logSize", log.size());
    anchors
        .newestOnChain()
        .ifPresent(
            a -> {
              ObjectNode checkpoint = body.putObject("latestCheckpoint");
              checkpoint.put("treeSize", a.treeSize());
              checkpoint.put("root", a.root().hex());
              checkpoint.put("txHash", a.txHash().hex());
              checkpoint.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
            });
    ctx.contentType("application/json").result(body.toString());
  }

  /** The chain endpoint clients may use, which the web page's policy allows it to reach. */
  String publicRpcUrl() {
    return publicRpcUrl;
  }

  /** The content store, which the gateway serves ({@link io.airm.node.gateway}). */
  ContentStore content() {
    return content;
  }
}
