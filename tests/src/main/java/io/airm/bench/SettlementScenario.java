package io.airm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.UsageAttestationsContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.Receipt;
import io.airm.localchain.DevAccounts;
import io.airm.node.RegistryNode;
import io.airm.node.api.WireFormat;
import io.airm.node.cli.AirmCommand;
import io.airm.node.client.AttestationSigner;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settlement workflow on a local node, as the benchmarks drive it: a node on its defaults
 * (embedded H2, block store, local anvil) except the settings a benchmark must make; works
 * registered with their content by many creators; the attester role granted; then, timed, an
 * attestation, a pool funded from the company's wallet, and its settlement up to {@code claimable}.
 */
final class SettlementScenario implements AutoCloseable {
  /** Anvil dev account 0: the contracts' admin (grants the attester role). */
  static final String ADMIN = DevAccounts.key(0);

  /** Anvil dev account 6: the AI company that attests and funds. */
  static final String COMPANY = DevAccounts.key(6);

  private static final Duration POLL = Duration.ofMillis(50);

  private final RegistryNode node;
  private final RegistryClient client;
  private final ChainClient chain;
  private final String operatorToken;
  private final Map<String, String> settings;

  private SettlementScenario(
      RegistryNode node, ChainClient chain, String operatorToken, Map<String, String> settings) {
    this.node = node;
    this.client = new RegistryClient(node.url());
    this.chain = chain;
    this.operatorToken = operatorToken;
    this.settings = settings;
  }

