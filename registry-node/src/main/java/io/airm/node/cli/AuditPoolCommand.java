package io.airm.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airm.chain.eth.Address;
import io.airm.node.audit.FileFetcher;
import io.airm.node.audit.GatewayFetcher;
import io.airm.node.audit.PoolAuditor;
import io.airm.node.audit.PoolChainView;
import io.airm.valuation.model.ScoringModel;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airm audit pool POOL}: recomputes a pool's settlement from the chain and IPFS alone. */
@Command(
    name = "pool",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes a pool's settlement from the chain and IPFS alone (SETTLEMENT.md): finds the"
          + " settlement document by the CID in DistributionPosted, checks it hashes to the"
          + " reportDigest on chain, checks the pool, the attestation and its signature, the"
          + " evidence, the checkpoint, every work's registration, signature, licence and"
          + " inclusion, then rebuilds the valuation input from the works' contents, reruns the"
          + " valuation and compares the allocation root and total with the chain.",
      "Stops at the first disagreement. Exit 0: verified; 1: a disagreement (named); 2: usage."
    })
final class AuditPoolCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "POOL", description = "The pool id on RewardDistributor")
  BigInteger pool;

  @Option(names = "--rpc", required = true, description = "Your own chain RPC endpoint")
  String rpc;

  @Option(
      names = "--ipfs",
      defaultValue = "http://127.0.0.1:8080",
      description =
          "An IPFS trustless gateway (Kubo's, or a node's API port); every block is verified"
              + " against its CID (default: ${DEFAULT-VALUE})")
  URI ipfs;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Contracts contracts;

  @Option(
      names = "--from-block",
      description =
          "The block to search for DistributionPosted from (default: the deployment block of"
              + " --deployment, else 0)")
  Long fromBlock;

  @Option(
      names = "--node",
      description =
          "A registry node's URL: also check that every allocation it serves (amount, leaf,"
              + " proof) equals the recomputation and proves to the root on chain")
  String node;

  @Option(names = "--threads", description = "Valuation worker threads (never changes a result)")
  int threads = Runtime.getRuntime().availableProcessors();

  /** The contracts the auditor trusts: given one by one, or read from a deployment file. */
  static final class Contracts {
    @ArgGroup(exclusive = false)
    Addresses addresses;

    @Option(
        names = "--deployment",
        description = "A deployment.json naming workRegistry, usageAttestations, rewardDistributor")
    Path deployment;
  }

  static final class Addresses {
    @Option(names = "--distributor", required = true, description = "RewardDistributor address")
    String distributor;

    @Option(names = "--attestations", required = true, description = "UsageAttestations address")
    String attestations;

    @Option(names = "--registry", required = true, description = "WorkRegistry address")
    String registry;
  }

  /** The three addresses and where to search for events from. */
  record Trusted(Address registry, Address attestations, Address distributor, long fromBlock) {}

  @Override
  public Integer call() {
    Trusted trusted = trusted();
    PoolChainView chain = connect(rpc, trusted);
    if (node != null) {
      var client = new io.airm.node.client.RegistryClient(node);
      PoolAuditor.NodeAllocations served =
          (poolId, account) -> {
            var answer = client.allocation(poolId, account);
            if (answer.status() != 200) {
              return java.util.Optional.empty();
            }
            List<io.airm.chain.eth.Bytes32> proof = new java.util.ArrayList<>();
            answer
                .body()
                .path("proof")
                .forEach(h -> proof.add(io.airm.chain.eth.Bytes32.parse(h.asText())));
            return java.util.Optional.of(
                new PoolAuditor.NodeAllocations.Served(
                    answer.body().path("index").asLong(),
                    new BigInteger(answer.body().path("amount").asText()),
                    proof));
          };
      return report(
          new PoolAuditor(
                  chain,
                  new GatewayFetcher(ipfs),
                  ScoringModel.defaultModel(),
                  threads,
                  System.out,
                  served)
              .audit(pool),
          pool,
          System.out);
    }
    return run(chain, new GatewayFetcher(ipfs), pool, threads, System.out);
  }

  /** Runs the audit and prints its summary; the exit code is 0 when verified, 1 otherwise. */
  static int run(
      PoolChainView chain, FileFetcher ipfs, BigInteger pool, int threads, PrintStream out) {
    return report(
        new PoolAuditor(chain, ipfs, ScoringModel.defaultModel(), threads, out).audit(pool),
        pool,
        out);
  }

  private static int report(PoolAuditor.Outcome outcome, BigInteger pool, PrintStream out) {
    String seconds = String.format(Locale.ROOT, "%.1f s", outcome.seconds());
    if (outcome.passed()) {
      out.println(
          "VERIFIED pool "
              + pool
              + ": "
              + outcome.works()
              + " works, "
              + outcome.allocations()
              + " allocations, "
              + seconds);
      return 0;
    }
    var failure = outcome.report().firstFailure().orElseThrow();
    out.println(
        "NOT VERIFIED pool "
            + pool
            + ": "
            + failure.name()
            + ": "
            + failure.detail()
            + " ("
            + seconds
            + ")");
    return 1;
  }

  private Trusted trusted() {
    try {
      if (contracts.deployment != null) {
        JsonNode file = new ObjectMapper().readTree(Files.readAllBytes(contracts.deployment));
        return new Trusted(
            address(file, "workRegistry"),
            address(file, "usageAttestations"),
            address(file, "rewardDistributor"),
            fromBlock != null ? fromBlock : file.path("deploymentBlock").asLong(0));
      }
      return new Trusted(
          Address.parse(contracts.addresses.registry),
          Address.parse(contracts.addresses.attestations),
          Address.parse(contracts.addresses.distributor),
          fromBlock != null ? fromBlock : 0);
    } catch (IOException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private Address address(JsonNode file, String field) {
    JsonNode value = file.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(
          "The deployment file " + contracts.deployment + " names no " + field);
    }
    return Address.parse(value.textValue());
  }

  /** The chain view, through the auditor's own RPC endpoint and the addresses it trusts. */
  private static PoolChainView connect(String rpc, Trusted trusted) {
    return new io.airm.node.audit.Web3jPoolChainView(
        io.airm.chain.tx.ChainClient.connect(rpc),
        trusted.registry(),
        trusted.attestations(),
        trusted.distributor(),
        trusted.fromBlock());
  }
}
