package io.airm.node;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eth.Address;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.registry.UsageAttestationsContract;
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
import io.airm.node.api.JsonLimits;
import io.airm.node.chain.LeaderPipeline;
import io.airm.node.chain.PoolIndexer;
import io.airm.node.chain.Web3jAnchorChain;
import io.airm.node.chain.Web3jAttestationChain;
import io.airm.node.chain.Web3jDistributionChain;
import io.airm.node.config.ApiConfig;
import io.airm.node.config.ConfigException;
import io.airm.node.config.NodeConfig;
import io.airm.node.content.BlockStoreContent;
import io.airm.node.content.KuboContent;
import io.airm.node.content.MeteredContentStore;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.Leadership;
import io.airm.node.domain.LogQueries;
import io.airm.node.domain.RegistrationService;
import io.airm.node.domain.WorkQueries;
import io.airm.node.http.AccessControl;
import io.airm.node.http.ApiGuards;
import io.airm.node.http.AttestationsEndpoint;
import io.airm.node.http.HealthEndpoints;
import io.airm.node.http.HttpApi;
import io.airm.node.http.Idempotency;
import io.airm.node.http.InfoEndpoints;
import io.airm.node.http.LogEndpoint;
import io.airm.node.http.MetricsEndpoint;
import io.airm.node.http.PoolsEndpoint;
import io.airm.node.http.RateLimits;
import io.airm.node.http.RequestTelemetry;
import io.airm.node.http.TokenBuckets;
import io.airm.node.http.WorksEndpoint;
import io.airm.node.ops.LogFormat;
import io.airm.node.ops.NodeMetrics;
import io.airm.node.ops.Readiness;
import io.airm.node.settle.AttestationRelayer;
import io.airm.node.settle.AttestationService;
import io.airm.node.settle.ReportCache;
import io.airm.node.settle.SettlementLoop;
import io.airm.node.settle.SettlementService;
import io.airm.node.settle.SettlementWorker;
import io.airm.node.storage.Database;
import io.airm.node.storage.JdbcAnchorStore;
import io.airm.node.storage.JdbcAttestationStore;
import io.airm.node.storage.JdbcIdempotencyStore;
import io.airm.node.storage.JdbcLease;
import io.airm.node.storage.JdbcLog;
import io.airm.node.storage.JdbcOpsQueries;
import io.airm.node.storage.JdbcPoolStore;
import io.airm.node.storage.JdbcSettlementStore;
import io.airm.node.storage.JdbcWorkStore;
import io.airm.valuation.model.ScoringModel;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A running registry node: database, leader lease, block store, chain (local anvil or a configured
 * endpoint), anchoring worker and HTTP API, started in that order and stopped in reverse. Several
 * nodes may share one database: all serve the API, the one holding the lease anchors.
 */
