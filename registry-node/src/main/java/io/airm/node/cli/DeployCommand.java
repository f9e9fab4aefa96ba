package io.airm.node.cli;

import io.airm.chain.eth.Address;
import io.airm.chain.registry.ContractSuite;
import io.airm.chain.registry.Deployment;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.localchain.DeploymentDescriptor;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code airm deploy}: deploys WorkRegistry, UsageAttestations and RewardDistributor on any EVM
 * chain, waits for confirmations, checks code and roles, writes the deployment descriptor and
 * prints the node's configuration. Resumable: with {@code --resume FILE} only what has no code yet
 * is deployed.
 */
@Command(
    name = "deploy",
    description =
        "Deploys the AIRM contracts (WorkRegistry, UsageAttestations, RewardDistributor) on an EVM"
            + " chain, checks their roles, writes a deployment descriptor and prints the node"
            + " configuration for it.")
final class DeployCommand implements Callable<Integer> {
  /** anvil's and Hardhat's chain id: a development chain. */
  static final long LOCAL_CHAIN_ID = 31337;

  /**
   * The shortest challenge window allowed on a public chain without {@code --allow-short-window}.
   */
  static final Duration MIN_PUBLIC_WINDOW = Duration.ofHours(1);

  private static final BigDecimal WEI_PER_ETH = BigDecimal.TEN.pow(18);

  @Spec CommandSpec spec;

  @Option(names = "--rpc", required = true, description = "The chain's JSON-RPC URL (http(s))")
  String rpc;

  @Option(
      names = "--key",
      required = true,
      description =
          "The deployer's private key: env:NAME reads it from that environment variable (prefer"
              + " it: a key on the command line lands in the shell history); never printed")
  String key;

  @Option(names = "--admin", required = true, description = "DEFAULT_ADMIN_ROLE of all three")
  String admin;

  @Option(names = "--anchorer", required = true, description = "WorkRegistry's ANCHORER_ROLE")
  String anchorer;

  @Option(
      names = "--operator",
      required = true,
      description = "RewardDistributor's SETTLEMENT_OPERATOR_ROLE")
  String operator;

  @Option(names = "--auditor", required = true, description = "RewardDistributor's AUDITOR_ROLE")
  String auditor;

  @Option(names = "--guardian", required = true, description = "RewardDistributor's GUARDIAN_ROLE")
  String guardian;

  @Option(
      names = "--challenge-window",
      required = true,
      description = "From posting a distribution to the opening of its claims (ISO-8601, e.g. P7D)")
  String challengeWindow;

  @Option(
      names = "--refund-delay",
      required = true,
      description = "From a pool's refund request to the refund (ISO-8601, e.g. P30D)")
  String refundDelay;

  @Option(
      names = "--allow-short-window",
      description = "Allow a challenge window under one hour on a chain other than 31337")
  boolean allowShortWindow;

  @Option(
      names = "--confirmations",
      description = "Blocks deep each deployment must be (default: 2 on chain 31337, else 5)")
  Integer confirmations;

  @Option(
      names = "--out",
      description =
          "Where to write the descriptor (default: the --resume file, else deployment.json)")
  Path out;

  @Option(
      names = "--resume",
      description = "A descriptor from an earlier run: contracts with code there are kept")
  Path resume;

