package io.airm.node.config;

import io.airm.chain.eth.Address;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the node is configured with, validated at start-up. Every key, its default and its
 * meaning is listed in the README's configuration table; {@link #KEYS} is that list.
 *
 * @param host the interface the API listens on
 * @param port the API port (0 for any free port)
 * @param dataDir where the embedded database, block store and local chain live
 * @param jdbcUrl the database; empty for the embedded H2 file database under dataDir
 * @param dbUser the database user
 * @param dbPassword the database password (never logged)
 * @param rpcUrl an EVM JSON-RPC endpoint; empty to run a local anvil chain under dataDir
 * @param registryAddress the WorkRegistry on that chain (required with rpcUrl)
 * @param deploymentBlock the block the registry was deployed in (with rpcUrl)
 * @param anchorerKey the private key holding the anchorer role (required with rpcUrl; never
 *     logged); the local chain uses anvil's third public dev key (account 2)
 * @param anchorInterval the least time between two anchor transactions
 * @param pollInterval how often receipts and confirmations are polled
 * @param confirmations blocks deep (counting its own) before a checkpoint is final
 * @param blockTime the local chain's block time
 * @param maxUploadBytes the largest content upload
 * @param maxJsonBytes the largest JSON request body
 * @param kuboUrl a Kubo RPC endpoint to keep content in instead of the embedded block store
 * @param pinWorks whether every registered work is pinned on that Kubo node
 * @param attestationsAddress the UsageAttestations contract (required with rpcUrl)
 * @param distributorAddress the RewardDistributor contract (required with rpcUrl)
 * @param operatorKey the settlement operator's key: relays attestations, posts distributions
 *     (required with rpcUrl; never logged); the local chain uses anvil's second dev key
 * @param adminKey the contracts' admin key, for granting the attester role through the API
 *     (optional; never logged); the local chain uses anvil's first dev key
 * @param settleInterval how often the attestation relayer, the pool indexer and the settlement
 *     worker run
 * @param settleThreads threads of a valuation run
 * @param challengeWindow the local chain's RewardDistributor challenge window
 * @param api the API's access tokens, rate limits and JSON limits
 * @param leaseTtl how long the leader lease lasts unrenewed: among nodes sharing a database, the
 *     one holding it anchors, and another takes over within this time once the holder is gone
 * @param maxAttestationBytes the largest {@code POST /v1/attestations} body: its evidence carries
 *     every attested work's embedding, so it is far larger than any other JSON request
 * @param logFormat {@code text} (readable lines) or {@code json} (one JSON object per line)
 * @param shutdownTimeout how long a stop waits for requests in flight and the workers' current step
 */