public final class RegistryNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryNode.class);

  /** How long one readiness probe (database, chain, IPFS) may take before it counts as down. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final Deque<AutoCloseable> resources;
  private final Javalin http;
  private final Eip712Domain domain;
  private final String rpcUrl;
  private final AnchoringWorker worker;
  private final Database database;
  private final JdbcLease lease;
  private final Readiness readiness;
  private final Deadline deadline;

  private RegistryNode(
      Deque<AutoCloseable> resources,
      Javalin http,
      Eip712Domain domain,
      String rpcUrl,
      AnchoringWorker worker,
      Database database,
      JdbcLease lease,
      Readiness readiness,
      Deadline deadline) {
    this.resources = resources;
    this.http = http;
    this.domain = domain;
    this.rpcUrl = rpcUrl;
    this.worker = worker;
    this.database = database;
    this.lease = lease;
    this.readiness = readiness;
    this.deadline = deadline;
  }

  /**
   * The end of a stop: set when {@link #close} begins, so that the steps after the HTTP server's
   * share what is left of {@code node.shutdown-timeout} instead of each taking its own.
   */
  private static final class Deadline {
    private final Duration timeout;
    private volatile long endNanos;

    Deadline(Duration timeout) {
      this.timeout = timeout;
      this.endNanos = Long.MAX_VALUE;
    }

    void begin() {
      endNanos = System.nanoTime() + timeout.toNanos();
    }

    Duration remaining() {
      long end = endNanos;
      if (end == Long.MAX_VALUE) {
        return timeout; // closed without close(): a failed start
      }
      return Duration.ofNanos(Math.max(0, end - System.nanoTime()));
    }
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
    LogFormat.apply(config.logFormat());
    LOG.info("Starting AIRM node: {}", config);
    Deadline deadline = new Deadline(config.shutdownTimeout());
    NodeMetrics metrics = new NodeMetrics();
    resources.push(metrics);
    createDirectories(config.dataDir(), config.spoolDir());
    cleanSpool(config.spoolDir());

    String rpcUrl;
    Address registry;
    Address attestationsAddress;
    Address distributorAddress;
    long deploymentBlock;
    String anchorerKey;
    String operatorKey;
    Optional<String> adminKey;
    if (config.rpcUrl().isPresent()) {
      rpcUrl = config.rpcUrl().get();
      registry = config.registryAddress().orElseThrow();
      attestationsAddress = config.attestationsAddress().orElseThrow();
      distributorAddress = config.distributorAddress().orElseThrow();
      deploymentBlock = config.deploymentBlock();
      anchorerKey = config.anchorerKey().orElseThrow();
      operatorKey = config.operatorKey().orElseThrow();
      adminKey = config.adminKey();
    } else {
      LocalChain chain =
          LocalChain.start(
              new LocalChain.Options(
                  config.chainDir(),
                  io.airm.localchain.AnvilBinary.locate(),
                  config.blockTime(),
                  0,
                  config.challengeWindow()));
      resources.push(chain);
      rpcUrl = chain.rpcUrl();
      registry = chain.deployment().workRegistryAddress();
      attestationsAddress = chain.deployment().usageAttestationsAddress();
      distributorAddress = chain.deployment().rewardDistributorAddress();
      deploymentBlock = chain.deployment().deploymentBlock();
      String anchorerAccount = chain.deployment().anchorer();
      anchorerKey =
          config
              .anchorerKey()
              .orElseGet(
                  () ->
                      DevAccounts.keyOf(anchorerAccount)
                          .orElseThrow(
                              () ->
                                  new ConfigException(
                                      "The local chain's anchorer "
                                          + anchorerAccount
                                          + " is no dev account; set chain.anchorer-key")));
      operatorKey = config.operatorKey().orElse(DevAccounts.key(1));
      adminKey = Optional.of(config.adminKey().orElse(DevAccounts.key(0)));
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
    JdbcLease lease =
        new JdbcLease(
            database, JdbcLease.LEADER, JdbcLease.newHolderId(), config.leaseTtl(), clock);
    resources.push(lease); // closed before the database: a clean stop hands the lead over at once
    var works = new JdbcWorkStore(database);
    var log = new JdbcLog(database);
    var anchors = new JdbcAnchorStore(database, clock, lease);
    ContentStore content;
    Readiness.Probe ipfsProbe;
    if (config.kuboUrl().isPresent()) {
      KuboRpcClient kubo = KuboRpcClient.create(KuboConfig.defaults(config.kuboUrl().get()));
      content =
          new MeteredContentStore(
              new KuboContent(kubo, config.pinWorks()), "kubo", metrics::ipfsError);
      ipfsProbe = () -> Map.of("store", "kubo", "version", kubo.version());
    } else {
      FileSystemBlockStore blocks = FileSystemBlockStore.open(config.blocksDir());
      content =
          new MeteredContentStore(new BlockStoreContent(blocks), "embedded", metrics::ipfsError);
      ipfsProbe =
          () -> {
            Path root = blocks.root();
            if (!Files.isDirectory(root) || !Files.isWritable(root)) {
              throw new IOException("the block store folder " + root + " is not a writable folder");
            }
            return Map.of("store", "embedded");
          };
    }
    var opsQueries =
        new JdbcOpsQueries(database, "reward-distributor:" + distributorAddress.value(), clock);
    metrics.watch(opsQueries, chain::blockNumber);
    Map<String, Readiness.Probe> probes = new LinkedHashMap<>();
    probes.put(
        "database",
        () -> {
          opsQueries.ping();
          return Map.of();
        });
    probes.put("chain", () -> Map.of("headBlock", chain.blockNumber()));
    probes.put("ipfs", ipfsProbe);
    Readiness readiness = new Readiness(probes, PROBE_TIMEOUT, redactions(config));
    resources.push(readiness);

    AnchoringWorker worker =
        new AnchoringWorker(
            log,
            anchors,
            new Web3jAnchorChain(
                chain, contract, new TransactionSigner(chain, anchorer, FeePolicy.defaults())),
            new AnchoringWorker.Settings(
                config.anchorInterval(), config.pollInterval(), config.confirmations()),
            lease,
            clock);
    resources.push(() -> worker.close(deadline.remaining()));

    Leadership leadership = lease;
    createDirectories(config.journalDir());
    var attestationsContract = new UsageAttestationsContract(chain, attestationsAddress);
    var distributorContract = new RewardDistributorContract(chain, distributorAddress);
    if (!attestationsContract.isDeployed() || !chain.hasCode(distributorAddress)) {
      throw new ConfigException(
          "No UsageAttestations at "
              + attestationsAddress
              + " or no RewardDistributor at "
              + distributorAddress
              + " on "
              + rpcUrl);
    }
    Credentials operator = Credentials.create(operatorKey);
    if (!distributorContract.isOperator(Address.parse(operator.getAddress()))) {
      throw new ConfigException(
          "chain.operator-key's account "
              + operator.getAddress()
              + " does not hold SETTLEMENT_OPERATOR_ROLE on RewardDistributor "
              + distributorAddress);
    }
    LeaderPipeline operatorPipeline =
        new LeaderPipeline(
            chain, operator, config.journalDir().resolve("operator.journal"), leadership);
    resources.push(operatorPipeline);
    Optional<LeaderPipeline> adminPipeline =
        adminKey.map(
            key ->
                new LeaderPipeline(
                    chain,
                    Credentials.create(key),
                    config.journalDir().resolve("admin.journal"),
                    leadership));
    adminPipeline.ifPresent(resources::push);
    var attestationChain =
        new Web3jAttestationChain(
            chain, attestationsContract, operatorPipeline, adminPipeline, deploymentBlock);
    var attestations = new JdbcAttestationStore(database, clock);
    var pools = new JdbcPoolStore(database, "reward-distributor:" + distributorAddress.value());
    var settlements = new JdbcSettlementStore(database, clock);
    var settlementService = new SettlementService(pools, attestations, settlements);
    var relayer = new AttestationRelayer(attestations, attestationChain, leadership, clock);
    var indexer =
        new PoolIndexer(
            chain,
            distributorContract,
            pools,
            Math.max(1, deploymentBlock),
            config.confirmations());
    var settler =
        new SettlementWorker(
            new SettlementWorker.Contracts(
                chain.chainId(), registry, attestationsAddress, distributorAddress),
            settlements,
            pools,
            attestations,
            works,
            log,
            anchors,
            content,
            new Web3jDistributionChain(chain, distributorContract, operatorPipeline),
            leadership,
            ScoringModel.defaultModel(),
            config.settleThreads());
    var settlementLoop =
        new SettlementLoop(
            config.settleInterval(),
            operatorPipeline::check,
            indexer::pollOnce,
            relayer::runOnce,
            settler::runOnce);
    resources.push(() -> settlementLoop.close(deadline.remaining()));

    var registrations = new RegistrationService(domain, works, content, clock);
    Javalin http =
        HttpApi.create(
            config.host(),
            config.port(),
            new HttpApi.Limits(config.maxJsonBytes(), config.maxUploadBytes(), config.spoolDir()),
            guards(config, database, clock)
                .withLargeBody(
                    "POST",
                    "/v1/attestations",
                    config.maxAttestationBytes(),
                    "http.max-attestation-bytes"),
            new WorksEndpoint(
                registrations,
                new WorkQueries(works, log, anchors),
                config.spoolDir(),
                jsonLimits(config)),
            new InfoEndpoints(domain, rpcUrl, deploymentBlock, log, anchors, content)
                .withSettlement(attestationChain.domain(), distributorAddress.value()),
            new LogEndpoint(new LogQueries(log, works, anchors)),
            new HttpApi.SettlementEndpoints(
                new AttestationsEndpoint(
                    new AttestationService(attestationChain, attestations, works, content, clock),
                    attestations,
                    attestationChain,
                    config.maxAttestationBytes()),
                new PoolsEndpoint(settlementService, new ReportCache(content))),
            new HttpApi.Operations(
                new HealthEndpoints(readiness),
                new MetricsEndpoint(metrics, config.api().metricsToken().isPresent()),
                new RequestTelemetry(metrics),
                config.shutdownTimeout()));
    http.start();
    resources.push(http::stop);
    lease.start();
    worker.start();
    settlementLoop.start();
    readiness.ready();
    LOG.info("AIRM node {} listening on http://{}:{}", lease.holder(), config.host(), http.port());
    return new RegistryNode(
        resources, http, domain, rpcUrl, worker, database, lease, readiness, deadline);
  }

  /**
   * What every request passes before an endpoint: tokens, rate limits, JSON limits, idempotency.
   */
  private static ApiGuards guards(NodeConfig config, Database database, Clock clock) {
    ApiConfig api = config.api();
    return new ApiGuards(
        new AccessControl(api.adminToken(), api.operatorToken(), api.metricsToken()),
        new RateLimits(
            new TokenBuckets(
                api.ratePerSecond(), api.burst(), RateLimits.MAX_BUCKETS, System::nanoTime),
            new TokenBuckets(
                api.authenticatedRatePerSecond(),
                api.authenticatedBurst(),
                RateLimits.MAX_BUCKETS,
                System::nanoTime)),
        jsonLimits(config),
        new Idempotency(new JdbcIdempotencyStore(database), clock));
  }

  /** What a readiness error must never show: endpoints that may carry credentials. */
  private static Map<String, String> redactions(NodeConfig config) {
    Map<String, String> redactions = new LinkedHashMap<>();
    config.rpcUrl().ifPresent(url -> redactions.put(url, "<chain.rpc-url>"));
    config.kuboUrl().ifPresent(url -> redactions.put(url.toString(), "<ipfs.kubo-url>"));
    config.jdbcUrl().ifPresent(url -> redactions.put(url, "<db.url>"));
    if (!config.dbPassword().isEmpty()) {
      redactions.put(config.dbPassword(), "<db.password>");
    }
    return redactions;
  }

  private static JsonLimits jsonLimits(NodeConfig config) {
    return new JsonLimits(
        config.api().maxJsonDepth(), config.api().maxJsonString(), config.maxJsonBytes());
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

  /** This node's id, as it holds the leader lease. */
  public String nodeId() {
    return lease.holder();
  }

  /** Whether this node holds the leader lease, and so anchors. */
  public boolean isLeader() {
    return lease.isLeader();
  }

  /** The database, for tests that inspect rows. */
  public Optional<Database> database() {
    return Optional.of(database);
  }

  /**
   * Stops like a crash as far as the other nodes on the database can tell: the leader lease is not
   * released, so they take over only once it expires (fault tests).
   */
  public void halt() {
    lease.abandon();
    close();
  }

  /** Whether the node reports itself ready (started, not stopping, its dependencies up). */
  public Readiness readiness() {
    return readiness;
  }

  /**
   * Stops gracefully, within {@code node.shutdown-timeout}: readiness turns not-ready first; the
   * API stops accepting connections and lets requests in flight finish; the settlement loop and the
   * anchoring worker finish their current step and start no other; the lease is released (so
   * another node leads at once); then the database, the chain client and the local chain close.
   */
  @Override
  public void close() {
    readiness.stopping();
    deadline.begin();
    LOG.info("Stopping AIRM node {} (within {})", lease.holder(), deadline.remaining());
    closeAll(resources);
    LOG.info("AIRM node {} stopped", lease.holder());
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
