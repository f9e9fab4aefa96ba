package io.airm.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import io.airm.chain.tx.ChainClient;
import io.airm.node.audit.AuditTarget;
import io.airm.node.audit.HttpNodeLog;
import io.airm.node.audit.LogAuditException;
import io.airm.node.audit.LogAuditor;
import io.airm.node.client.RegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code airm audit log}: replays the node's whole log against the chain. Exit 0 when every leaf,
 * root and proof agrees; 1 at the first disagreement, named; 2 when the node or chain cannot be
 * read.
 */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description =
        "Replays the node's whole log: checks every leaf's signature (the record's EIP-712 digest"
            + " under the WorkRegistry domain read from the chain must be the leaf's id, and the"
            + " signature must recover the creator, low-s), recomputes the root of every"
            + " checkpoint anchored on chain from the leaves, and checks the node's consistency"
            + " proof between consecutive checkpoints. Exit 0 when all agrees, 1 at the first"
            + " disagreement.")
final class AuditLogCommand implements Callable<Integer> {
  @Option(
      names = "--rpc",
      required = true,
      description = "Your own chain RPC endpoint (the node's is not trusted)")
  String rpcUrl;

  @Option(names = "--node", description = "The node's URL", defaultValue = "http://127.0.0.1:8080")
  String nodeUrl;

  @Option(
      names = "--registry",
      description =
          "The WorkRegistry address you trust (default: the one the node advertises, checked"
              + " against the chain)")
  String registry;

  @Option(
      names = "--threads",
      description = "Threads recovering signatures (default: one per processor)")
  Integer threads;

  @Override
  public Integer call() {
    Instant started = Instant.now();
    RegistryClient client = new RegistryClient(nodeUrl);
    JsonNode info = client.registryInfo();
    Address registryAddress =
        Address.parse(registry != null ? registry : info.path("workRegistry").asText());
    LogAuditor.Settings settings =
        threads == null
            ? LogAuditor.Settings.defaults()
            : new LogAuditor.Settings(threads, LogAuditor.Settings.defaults().pageSize());
    try (ChainClient chain = ChainClient.connect(rpcUrl)) {
      AuditTarget target = AuditTarget.read(chain, registryAddress, info);
      LogAuditor.Result result;
      try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
        result =
            new LogAuditor(
                    new HttpNodeLog(client),
                    target.workRegistry(),
                    target.usageAttestations(),
                    settings,
                    progress)
                .audit(target.checkpoints());
      }
      System.out.printf(
          "Verified %d leaves and %d checkpoints of WorkRegistry %s on chain %s in %.1f s:"
              + " every signature recovers its signer, every anchored root is recomputed from"
              + " the leaves, every consistency proof holds; root %s.%n",
          result.leaves(),
          result.checkpoints(),
          registryAddress,
          target.workRegistry().chainId(),
          Duration.between(started, Instant.now()).toMillis() / 1000.0,
          result.root());
      return 0;
    } catch (LogAuditException e) {
      System.err.println("AUDIT FAILED: " + e.getMessage());
      return 1;
    }
  }
}
