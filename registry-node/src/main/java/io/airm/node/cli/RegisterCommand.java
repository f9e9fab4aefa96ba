package io.airm.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airm register FILE --key HEX}: signs on this machine and registers. */
@Command(
    name = "register",
    description =
        "Hashes FILE, signs the EIP-712 WorkRegistration with the creator's key on this machine"
            + " and registers it. Prints JSON with workId, cid and logIndex.")
final class RegisterCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The work's file")
  Path file;

  @Option(
      names = "--key",
      description = "The creator's private key as hex (or set AIRM_KEY)",
      defaultValue = "${env:AIRM_KEY}")
  String key;

  @Option(names = "--node", description = "The node's URL", defaultValue = "http://127.0.0.1:8080")
  String nodeUrl;

  @Option(
      names = "--licence",
      description = "SPDX licence id or licence URI",
      defaultValue = "CC-BY-4.0")
  String licence;

  @Option(names = "--no-ai-training", description = "The licence forbids training AI models on it")
  boolean noAiTraining;

  @Option(names = "--metadata", description = "A metadata document (JSON) to register with it")
  Path metadata;

  @Option(names = "--parent", description = "A work id this work derives from or cites")
  List<String> parents = new ArrayList<>();

  @Option(names = "--hash-only", description = "Send only the hashes, not the content")
  boolean hashOnly;

  @Override
  public Integer call() throws IOException {
    if (key == null || key.isBlank()) {
      System.err.println("error: the creator's key is required: --key HEX or AIRM_KEY");
      return 2;
    }
    RegistryClient node = new RegistryClient(nodeUrl);
    Optional<String> metadataText =
        metadata == null
            ? Optional.empty()
            : Optional.of(Files.readString(metadata, StandardCharsets.UTF_8));
    WorkSigner signer = new WorkSigner(key);
    WorkSigner.Signed signed =
        signer.signFile(
            file,
            node.domain(),
            licence,
            !noAiTraining,
            metadataText,
            parents.stream().map(Bytes32::parse).toList(),
            Duration.ofHours(1));
    RegistryClient.Answer answer =
        node.register(
            signed.registration(),
            signed.signature(),
            metadataText,
            hashOnly ? Optional.empty() : Optional.of(file));
    if (answer.status() / 100 != 2) {
      System.err.println(
          "error: the node refused the registration ("
              + answer.status()
              + "): "
              + answer.body().path("detail").asText(answer.body().toString()));
      return 1;
    }
    ObjectNode out = WireFormat.JSON.createObjectNode();
    out.put("workId", answer.body().get("workId").asText());
    out.put("cid", answer.body().get("cid").asText());
    out.put("logIndex", answer.body().get("logIndex").asLong());
    out.put("state", answer.body().get("state").asText());
    out.put("creator", signer.address().value());
    System.out.println(out.toPrettyString());
    return 0;
  }
}