  /**
   * Starts a node under {@code dataDir} with its defaults, except: a free port, the challenge
   * window given (part of every attestation-to-claimable figure), an operator token for {@code POST
   * /v1/pools/{id}/settle}, and per-peer rate limits lifted for the one loopback client.
   */
  static SettlementScenario start(Path dataDir, Duration challengeWindow) {
    String token = "bench-" + HexFormat.of().formatHex(sha256("operator " + System.nanoTime()));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("data.dir", dataDir.toString());
    settings.put("port", "0");
    settings.put("chain.challenge-window", challengeWindow.toString());
    // The API branch makes settle require this token and adds per-peer rate limits; the keys are
    // ignored by the node until then (ConfigSource reads only the keys NodeConfig asks for).
    settings.put("api.operator-token", token);
    settings.put("api.rate-limit-per-second", "1000000");
    settings.put("api.rate-limit-burst", "1000000");
    RegistryNode node =
        RegistryNode.start(NodeConfig.from(ConfigSource.of(settings, Optional.empty())));
    try {
      return new SettlementScenario(node, ChainClient.connect(node.rpcUrl()), token, settings);
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /** The node's settings that differ from its defaults (the token masked). */
  ObjectNode settings() {
    ObjectNode json = WireFormat.JSON.createObjectNode();
    settings.forEach(
        (k, v) ->
            json.put(
                k,
                k.equals("api.operator-token")
                    ? "(set)"
                    : k.equals("data.dir") ? "(temporary)" : v));
    return json;
  }

  RegistryNode node() {
    return node;
  }

  RegistryClient client() {
    return client;
  }

  /** A deterministic creator key: SHA-256 of a label and the index. */
  static WorkSigner creator(int index) {
    return new WorkSigner("0x" + HexFormat.of().formatHex(sha256("airm-bench creator " + index)));
  }

  /** Grants the company ATTESTER_ROLE with the admin key, through {@code airm attester grant}. */
  void grantAttester() {
    String out =
        airm(
            "attester",
            "grant",
            new AttestationSigner(COMPANY).address().value(),
            "--key",
            ADMIN,
            "--node",
            node.url());
    System.out.print(out);
  }

  /** A work to register: who signs it, its text, its metadata and its topic. */
  record Draft(WorkSigner creator, String text, Optional<String> metadata, int topic) {}

  /** A registered work. */
  record Registered(Bytes32 workId, long logIndex, int topic) {}

  /**
   * Registers the drafts with their content: texts written to {@code dir}, signed and uploaded on
   * {@code threads} threads. Answers in draft order.
   */
  List<Registered> register(List<Draft> drafts, Path dir, int threads) throws Exception {
    Files.createDirectories(dir);
    var domain = client.domain();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Registered>> futures = new ArrayList<>();
      for (int i = 0; i < drafts.size(); i++) {
        Draft draft = drafts.get(i);
        Path file = dir.resolve("work-" + i + ".md");
        futures.add(
            pool.submit(
                () -> {
                  Files.writeString(file, draft.text(), StandardCharsets.UTF_8);
                  WorkSigner.Signed signed =
                      draft
                          .creator()
                          .signFile(
                              file,
                              domain,
                              "CC-BY-4.0",
                              true,
                              draft.metadata(),
                              List.of(),
                              Duration.ofHours(12));
                  RegistryClient.Answer answer =
                      client.register(
                          signed.registration(),
                          signed.signature(),
                          draft.metadata(),
                          Optional.of(file));
                  if (answer.status() != 202) {
                    throw new IllegalStateException(
                        "registration refused: " + answer.status() + " " + answer.body());
                  }
                  Files.delete(file);
                  return new Registered(
                      signed.workId(), answer.body().path("logIndex").asLong(), draft.topic());
                }));
      }
      List<Registered> registered = new ArrayList<>();
      for (Future<Registered> future : futures) {
        registered.add(future.get());
      }
      return registered;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until the work with the highest log index, hence every earlier one, is final. */
  void awaitFinal(List<Registered> works, Duration timeout) throws InterruptedException {
    Registered last = works.get(0);
    for (Registered w : works) {
      if (w.logIndex() > last.logIndex()) {
        last = w;
      }
    }
    await(
        "/v1/works/" + last.workId().hex(),
        w -> w.path("state").asText().equals("final"),
        w -> false,
        timeout);
  }

  /**
   * An {@code airm-evidence/1} document over {@code works}: knn-shapley with each work's int8
   * embedding near its topic's centroid, its topic as label, and {@code probes} labelled probes
   * drawn the same way (one label in ten wrong, as a model's outputs would have some).
   */
  static ObjectNode evidence(List<Registered> works, int probes, int dims, long seed) {
    Random random = new Random(seed);
    ObjectNode evidence = WireFormat.JSON.createObjectNode();
    evidence.put("format", "airm-evidence/1");
    ArrayNode ids = evidence.putArray("works");
    works.stream().map(w -> w.workId().hex()).sorted().forEach(ids::add);
    ObjectNode influence = evidence.putObject("influence");
    influence.put("method", "knn-shapley");
    Map<String, String> embeddings = new TreeMap<>();
    Map<String, Integer> labels = new TreeMap<>();
    Base64.Encoder base64 = Base64.getEncoder();
    for (Registered work : works) {
      embeddings.put(
          work.workId().hex(), base64.encodeToString(Corpus.embedding(random, work.topic(), dims)));
      labels.put(work.workId().hex(), work.topic());
    }
    ObjectNode e = influence.putObject("embeddings");
    embeddings.forEach(e::put);
    ObjectNode l = influence.putObject("labels");
    labels.forEach(l::put);
    ArrayNode list = influence.putArray("probes");
    for (int i = 0; i < probes; i++) {
      int topic = random.nextInt(Corpus.TOPICS);
      ObjectNode probe = list.addObject();
      probe.put("id", String.format("probe-%04d", i));
      probe.put("embedding", base64.encodeToString(Corpus.embedding(random, topic, dims)));
      probe.put("label", random.nextInt(10) == 0 ? random.nextInt(Corpus.TOPICS) : topic);
    }
    return evidence;
  }

  /** Signs the company's next attestation of the evidence's works (not timed). */
  AttestationSigner.Signed signAttestation(ObjectNode evidence) {
    var attestations =
        new UsageAttestationsContract(
            chain,
            Address.parse(
                client
                    .registryInfo()
                    .path("attestationDomain")
                    .path("verifyingContract")
                    .asText()));
    AttestationSigner company = new AttestationSigner(COMPANY);
    return company.sign(
        Bytes32.parse("0x" + "b5".repeat(32)),
        "bench-model 2026-11",
        evidence,
        attestations.nonce(company.address()),
        Duration.ofHours(1),
        client.attestationDomain());
  }

  /** The instants (seconds after the attestation's POST) and figures of one timed settlement. */
  record Timeline(
      double attestationAnswered,
      double attestationRecorded,
      double poolFunded,
      double poolIndexed,
      double settleAnswered,
      double valued,
      double posted,
      double claimable,
      BigInteger poolId,
      JsonNode settlement,
      ObjectNode gas) {

    /** The phases, each as seconds from the end of the one before. */
    ObjectNode phases() {
      ObjectNode json = WireFormat.JSON.createObjectNode();
      json.put("attestationRecorded", round(attestationRecorded));
      json.put("poolCreatedFundedAndIndexed", round(poolIndexed - attestationRecorded));
      json.put("valuedAndPosted", round(posted - poolIndexed));
      json.put("challengeWindow", round(claimable - posted));
      return json;
    }

    /** The finer steps inside the phases, as seconds since the attestation's POST. */
    ObjectNode instants() {
      ObjectNode json = WireFormat.JSON.createObjectNode();
      json.put("attestationAnswered202", round(attestationAnswered));
      json.put("attestationRecorded", round(attestationRecorded));
      json.put("poolCreatedAndFundedTxsMined", round(poolFunded));
      json.put("poolIndexedByNode", round(poolIndexed));
      json.put("settleAnswered", round(settleAnswered));
      json.put("valuedStatePosting", round(valued));
      json.put("distributionOnChainStatePosted", round(posted));
      json.put("claimable", round(claimable));
      return json;
    }
  }

  /**
   * The timed section: {@code POST /v1/attestations} → recorded on chain → pool created and funded
   * in ETH from the company's wallet ({@code airm pool fund}) → indexed by the node → {@code POST
   * /v1/pools/{id}/settle} with the operator token → {@code claimable}. Polls every 50 ms.
   */
  Timeline settle(AttestationSigner.Signed signed, BigInteger wei, Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    RegistryClient.Answer answer = client.attest(signed);
    double answered = since(start);
    if (answer.status() != 202) {
      throw new IllegalStateException(
          "POST /v1/attestations answered " + answer.status() + ": " + answer.body());
    }
    JsonNode recorded =
        await(
            "/v1/attestations/" + signed.id().hex(),
            a -> a.path("state").asText().equals("recorded"),
            a -> a.path("state").asText().equals("failed"),
            timeout);
    double recordedAt = since(start);

    String out =
        airm(
            "pool",
            "fund",
            "--attestation",
            recorded.path("chainAttestationId").asText(),
            "--amount",
            wei.toString(),
            "--key",
            COMPANY,
            "--node",
            node.url());
    double fundedAt = since(start);
    System.out.print(out);
    Matcher created = Pattern.compile("Created pool (\\d+) in (0x[0-9a-f]{64})").matcher(out);
    Matcher funded = Pattern.compile("Funded pool \\d+ with \\d+ in (0x[0-9a-f]{64})").matcher(out);
    if (!created.find() || !funded.find()) {
      throw new IllegalStateException("airm pool fund did not report its transactions: " + out);
    }
    BigInteger poolId = new BigInteger(created.group(1));
    String pool = "/v1/pools/" + poolId;
    await(pool, p -> p.path("funded").asText().equals(wei.toString()), p -> false, timeout);
    double indexedAt = since(start);

    RegistryClient.Answer settle = client.settle(poolId, Optional.of(operatorToken));
    double settleAt = since(start);
    if (settle.status() != 202 && settle.status() != 200) {
      throw new IllegalStateException(
          "POST " + pool + "/settle answered " + settle.status() + ": " + settle.body());
    }
    double valuedAt = -1;
    double postedAt = -1;
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      RegistryClient.Answer a = client.getAnswer(pool);
      last = a.body();
      String state = last.path("settlement").path("state").asText();
      double now = since(start);
      if (state.equals("failed") || state.equals("challenged")) {
        throw new IllegalStateException("The settlement stopped: " + last);
      }
      if (valuedAt < 0 && List.of("posting", "posted", "claimable").contains(state)) {
        valuedAt = now;
      }
      if (postedAt < 0 && List.of("posted", "claimable").contains(state)) {
        postedAt = now;
      }
      if (state.equals("claimable")) {
        ObjectNode gas = WireFormat.JSON.createObjectNode();
        gas.put("attestBySig", gas(recorded.path("txHash").asText()));
        gas.put("createPool", gas(created.group(2)));
        gas.put("fund", gas(funded.group(1)));
        gas.put("postDistribution", gas(last.path("settlement").path("txHash").asText()));
        return new Timeline(
            answered,
            recordedAt,
            fundedAt,
            indexedAt,
            settleAt,
            valuedAt,
            postedAt,
            now,
            poolId,
            last.path("settlement"),
            gas);
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IllegalStateException(pool + " was not claimable within " + timeout + "; " + last);
  }

  private long gas(String txHash) {
    return chain.receipt(Bytes32.parse(txHash)).map(Receipt::gasUsed).orElse(-1L);
  }

  /** Polls {@code path} until {@code done}; {@code failed} or the timeout is an exception. */
  JsonNode await(
      String path, Predicate<JsonNode> done, Predicate<JsonNode> failed, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    RegistryClient.Answer last = null;
    while (System.nanoTime() < deadline) {
      last = client.getAnswer(path);
      if (last.status() == 200 && done.test(last.body())) {
        return last.body();
      }
      if (last.status() == 200 && failed.test(last.body())) {
        throw new IllegalStateException(path + " failed: " + last.body());
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IllegalStateException(
        path
            + " did not reach the expected state within "
            + timeout
            + "; last: "
            + (last == null ? "-" : last.status() + " " + last.body()));
  }

  /** Runs an {@code airm} command in this process; its standard output, or an exception. */
  static String airm(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      code = AirmCommand.commandLine().execute(args);
    } finally {
      System.setOut(original);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    if (code != 0) {
      throw new IllegalStateException(
          "airm " + String.join(" ", args) + " exited " + code + ": " + text);
    }
    return text;
  }

  /** The machine the figures were taken on. */
  static ObjectNode machine() {
    ObjectNode json = WireFormat.JSON.createObjectNode();
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("cpu", procLine("/proc/cpuinfo", "model name"));
    json.put("memory", procLine("/proc/meminfo", "MemTotal"));
    json.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    json.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    json.put("loadAverageAtEnd", loadAverage());
    return json;
  }

  /**
   * The 1-, 5- and 15-minute load averages ({@code /proc/loadavg}): above the benchmark's own load,
   * they show other work sharing the cores while it ran.
   */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String procLine(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux: leave it unknown
    }
    return "unknown";
  }

  /** Writes {@code json} to {@code tests/target/bench/NAME} (from the repository root). */
  static Path write(String name, ObjectNode json) throws IOException {
    Path out = Path.of("tests/target/bench", name);
    Files.createDirectories(out.getParent());
    Files.writeString(out, json.toPrettyString() + "\n");
    return out.toAbsolutePath();
  }

  static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a benchmark's temporary folder (the node's database, blocks and chain). */
  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete " + dir + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    chain.close();
    node.close();
  }
}