public record NodeConfig(
    String host,
    int port,
    Path dataDir,
    Optional<String> jdbcUrl,
    String dbUser,
    String dbPassword,
    Optional<String> rpcUrl,
    Optional<Address> registryAddress,
    long deploymentBlock,
    Optional<String> anchorerKey,
    Duration anchorInterval,
    Duration pollInterval,
    int confirmations,
    Duration blockTime,
    long maxUploadBytes,
    long maxJsonBytes,
    Optional<java.net.URI> kuboUrl,
    boolean pinWorks,
    Optional<Address> attestationsAddress,
    Optional<Address> distributorAddress,
    Optional<String> operatorKey,
    Optional<String> adminKey,
    Duration settleInterval,
    int settleThreads,
    Duration challengeWindow,
    ApiConfig api,
    Duration leaseTtl,
    long maxAttestationBytes,
    String logFormat,
    Duration shutdownTimeout) {

  /** Every configuration key, with its default ("" for none) and meaning. */
  public static final String[][] KEYS = {
    {"host", "127.0.0.1", "interface the HTTP API listens on"},
    {"port", "8080", "HTTP API port (0 picks a free port)"},
    {"data.dir", "~/.airm", "folder for the H2 database, the block store and the local chain"},
    {"db.url", "", "JDBC URL; empty for the embedded H2 file database under data.dir"},
    {"db.user", "sa", "database user"},
    {"db.password", "", "database password (never logged)"},
    {"chain.rpc-url", "", "EVM JSON-RPC endpoint; empty to run a local anvil chain under data.dir"},
    {"chain.registry", "", "WorkRegistry address on chain.rpc-url (required with it)"},
    {"chain.deployment-block", "0", "block the WorkRegistry was deployed in"},
    {"chain.anchorer-key", "", "private key with the anchorer role (required with chain.rpc-url)"},
    {"anchor.interval", "PT2S", "least time between two anchor transactions (ISO-8601 duration)"},
    {"anchor.poll-interval", "PT0.2S", "how often receipts and confirmations are polled"},
    {"anchor.confirmations", "2", "blocks deep (counting its own) before a checkpoint is final"},
    {"chain.block-time", "PT1S", "block time of the local anvil chain"},
    {"http.max-upload-bytes", "67108864", "largest content upload"},
    {"http.max-json-bytes", "262144", "largest JSON request body"},
    {
      "ipfs.kubo-url",
      "",
      "Kubo RPC endpoint (e.g. http://127.0.0.1:5001); empty for the embedded block store"
    },
    {"ipfs.pin-works", "true", "pin every registered work on the Kubo node"},
    {"chain.usage-attestations", "", "UsageAttestations address (required with chain.rpc-url)"},
    {"chain.reward-distributor", "", "RewardDistributor address (required with chain.rpc-url)"},
    {
      "chain.operator-key",
      "",
      "settlement operator's private key: relays attestations, posts distributions (required"
          + " with chain.rpc-url; the local chain uses anvil's dev key 1)"
    },
    {
      "chain.admin-key",
      "",
      "contracts' admin key, to grant the attester role through the API (optional; the local"
          + " chain uses anvil's dev key 0)"
    },
    {"settle.interval", "PT0.5S", "how often attestations are relayed, pools indexed, runs driven"},
    {"settle.threads", "2", "threads of a valuation run"},
    {"chain.challenge-window", "PT10S", "challenge window of the local chain's RewardDistributor"},
    {"api.admin-token", "", "bearer token of the admin routes; empty: they answer 403 (secret)"},
    {
      "api.operator-token",
      "",
      "bearer token of the operator routes (the admin token also works there); empty with no"
          + " admin token: they answer 403 (secret)"
    },
    {"api.rate-limit-per-second", "20", "requests per second one peer address may sustain"},
    {"api.rate-limit-burst", "60", "requests one peer address may send at once"},
    {
      "api.authenticated-rate-limit-per-second",
      "200",
      "requests per second a client with a valid token may sustain"
    },
    {"api.authenticated-rate-limit-burst", "1000", "requests such a client may send at once"},
    {"http.max-json-depth", "32", "deepest nesting of arrays and objects in a JSON request"},
    {"http.max-json-string", "65536", "longest string in a JSON request, in characters"},
    {
      "node.lease-ttl",
      "PT15S",
      "leader lease time to live: of the nodes sharing a database, the holder anchors; renewed"
          + " every third of it, taken over by another node once it expires"
    },
    {
      "http.max-attestation-bytes",
      "16777216",
      "largest POST /v1/attestations body (knn-shapley evidence at d=384 is about 0.8 KB a work)"
    },
    {
      "api.metrics-token",
      "",
      "bearer token GET /metrics then requires (the admin token also works); empty: /metrics is"
          + " open (secret)"
    },
    {"log.format", "text", "log lines: text (readable) or json (one JSON object per line)"},
    {
      "node.shutdown-timeout",
      "PT30S",
      "how long a stop waits for requests in flight and the workers' current step"
    },
  };

  public NodeConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigException("port must be 0 to 65535, not " + port);
    }
    if (rpcUrl.isPresent() && (registryAddress.isEmpty() || anchorerKey.isEmpty())) {
      throw new ConfigException(
          "chain.rpc-url is set, so chain.registry and chain.anchorer-key are required too"
              + " (AIRM_CHAIN_REGISTRY, AIRM_CHAIN_ANCHORER_KEY)");
    }
    if (rpcUrl.isPresent()
        && (attestationsAddress.isEmpty()
            || distributorAddress.isEmpty()
            || operatorKey.isEmpty())) {
      throw new ConfigException(
          "chain.rpc-url is set, so chain.usage-attestations, chain.reward-distributor and"
              + " chain.operator-key are required too");
    }
    for (var key : List.of(anchorerKey, operatorKey, adminKey)) {
      if (key.isPresent() && !key.get().matches("(0x)?[0-9a-fA-F]{64}")) {
        throw new ConfigException(
            "chain.anchorer-key, chain.operator-key and chain.admin-key must be 32 bytes of hex");
      }
    }
    if (settleThreads < 1) {
      throw new ConfigException("settle.threads must be at least 1, not " + settleThreads);
    }
    if (confirmations < 1) {
      throw new ConfigException("anchor.confirmations must be at least 1, not " + confirmations);
    }
    if (leaseTtl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException("node.lease-ttl must be at least PT1S, not " + leaseTtl);
    }
    if (maxUploadBytes < 1 || maxJsonBytes < 1024) {
      throw new ConfigException(
          "http.max-upload-bytes must be positive and http.max-json-bytes at least 1024");
    }
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new ConfigException("log.format must be text or json, not '" + logFormat + "'");
    }
    if (shutdownTimeout.isNegative() || shutdownTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException(
          "node.shutdown-timeout must be PT0S to PT10M, not " + shutdownTimeout);
    }
    if (maxAttestationBytes < 1024) {
      throw new ConfigException(
          "http.max-attestation-bytes must be at least 1024, not " + maxAttestationBytes);
    }
  }

  /** Reads and validates the configuration from {@code source}. */
  public static NodeConfig from(ConfigSource source) {
    return new NodeConfig(
        source.get("host").orElse("127.0.0.1"),
        integer(source, "port", 8080),
        source.get("data.dir").map(NodeConfig::expandHome).orElse(expandHome("~/.airm")),
        source.get("db.url"),
        source.get("db.user").orElse("sa"),
        source.get("db.password").orElse(""),
        source.get("chain.rpc-url"),
        source.get("chain.registry").map(v -> address("chain.registry", v)),
        integer(source, "chain.deployment-block", 0),
        source.get("chain.anchorer-key"),
        duration(source, "anchor.interval", Duration.ofSeconds(2)),
        duration(source, "anchor.poll-interval", Duration.ofMillis(200)),
        (int) integer(source, "anchor.confirmations", 2),
        duration(source, "chain.block-time", Duration.ofSeconds(1)),
        integer(source, "http.max-upload-bytes", 64L * 1024 * 1024),
        integer(source, "http.max-json-bytes", 256L * 1024),
        source.get("ipfs.kubo-url").map(v -> uri("ipfs.kubo-url", v)),
        bool(source, "ipfs.pin-works", true),
        source.get("chain.usage-attestations").map(v -> address("chain.usage-attestations", v)),
        source.get("chain.reward-distributor").map(v -> address("chain.reward-distributor", v)),
        source.get("chain.operator-key"),
        source.get("chain.admin-key"),
        duration(source, "settle.interval", Duration.ofMillis(500)),
        integer(source, "settle.threads", 2),
        duration(source, "chain.challenge-window", Duration.ofSeconds(10)),
        ApiConfig.from(source),
        duration(source, "node.lease-ttl", Duration.ofSeconds(15)),
        integer(source, "http.max-attestation-bytes", 16L * 1024 * 1024),
        source.get("log.format").orElse("text"),
        duration(source, "node.shutdown-timeout", Duration.ofSeconds(30)));
  }

  private static java.net.URI uri(String key, String value) {
    try {
      java.net.URI uri = new java.net.URI(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new ConfigException(key + " must be an http(s) URL, not '" + value + "'");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(key + " is not a URL: '" + value + "'");
    }
  }

  private static boolean bool(ConfigSource source, String key, boolean fallback) {
    Optional<String> value = source.get(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (!value.get().equals("true") && !value.get().equals("false")) {
      throw new ConfigException(key + " must be true or false, not '" + value.get() + "'");
    }
    return Boolean.parseBoolean(value.get());
  }

  private static Path expandHome(String path) {
    return path.startsWith("~/")
        ? Paths.get(System.getProperty("user.home")).resolve(path.substring(2))
        : Paths.get(path);
  }

  private static int integer(ConfigSource source, String key, int fallback) {
    return (int) integer(source, key, (long) fallback);
  }

  static long integer(ConfigSource source, String key, long fallback) {
    Optional<String> value = source.get(key);
    try {
      return value.map(Long::parseLong).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be an integer, not '" + value.get() + "'");
    }
  }

  private static Duration duration(ConfigSource source, String key, Duration fallback) {
    Optional<String> value = source.get(key);
    try {
      return value.map(Duration::parse).orElse(fallback);
    } catch (RuntimeException e) {
      throw new ConfigException(
          key + " must be an ISO-8601 duration such as PT2S, not '" + value.get() + "'");
    }
  }

  private static Address address(String key, String value) {
    try {
      return Address.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  /** The folder of the embedded H2 database. */
  public Path databaseDir() {
    return dataDir.resolve("db");
  }

  /** The folder of the embedded block store. */
  public Path blocksDir() {
    return dataDir.resolve("blocks");
  }

  /** The folder of the local chain. */
  public Path chainDir() {
    return dataDir.resolve("chain");
  }

  /** Where the transaction pipelines keep their journals. */
  public Path journalDir() {
    return dataDir.resolve("journal");
  }

  /** Where uploads are spooled while they are checked. */
  public Path spoolDir() {
    return dataDir.resolve("spool");
  }

  @Override
  public String toString() {
    // the key and the password never reach a log
    return "NodeConfig[host="
        + host
        + ", port="
        + port
        + ", dataDir="
        + dataDir
        + ", db="
        + jdbcUrl.orElse("embedded H2")
        + ", chain="
        + rpcUrl.orElse("local anvil")
        + ", registry="
        + registryAddress.map(Address::value).orElse("-")
        + ", anchorInterval="
        + anchorInterval
        + ", confirmations="
        + confirmations
        + ", ipfs="
        + kuboUrl.map(Object::toString).orElse("embedded block store")
        + ", api="
        + api
        + ", leaseTtl="
        + leaseTtl
        + ", logFormat="
        + logFormat
        + ", shutdownTimeout="
        + shutdownTimeout
        + "]";
  }
}
