package io.airm.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.client.AttestationReceipt;
import io.airm.node.client.AttestationSigner;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.RegistryProblemException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code airm attest}: an AI company signs and submits a usage attestation. */
@Command(
    name = "attest",
    description =
        "Signs a usage attestation of the works an evidence document (airm-evidence/1) lists and"
            + " submits it to the node, which relays it to UsageAttestations.")
final class AttestCommand implements Callable<Integer> {
  @Option(names = "--evidence", required = true, description = "The evidence document (JSON)")
  Path evidence;

  @Option(names = "--model-id", required = true, description = "The model id (0x + 64 hex)")
  String modelId;

  @Option(names = "--model-version", required = true, description = "The model's version")
  String modelVersion;

  @Option(
      names = "--nonce",
      description =
          "The attester's next nonce (default: the node's count, GET /v1/attesters/{account}:"
              + " the chain's, or past the attestations it holds but has not yet relayed)")
  BigInteger nonce;

  @Option(names = "--key", required = true, description = "The attester's key (hex or env:NAME)")
  String key;

  @Option(names = "--node", defaultValue = "http://127.0.0.1:8080", description = "Node URL")
  String node;

  @Override
  public Integer call() throws IOException {
    RegistryClient client = RegistryClient.connect(node);
    JsonNode document = WireFormat.JSON.readTree(Files.readAllBytes(evidence));
    AttestationSigner attester = new AttestationSigner(Keys.resolve(key));
    AttestationSigner.Signed signed =
        attester.sign(
            Bytes32.parse(modelId),
            modelVersion,
            document,
            nonce != null ? nonce : client.nextAttestationNonce(attester.address()),
            Duration.ofHours(1),
            client.attestationDomain());
    try {
      AttestationReceipt receipt = client.submitAttestation(signed);
      ObjectNode out = WireFormat.JSON.createObjectNode();
      out.put("id", receipt.id().hex());
      out.put("logIndex", receipt.logIndex());
      out.put("evidenceCid", receipt.evidenceCid());
      out.put("state", receipt.state().apiName());
      System.out.println(out.toPrettyString());
      return 0;
    } catch (RegistryProblemException e) {
      System.err.println(
          "error: the node refused the attestation (" + e.status() + "): " + e.detail());
      return 1;
    }
  }
}