  /** What the arguments ask for, checked before anything touches the chain. */
  record Request(ContractSuite.Plan plan, Path out) {}

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    Request request = request();
    Credentials deployer = deployerKey(Keys.resolve(key));
    Address deployerAddress = Address.parse(deployer.getAddress());
    FeePolicy fees = FeePolicy.defaults();
    try (ChainClient chain = ChainClient.connect(rpc)) {
      long chainId = chain.chainId();
      DeploymentDescriptor resumed = resume == null ? null : DeploymentDescriptor.read(resume);
      checkChain(chainId, resumed, request.plan(), allowShortWindow);
      int depth = confirmations != null ? confirmations : defaultConfirmations(chainId);

      ContractSuite.Addresses known =
          resumed == null ? ContractSuite.Addresses.none() : resumed.suiteAddresses();
      List<ContractSuite.Contract> missing = ContractSuite.missing(chain, known);
      stdout.printf("Chain %d at %s; deployer %s%n", chainId, rpc, deployerAddress.checksummed());
      for (ContractSuite.Contract contract : ContractSuite.Contract.values()) {
        if (!missing.contains(contract)) {
          stdout.printf(
              "%s already deployed at %s (kept)%n", contract.contractName(), known.of(contract));
        }
      }
      if (!missing.isEmpty()) {
        BigInteger needed = ContractSuite.requiredBalance(chain, missing, fees);
        BigInteger balance = chain.balance(deployerAddress);
        if (balance.compareTo(needed) < 0) {
          throw new IllegalStateException(
              "The deployer "
                  + deployerAddress.checksummed()
                  + " holds "
                  + eth(balance)
                  + " but deploying "
                  + names(missing)
                  + " needs at least "
                  + eth(needed)
                  + " ("
                  + needed
                  + " wei: the gas limits times the max fee per gas at the current base fee;"
                  + " what is spent is the gas used, less). Fund it and run again.");
        }
      }
      stdout.flush();

      List<Deployment> fresh = new ArrayList<>();
      ContractSuite.Addresses addresses =
          ContractSuite.deployMissing(
              chain,
              deployer,
              request.plan(),
              known,
              fees,
              deployed -> {
                fresh.add(deployed.deployment());
                // recorded before the next one is sent, so a failure later costs nothing twice
                descriptor(chainId, deployed.addresses(), request.plan()).write(request.out());
                stdout.printf(
                    "Deployed %s at %s (block %d, tx %s)%n",
                    deployed.contract().contractName(),
                    deployed.deployment().address(),
                    deployed.deployment().block(),
                    deployed.deployment().transactionHash());
                stdout.flush();
              });
      if (!fresh.isEmpty()) {
        stdout.printf("Waiting until each deployment is %d block(s) deep...%n", depth);
        stdout.flush();
        Duration poll = chainId == LOCAL_CHAIN_ID ? Duration.ofMillis(200) : Duration.ofSeconds(2);
        ContractSuite.awaitConfirmations(chain, fresh, depth, poll, Duration.ofMinutes(30));
      }

      List<String> problems = ContractSuite.verify(chain, addresses, request.plan());
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            "The deployment does not match the arguments: "
                + String.join("; ", problems)
                + (resumed != null
                    ? " (the contracts kept from " + resume + " were deployed with other roles?)"
                    : ""));
      }
      DeploymentDescriptor descriptor = descriptor(chainId, addresses, request.plan());
      descriptor.write(request.out());
      stdout.printf(
          "Verified: code at all three addresses, every role held as asked. Descriptor: %s%n%n",
          request.out().toAbsolutePath());
      printConfiguration(stdout, rpc, descriptor, request.plan(), depth);
      stdout.flush();
      return 0;
    }
  }

  /** Parses and checks the arguments that need no chain; messages name the option. */
  Request request() {
    ContractSuite.Roles roles =
        new ContractSuite.Roles(
            address("--admin", admin),
            address("--anchorer", anchorer),
            address("--operator", operator),
            address("--auditor", auditor),
            address("--guardian", guardian));
    long window = seconds("--challenge-window", challengeWindow);
    long delay = seconds("--refund-delay", refundDelay);
    if (confirmations != null && (confirmations < 1 || confirmations > 1000)) {
      throw new IllegalArgumentException("--confirmations must be 1 to 1000, not " + confirmations);
    }
    Path target = out != null ? out : resume != null ? resume : Path.of("deployment.json");
    if (Files.exists(target) && (resume == null || !sameFile(target, resume))) {
      throw new IllegalArgumentException(
          target
              + " already exists and is not the --resume file: pass --resume "
              + target
              + " to continue that deployment, or --out another file");
    }
    return new Request(new ContractSuite.Plan(roles, window, delay), target);
  }

  /**
   * Refuses a chain that is not the resumed descriptor's, and a challenge window under an hour on a
   * chain other than 31337 unless allowed: claims would open before anyone could challenge.
   */
  static void checkChain(
      long chainId, DeploymentDescriptor resumed, ContractSuite.Plan plan, boolean allowShort) {
    if (resumed != null && resumed.chainId() != chainId) {
      throw new IllegalArgumentException(
          "The RPC serves chain "
              + chainId
              + " but the descriptor to resume was written for chain "
              + resumed.chainId()
              + ": wrong --rpc or wrong --resume file");
    }
    if (chainId != LOCAL_CHAIN_ID
        && !allowShort
        && plan.challengeWindowSeconds() < MIN_PUBLIC_WINDOW.toSeconds()) {
      throw new IllegalArgumentException(
          "A challenge window of "
              + plan.challengeWindowSeconds()
              + " s on chain "
              + chainId
              + " leaves auditors no time to challenge a distribution; use at least PT1H (P7D is"
              + " usual), or --allow-short-window for a test network");
    }
  }

  /** The deployer's credentials; a malformed key is refused without echoing any of it. */
  static Credentials deployerKey(String hex) {
    if (!hex.matches("(0x)?[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "--key must be a private key of 32 bytes of hex (or env:NAME holding one)");
    }
    return Credentials.create(hex);
  }

  /** 2 blocks on a local chain, where nothing reorganises; 5 elsewhere. */
  static int defaultConfirmations(long chainId) {
    return chainId == LOCAL_CHAIN_ID ? 2 : 5;
  }

  /** The lines an operator puts in the node's environment (or, as keys, its --config file). */
  static void printConfiguration(
      PrintWriter out,
      String rpcUrl,
      DeploymentDescriptor descriptor,
      ContractSuite.Plan plan,
      int depth) {
    out.println("# airm node configuration for this deployment (environment variables; the same");
    out.println("# keys, e.g. chain.registry=..., also work in a --config properties file)");
    out.println("AIRM_CHAIN_RPC_URL=" + rpcUrl);
    out.println("AIRM_CHAIN_REGISTRY=" + descriptor.workRegistry());
    out.println("AIRM_CHAIN_USAGE_ATTESTATIONS=" + descriptor.usageAttestations());
    out.println("AIRM_CHAIN_REWARD_DISTRIBUTOR=" + descriptor.rewardDistributor());
    out.println("AIRM_CHAIN_DEPLOYMENT_BLOCK=" + descriptor.deploymentBlock());
    out.println("AIRM_ANCHOR_CONFIRMATIONS=" + depth);
    out.println("# From your secret store, never from a file in version control:");
    out.println(
        "#   AIRM_CHAIN_ANCHORER_KEY (chain.anchorer-key): the key of "
            + plan.roles().anchorer().checksummed()
            + " (ANCHORER_ROLE)");
    out.println(
        "#   AIRM_CHAIN_OPERATOR_KEY (chain.operator-key): the key of "
            + plan.roles().operator().checksummed()
            + " (SETTLEMENT_OPERATOR_ROLE)");
    out.println(
        "#   AIRM_CHAIN_ADMIN_KEY (chain.admin-key, optional): the key of "
            + plan.roles().admin().checksummed()
            + " (DEFAULT_ADMIN_ROLE), only to grant attesters through the API");
    out.println(
        "# Fund the anchorer and the operator: they pay for anchors and settlement transactions.");
  }

  private DeploymentDescriptor descriptor(
      long chainId, ContractSuite.Addresses addresses, ContractSuite.Plan plan) {
    ContractSuite.Roles roles = plan.roles();
    return new DeploymentDescriptor(
        chainId,
        addresses.workRegistry().value(),
        addresses.deploymentBlock(),
        addresses.deploymentTx().hex(),
        roles.admin().value(),
        roles.anchorer().value(),
        value(addresses.usageAttestations()),
        value(addresses.rewardDistributor()),
        null,
        roles.operator().value(),
        plan.challengeWindowSeconds(),
        roles.auditor().value(),
        roles.guardian().value(),
        plan.refundDelaySeconds());
  }

  private static String value(Address address) {
    return address == null ? null : address.value();
  }

  static Address address(String option, String text) {
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** An ISO-8601 duration as whole, non-negative seconds. */
  static long seconds(String option, String text) {
    Duration duration;
    try {
      duration = Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " must be an ISO-8601 duration such as P7D or PT1H, not '" + text + "'", e);
    }
    if (duration.isNegative() || duration.getNano() != 0) {
      throw new IllegalArgumentException(
          option + " must be zero or more whole seconds, not " + text);
    }
    return duration.getSeconds();
  }

  private static boolean sameFile(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static String names(List<ContractSuite.Contract> contracts) {
    return String.join(", ", contracts.stream().map(ContractSuite.Contract::contractName).toList());
  }

  static String eth(BigInteger wei) {
    return new BigDecimal(wei).divide(WEI_PER_ETH).stripTrailingZeros().toPlainString() + " ETH";
  }
}
