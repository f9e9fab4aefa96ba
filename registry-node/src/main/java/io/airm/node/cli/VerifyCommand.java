package io.airm.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.tx.ChainClient;
import io.airm.node.audit.AuditReport;
import io.airm.node.audit.WorkAuditor;
import io.airm.node.client.RegistryClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airm verify WORK_ID}: an auditor's check against the chain itself. */
@Command(
    name = "verify",
    description =
        "Verifies a registered work: re-hashes its content, recomputes its id, recovers the"
            + " creator's signature, and checks its inclusion proof against the checkpoint read"
            + " from the chain (in Java and by WorkRegistry.verifyInclusion). Exit 0 when all"
            + " holds.")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The work id (0x + 64 hex)")
  String workId;

  @Option(names = "--node", description = "The node's URL", defaultValue = "http://127.0.0.1:8080")
  String nodeUrl;

  @Option(
      names = "--rpc",
      description = "Your own chain RPC endpoint (default: the one the node advertises)")
  String rpcUrl;

  @Option(
      names = "--registry",
      description = "The WorkRegistry address you trust (default: the one the node advertises)")
  String registry;

  @Option(names = "--file", description = "A copy of the content, for hash-only registrations")
  Path file;

  @Override
  public Integer call() {
    RegistryClient node = new RegistryClient(nodeUrl);
    JsonNode info = null;
    if (rpcUrl == null || registry == null) {
      info = node.registryInfo();
    }
    String rpc = rpcUrl != null ? rpcUrl : info.get("rpcUrl").asText();
    Address registryAddress =
        Address.parse(registry != null ? registry : info.get("workRegistry").asText());
    try (ChainClient chain = ChainClient.connect(rpc)) {
      AuditReport report =
          new WorkAuditor(node, chain, registryAddress)
              .verify(Bytes32.parse(workId), Optional.ofNullable(file));
      System.out.println(report.toJson().toPrettyString());
      if (!report.passed()) {
        report
            .firstFailure()
            .ifPresent(f -> System.err.println("NOT VERIFIED: " + f.name() + ": " + f.detail()));
        return 1;
      }
      return 0;
    }
  }
}
