package io.airm.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.client.Registered;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.RegistryProblemException;
import io.airm.node.client.WorkSigner;
import io.airm.node.client.WorkUpload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    RegistryClient node = RegistryClient.connect(nodeUrl);
    WorkSigner signer = new WorkSigner(key);
    WorkUpload upload =
        WorkUpload.ofFile(file)
            .licence(licence)
            .aiTraining(!noAiTraining)
            .parents(parents.stream().map(Bytes32::parse).toList());
    if (metadata != null) {
      upload.metadata(Files.readString(metadata, StandardCharsets.UTF_8));
    }
    if (hashOnly) {
      upload.hashOnly();
    }
    Registered registered;
    try {
      registered = node.register(signer, upload);
    } catch (RegistryProblemException e) {
      System.err.println(
          "error: the node refused the registration (" + e.status() + "): " + e.detail());
      return 1;
    }
    ObjectNode out = WireFormat.JSON.createObjectNode();
    out.put("workId", registered.workId().hex());
    out.put("cid", registered.cid());
    out.put("logIndex", registered.logIndex());
    out.put("state", "pending");
    out.put("creator", signer.address().value());
    System.out.println(out.toPrettyString());
    return 0;
  }
}
