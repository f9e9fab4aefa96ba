package io.airm.localchain;

import io.airm.chain.eth.Address;
import io.airm.chain.registry.ContractSuite;
import io.airm.chain.registry.Erc20Contract;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A local anvil chain whose state lives under a data folder, with the AIRM contracts deployed once:
 * WorkRegistry, UsageAttestations, RewardDistributor and the dev ERC-20. Starting it again on the
 * same folder resumes the same chain and reuses the deployment, deploying only what is missing.
 *
 * <p>Roles, all held by anvil's public dev accounts: account 0 deploys and is admin of every
 * contracts, auditor and guardian; account 1 is the settlement operator; account 2 anchors.
 */
public final class LocalChain implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalChain.class);
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REFUND_DELAY = Duration.ofDays(1);
  private static final int OPERATOR_ACCOUNT = 1;

  /**
   * The account that anchors: its own key, so that the anchoring worker's transactions never race
   * the admin's (role grants) or the operator's for a nonce.
   */
  private static final int ANCHORER_ACCOUNT = 2;

  private final Process anvil;
  private final String rpcUrl;
  private final DeploymentDescriptor deployment;
  private final Path dataDir;

  private LocalChain(Process anvil, String rpcUrl, DeploymentDescriptor deployment, Path dataDir) {
    this.anvil = anvil;
    this.rpcUrl = rpcUrl;
    this.deployment = deployment;
    this.dataDir = dataDir;
  }

  /**
   * How to run anvil.
   *
   * @param dataDir where the chain state ({@code state.json}), anvil's log and the deployment
   *     descriptor are kept
   * @param anvilBinary the anvil executable
   * @param blockTime interval mining period; blocks come even without transactions, so
   *     confirmations accrue
   * @param port the port to listen on, or 0 for a free one
   * @param challengeWindow the RewardDistributor's challenge window, whole seconds; fixed when it
   *     is deployed, so a chain that already has one keeps its own
   */
  public record Options(
      Path dataDir, Path anvilBinary, Duration blockTime, int port, Duration challengeWindow) {
    /** The challenge window of {@link #defaults} and of the four-argument constructor. */
    public static final Duration DEFAULT_CHALLENGE_WINDOW = Duration.ofSeconds(10);

    public Options {
      if (dataDir == null || anvilBinary == null) {
        throw new IllegalArgumentException("dataDir and anvilBinary are required");
      }
      if (blockTime == null || blockTime.toMillis() < 100) {
        throw new IllegalArgumentException("blockTime must be at least 100 ms, not " + blockTime);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
      }
      if (challengeWindow == null
          || challengeWindow.isNegative()
          || challengeWindow.getNano() != 0) {
        throw new IllegalArgumentException(
            "challengeWindow must be zero or more whole seconds, not " + challengeWindow);
      }
    }

    /** The options with the default challenge window of ten seconds. */
    public Options(Path dataDir, Path anvilBinary, Duration blockTime, int port) {
      this(dataDir, anvilBinary, blockTime, port, DEFAULT_CHALLENGE_WINDOW);
    }

    /** anvil from the repository, one-second blocks, a free port, a ten-second challenge window. */
    public static Options defaults(Path dataDir) {
      return new Options(dataDir, AnvilBinary.locate(), Duration.ofSeconds(1), 0);
    }

    /** These options with another challenge window. */
    public Options withChallengeWindow(Duration window) {
      return new Options(dataDir, anvilBinary, blockTime, port, window);
    }
  }

  /** Starts anvil, waits until it answers, and deploys the contracts unless already deployed. */
  public static LocalChain start(Options options) {
    Path dataDir = options.dataDir().toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new LocalChainException("Cannot create the chain data folder " + dataDir, e);
    }
    LocalChainException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = options.port() == 0 ? freePort() : options.port();
      Process process = launch(options, dataDir, port);
      String rpcUrl = "http://" + LOOPBACK + ":" + port;
      try {
        awaitRpc(process, rpcUrl, dataDir);
        DeploymentDescriptor deployment = ensureDeployed(rpcUrl, dataDir, options);
        LOG.info(
            "Local chain at {} (WorkRegistry {}, UsageAttestations {}, RewardDistributor {},"
                + " DevToken {})",
            rpcUrl,
            deployment.workRegistry(),
            deployment.usageAttestations(),
            deployment.rewardDistributor(),
            deployment.devToken());
        return new LocalChain(process, rpcUrl, deployment, dataDir);
      } catch (LocalChainException e) {
        stop(process);
        last = e;
        if (options.port() != 0) {
          break; // a fixed port that fails will fail again
        }
      } catch (RuntimeException e) {
        stop(process);
        throw e;
      }
    }
    throw last;
  }

  private static Process launch(Options options, Path dataDir, int port) {
    List<String> command = new ArrayList<>();
    command.add(options.anvilBinary().toString());
    command.addAll(
        List.of(
            "--host",
            LOOPBACK,
            "--port",
            Integer.toString(port),
            "--chain-id",
            "31337",
            "--block-time",
            blockTimeSeconds(options.blockTime()),
            // loads the chain if the file exists, dumps it on exit and every second, so that
            // even a killed anvil loses at most a second of blocks
            "--state",
            dataDir.resolve("state.json").toString(),
            "--state-interval",
            "1"));
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("anvil.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new LocalChainException("Could not start " + options.anvilBinary() + ": " + e, e);
    }
  }

  private static String blockTimeSeconds(Duration blockTime) {
    long millis = blockTime.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.valueOf(millis / 1000.0);
  }

  private static void awaitRpc(Process process, String rpcUrl, Path dataDir) {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    try (ChainClient client = ChainClient.connect(rpcUrl)) {
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new LocalChainException(
              "anvil exited with code "
                  + process.exitValue()
                  + " before answering on "
                  + rpcUrl
                  + "; see "
                  + dataDir.resolve("anvil.log"));
        }
        try {
          client.chainId();
          return;
        } catch (RuntimeException notYet) {
          sleep(Duration.ofMillis(100));
        }
      }
    }
    throw new LocalChainException(
        "anvil did not answer on " + rpcUrl + " within " + STARTUP_TIMEOUT.toSeconds() + " s");
  }

  /**
   * Deploys what the descriptor does not name with code on this chain: everything if its
   * WorkRegistry is missing (another chain, or lost state), else only the contracts that an older
   * descriptor lacks or whose code is gone. Rewrites the descriptor when anything changed.
   */
  private static DeploymentDescriptor ensureDeployed(String rpcUrl, Path dataDir, Options options) {
    Path descriptorFile = dataDir.resolve("deployment.json");
    try (ChainClient chain = ChainClient.connect(rpcUrl)) {
      long chainId = chain.chainId();
      DeploymentDescriptor known =
          Files.exists(descriptorFile) ? DeploymentDescriptor.read(descriptorFile) : null;
      boolean registryKept =
          known != null && known.chainId() == chainId && chain.hasCode(known.workRegistryAddress());
      if (known != null && !registryKept) {
        LOG.warn(
            "The deployment in {} is not on this chain (state lost?); deploying again",
            descriptorFile);
      }
      Credentials deployer = Credentials.create(DevAccounts.key(0));
      Address admin = Address.parse(deployer.getAddress());
      Address operator =
          Address.parse(Credentials.create(DevAccounts.key(OPERATOR_ACCOUNT)).getAddress());
      Address anchorer =
          registryKept
              ? Address.parse(known.anchorer())
              : Address.parse(Credentials.create(DevAccounts.key(ANCHORER_ACCOUNT)).getAddress());
      ContractSuite.Plan plan =
          new ContractSuite.Plan(
              new ContractSuite.Roles(admin, anchorer, operator, admin, admin),
              options.challengeWindow().toSeconds(),
              REFUND_DELAY.toSeconds());
      ContractSuite.Addresses base =
          registryKept ? known.suiteAddresses() : ContractSuite.Addresses.none();
      ContractSuite.Addresses addresses =
          ContractSuite.deployMissing(chain, deployer, plan, base, FeePolicy.defaults(), d -> {});

      var distributor = new RewardDistributorContract(chain, addresses.rewardDistributor());
      boolean distributorKept = addresses.rewardDistributor().equals(base.rewardDistributor());
      long challengeWindow = distributor.challengeWindow();
      if (distributorKept && challengeWindow != plan.challengeWindowSeconds()) {
        LOG.warn(
            "The RewardDistributor at {} keeps its challenge window of {} s, not the {} s"
                + " asked for: the window is fixed at deployment (delete {} for a new chain)",
            addresses.rewardDistributor(),
            challengeWindow,
            plan.challengeWindowSeconds(),
            dataDir);
      }
      String operatorValue =
          distributorKept && known.operator() != null ? known.operator() : operator.value();

      String devToken = registryKept ? known.devToken() : null;
      if (!hasCode(chain, devToken)) {
        devToken = Erc20Contract.deployDevToken(chain, deployer).address().value();
      }

      DeploymentDescriptor descriptor =
          new DeploymentDescriptor(
              chainId,
              addresses.workRegistry().value(),
              addresses.deploymentBlock(),
              addresses.deploymentTx().hex(),
              registryKept ? known.admin() : admin.value(),
              anchorer.value(),
              addresses.usageAttestations().value(),
              addresses.rewardDistributor().value(),
              devToken,
              operatorValue,
              challengeWindow,
              admin.value(),
              admin.value(),
              distributor.refundDelay());
      if (!descriptor.equals(known)) {
        descriptor.write(descriptorFile);
      }
      return descriptor;
    }
  }

  private static boolean hasCode(ChainClient chain, String address) {
    return address != null && chain.hasCode(Address.parse(address));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LocalChainException("No free loopback port for anvil", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalChainException("Interrupted while waiting for anvil", e);
    }
  }

  /** The JSON-RPC URL, on the loopback interface. */
  public String rpcUrl() {
    return rpcUrl;
  }

  /** The contracts' deployment on this chain. */
  public DeploymentDescriptor deployment() {
    return deployment;
  }

  /** The folder holding the chain's state. */
  public Path dataDir() {
    return dataDir;
  }

  /** Whether anvil is still running. */
  public boolean isRunning() {
    return anvil.isAlive();
  }

  /** Stops anvil gracefully, so that it writes its state; kills it after ten seconds. */
  @Override
  public void close() {
    stop(anvil);
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
