package io.airm.node;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eth.Address;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.TransactionSigner;
import io.airm.ipfs.blockstore.FileSystemBlockStore;
import io.airm.ipfs.kubo.KuboConfig;
import io.airm.ipfs.kubo.KuboRpcClient;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.anchor.AnchoringWorker;
import io.airm.node.chain.Web3jAnchorChain;
import io.airm.node.config.ConfigException;
import io.airm.node.config.NodeConfig;
import io.airm.node.content.BlockStoreContent;
import io.airm.node.content.KuboContent;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.LogQueries;
import io.airm.node.domain.RegistrationService;
import io.airm.node.domain.WorkQueries;
import io.airm.node.http.HttpApi;
import io.airm.node.http.InfoEndpoints;
import io.airm.node.http.LogEndpoint;
import io.airm.node.http.WorksEndpoint;
import io.airm.node.storage.Database;
import io.airm.node.storage.JdbcAnchorStore;
import io.airm.node.storage.JdbcLog;
import io.airm.node.storage.JdbcWorkStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A running registry node: database, block store, chain (local anvil or a configured endpoint),
 * anchoring worker and HTTP API, started in that order and stopped in reverse.
 */
public final class RegistryNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryNode.class);

  private final Deque<AutoCloseable> resources;
  private final Javalin http;
  private final Eip712Domain domain;
  private final String rpcUrl;
  private final AnchoringWorker worker;
  private final Database database;

  private RegistryNode(
      Deque<AutoCloseable> resources,
      Javalin http,
      Eip712Domain domain,
      String rpcUrl,
      AnchoringWorker worker,
      Database database) {
    this.resources = resources;
    this.http = http;
    this.domain = domain;
    this.rpcUrl = rpcUrl;
    this.worker = worker;
    this.database = database;
  }

  /** Starts a node; anything started before a failure is stopped again. */
  public static RegistryNode start(NodeConfig config) {
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      return start(config, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  private static RegistryNode start(NodeConfig config, Deque<AutoCloseable> resources) {
    LOG.info("Starting AIRM node: {}", config);
    createDirectories(config.dataDir(), config.spoolDir());
    cleanSpool(config.spoolDir());

    String rpcUrl;
    Address registry;
    long deploymentBlock;
    String anchorerKey;
    if (config.rpcUrl().isPresent()) {
      rpcUrl = config.rpcUrl().get();
      registry = config.registryAddress().orElseThrow();
      deploymentBlock = config.deploymentBlock();
      anchorerKey = config.anchorerKey().orElseThrow();
    } else {
      LocalChain chain =
          LocalChain.start(
              new LocalChain.Options(
                  config.chainDir(),
                  io.airm.localchain.AnvilBinary.locate(),
                  config.blockTime(),
                  0));
      resources.push(chain);
      rpcUrl = chain.rpcUrl();
      registry = chain.deployment().workRegistryAddress();
      deploymentBlock = chain.deployment().deploymentBlock();
      anchorerKey = config.anchorerKey().orElse(DevAccounts.key(0));
    }

    ChainClient chain = ChainClient.connect(rpcUrl);
    resources.push(chain);
    WorkRegistryContract contract = new WorkRegistryContract(chain, registry);
    if (!contract.isDeployed()) {
      throw new ConfigException(
          "No contract is deployed at chain.registry " + registry + " on " + rpcUrl);
    }
    Eip712Domain domain = contract.domain();
    if (domain.chainId().longValueExact() != chain.chainId()
        || !domain.verifyingContract().equals(registry)) {
      throw new ConfigException(
          "The contract at "
              + registry
              + " reports EIP-712 domain "
              + domain
              + ", which is not this chain and address");
    }
    Credentials anchorer = Credentials.create(anchorerKey);
    if (!contract.isAnchorer(Address.parse(anchorer.getAddress()))) {
      throw new ConfigException(
          "chain.anchorer-key's account "
              + anchorer.getAddress()
              + " does not hold ANCHORER_ROLE on WorkRegistry "
              + registry);
    }

    String jdbcUrl = config.jdbcUrl().orElse(Database.h2Url(config.databaseDir()));
    Database database = Database.open(jdbcUrl, config.dbUser(), config.dbPassword());
    resources.push(database);
    Clock clock = Clock.systemUTC();
    var works = new JdbcWorkStore(database);
    var log = new JdbcLog(database);
    var anchors = new JdbcAnchorStore(database, clock);
    ContentStore content =
        config.kuboUrl().isPresent()
            ? new KuboContent(
                KuboRpcClient.create(KuboConfig.defaults(config.kuboUrl().get())),
                config.pinWorks())
            : new BlockStoreContent(FileSystemBlockStore.open(config.blocksDir()));

    AnchoringWorker worker =
        new AnchoringWorker(
            log,
            anchors,
            new Web3jAnchorChain(
                chain, contract, new TransactionSigner(chain, anchorer, FeePolicy.defaults())),
            new AnchoringWorker.Settings(
                config.anchorInterval(), config.pollInterval(), config.confirmations()),
            clock);
    resources.push(worker);

    var registrations = new RegistrationService(domain, works, content, clock);
    Javalin http =
        HttpApi.create(
            config.host(),
            config.port(),
            new HttpApi.Limits(config.maxJsonBytes(), config.maxUploadBytes(), config.spoolDir()),
            new WorksEndpoint(
                registrations, new WorkQueries(works, log, anchors), config.spoolDir()),
            new InfoEndpoints(domain, rpcUrl, deploymentBlock, log, anchors, content),
            new LogEndpoint(new LogQueries(log, works, anchors)));
    http.start();
    resources.push(http::stop);
    worker.start();
    LOG.info("AIRM node listening on http://{}:{}", config.host(), http.port());
    return new RegistryNode(resources, http, domain, rpcUrl, worker, database);
  }

  private static void createDirectories(Path... directories) {
    for (Path directory : directories) {
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new ConfigException("Cannot create " + directory + ": " + e.getMessage());
      }
    }
  }

  private static void cleanSpool(Path spool) {
    try (var files = Files.list(spool)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.warn("Could not empty the upload spool {}: {}", spool, e.getMessage());
    }
  }

  /** The port the API listens on. */
  public int port() {
    return http.port();
  }

  /** The API's base URL. */
  public String url() {
    return "http://127.0.0.1:" + http.port();
  }

  /** The EIP-712 domain registrations are signed under. */
  public Eip712Domain domain() {
    return domain;
  }

  /** The chain endpoint the node uses. */
  public String rpcUrl() {
    return rpcUrl;
  }

  /** Runs one anchoring round now, whatever the interval (tests, benchmarks). */
  public void anchorNow() {
    worker.anchorNow();
  }

  /** The database, for tests that inspect rows. */
  public Optional<Database> database() {
    return Optional.of(database);
  }

  /** Stops the API, the worker, the database and the local chain, in that order. */
  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("Error while stopping: {}", e.getMessage());
      }
    }
  }
}
