package io.airm.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Bytes32;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.localchain.DevAccounts;
import io.airm.node.RegistryNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Sustained signed registrations per second, with p50 and p99 latency, of one node on the embedded
 * anvil with its database on H2 (the embedded file database) and on PostgreSQL. N client threads
 * each POST one EIP-712-signed hash-only registration after another ({@code POST /v1/works}, a
 * closed loop); requests in the warm-up are not counted. The registrations are signed before the
 * clock starts, so the figures are the node's (signature recovery, the log append and its
 * transaction) and not the clients' signing; the anchoring worker runs as usual meanwhile.
 *
 * <p>Settings (system properties): {@code bench.backends} (default {@code h2,postgresql}), {@code
 * bench.clients} (comma-separated client counts, default {@code 1,16,64}), {@code bench.seconds}
 * (measured, default 30), {@code bench.warmup} (seconds, default 10), {@code bench.supply}
 * (registrations signed up front, default 60,000; every run starts from the same ones, each on an
 * empty database; should they run out, the measured window ends there). The machine's load average
 * is recorded beside each run. PostgreSQL is reached through {@code AIRM_PG_URL}, {@code
 * AIRM_PG_USER}, {@code AIRM_PG_PASSWORD} (as {@code tests/postgres/ensure-postgres.sh} exports
 * them); each run gets a fresh database, dropped after. Writes {@code
 * tests/target/bench/registrations.json}.
 */
public final class RegistrationBenchmark {
  private RegistrationBenchmark() {}

  /**
   * Signed request bodies, by EIP-712 domain: every run deploys the registry at the same address on
   * a fresh anvil, so one set of signatures serves every run.
   */
  private static final Map<Eip712Domain, List<String>> SIGNED = new HashMap<>();

  private record Settings(List<String> backends, int[] clients, int seconds, int warmup) {}

  private record Result(
      long ok, long failed, double perSecond, double measuredSeconds, long[] latenciesNanos) {}

  public static void main(String[] args) throws Exception {
    Settings settings =
        new Settings(
            List.of(System.getProperty("bench.backends", "h2,postgresql").split(",")),
            Arrays.stream(System.getProperty("bench.clients", "1,16,64").split(","))
                .mapToInt(Integer::parseInt)
                .toArray(),
            Integer.getInteger("bench.seconds", 30),
            Integer.getInteger("bench.warmup", 10));
    Path work = Files.createTempDirectory("airm-bench-registrations");
    ObjectNode result = WireFormat.JSON.createObjectNode();
    result.put("cores", Runtime.getRuntime().availableProcessors());
    result.put("java", System.getProperty("java.version"));
    result.put("windowSeconds", settings.seconds());
    result.put("warmupSeconds", settings.warmup());
    result.put(
        "setup",
        "one node (embedded anvil, block store, anchoring every 2 s) and the clients in one JVM;"
            + " hash-only registrations signed before the run; closed-loop clients");
    ArrayNode runs = result.putArray("runs");

    System.out.println(
        "backend    | clients | registrations/s | p50 ms | p99 ms | max ms | ok | failed | load");
    System.out.println(
        "---------- | ------- | --------------- | ------ | ------ | ------ | -- | ------ | ----");
    for (String backend : settings.backends()) {
      for (int clients : settings.clients()) {
        Path data = work.resolve(backend + "-" + clients);
        String loadBefore = loadAverage();
        Result r = runOne(backend.trim(), clients, settings, data, result);
        String loadAfter = loadAverage();
        long[] sorted = r.latenciesNanos().clone();
        Arrays.sort(sorted);
        ObjectNode run = runs.addObject();
        run.put("backend", backend.trim());
        run.put("clients", clients);
        run.put("registrationsPerSecond", round(r.perSecond()));
        run.put("p50Ms", round(percentile(sorted, 0.50) / 1e6));
        run.put("p99Ms", round(percentile(sorted, 0.99) / 1e6));
        run.put("maxMs", round(sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
        run.put("accepted", r.ok());
        run.put("failed", r.failed());
        run.put("measuredSeconds", round(r.measuredSeconds()));
        // other work on the machine takes cores from the node: the 1-minute load average says how
        // much
        run.put("loadAverageBefore", loadBefore);
        run.put("loadAverageAfter", loadAfter);
        System.out.printf(
            "%-10s | %7d | %15.1f | %6.2f | %6.2f | %6.1f | %d | %d | %s%n",
            backend.trim(),
            clients,
            r.perSecond(),
            percentile(sorted, 0.50) / 1e6,
            percentile(sorted, 0.99) / 1e6,
            sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
            r.ok(),
            r.failed(),
            loadAfter);
      }
    }
    Path out = Path.of("tests/target/bench/registrations.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, result.toPrettyString());
    System.out.println("figures written to " + out.toAbsolutePath());
    System.exit(0);
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static Result runOne(
      String backend, int clients, Settings settings, Path data, ObjectNode result)
      throws Exception {
    Map<String, String> config = new HashMap<>();
    config.put("data.dir", data.toString());
    config.put("port", "0");
    // the clients all share one loopback address: lift the per-peer rate limit for them
    config.put("api.rate-limit-per-second", "1000000");
    config.put("api.rate-limit-burst", "1000000");
    Optional<PostgresDatabase> postgres = Optional.empty();
    switch (backend) {
      case "h2" -> {}
      case "postgresql" -> {
        PostgresDatabase db = PostgresDatabase.create();
        postgres = Optional.of(db);
        config.put("db.url", db.url());
        config.put("db.user", db.user());
        config.put("db.password", db.password());
        result.put("postgresqlVersion", db.serverVersion());
      }
      default -> throw new IllegalArgumentException("unknown backend " + backend);
    }
    try (RegistryNode node =
        RegistryNode.start(NodeConfig.from(ConfigSource.of(config, Optional.empty())))) {
      RegistryClient probe = new RegistryClient(node.url());
      Eip712Domain domain = probe.domain();
      List<String> signed = SIGNED.get(domain);
      if (signed == null) {
        signed = sign(Integer.getInteger("bench.supply", 60_000), domain);
        SIGNED.put(domain, signed);
      }
      return load(node.url(), clients, new ConcurrentLinkedQueue<>(signed), settings);
    } finally {
      postgres.ifPresent(PostgresDatabase::drop);
    }
  }

  /** Signs {@code n} hash-only registrations of distinct random contents, on every core. */
  private static List<String> sign(int n, Eip712Domain domain) throws Exception {
    long start = System.nanoTime();
    List<WorkSigner> signers =
        IntStream.range(1, 9).mapToObj(i -> new WorkSigner(DevAccounts.key(i))).toList();
    ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int part = t;
      parts.add(
          pool.submit(
              () -> {
                Random random = new Random(part);
                byte[] content = new byte[64];
                for (int i = part; i < n; i += threads) {
                  random.nextBytes(content);
                  requests.add(request(signers.get(i % signers.size()), content, domain));
                }
                return null;
              }));
    }
    for (Future<?> part : parts) {
      part.get();
    }
    pool.shutdown();
    System.err.printf("signed %,d registrations in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
    return List.copyOf(requests);
  }

  private static String request(WorkSigner signer, byte[] content, Eip712Domain domain) {
    ContentIdentity identity;
    try {
      identity = UnixFsImporter.identify(new ByteArrayInputStream(content));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] nonce = new byte[16];
    new Random().nextBytes(nonce);
    WorkRegistration registration =
        new WorkRegistration(
            signer.address(),
            Bytes32.parse("0x" + identity.sha256Hex()),
            identity.cidV1().toString(),
            Bytes32.ZERO,
            "CC-BY-4.0",
            true,
            List.of(),
            new BigInteger(1, nonce),
            BigInteger.valueOf(Instant.now().plus(Duration.ofHours(2)).getEpochSecond()));
    WorkSigner.Signed signed = signer.sign(registration, domain);
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.set("registration", WireFormat.registration(registration));
    body.put("signature", signed.signature().toHex());
    return body.toString();
  }

  /**
   * N closed-loop clients for warm-up plus the measured window; counts only the requests sent and
   * answered within the window. Should the signed registrations run out first, the window ends
   * there (and the run says so).
   */
  private static Result load(
      String url, int clients, ConcurrentLinkedQueue<String> requests, Settings settings)
      throws Exception {
    long warmupEnds = System.nanoTime() + Duration.ofSeconds(settings.warmup()).toNanos();
    long ends = warmupEnds + Duration.ofSeconds(settings.seconds()).toNanos();
    AtomicLong exhaustedAt = new AtomicLong(Long.MAX_VALUE);
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[][]>> timings = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      timings.add(
          pool.submit(
              () -> {
                RegistryClient client = new RegistryClient(url);
                long[] sentAt = new long[1024];
                long[] doneAt = new long[1024];
                int count = 0;
                start.await();
                while (System.nanoTime() < ends) {
                  String body = requests.poll();
                  if (body == null) {
                    exhaustedAt.accumulateAndGet(System.nanoTime(), Math::min);
                    break;
                  }
                  long sent = System.nanoTime();
                  RegistryClient.Answer answer = client.postJson("v1/works", body);
                  long done = System.nanoTime();
                  if (answer.status() != 202) {
                    if (sent >= warmupEnds && failed.incrementAndGet() <= 3) {
                      System.err.println("refused (" + answer.status() + "): " + answer.body());
                    }
                    continue;
                  }
                  if (count == sentAt.length) {
                    sentAt = Arrays.copyOf(sentAt, count * 2);
                    doneAt = Arrays.copyOf(doneAt, count * 2);
                  }
                  sentAt[count] = sent;
                  doneAt[count++] = done;
                }
                return new long[][] {Arrays.copyOf(sentAt, count), Arrays.copyOf(doneAt, count)};
              }));
    }
    start.countDown();
    List<long[][]> all = new ArrayList<>();
    for (Future<long[][]> future : timings) {
      all.add(future.get());
    }
    pool.shutdown();
    long windowEnds = Math.min(ends, exhaustedAt.get());
    if (windowEnds - warmupEnds < Duration.ofSeconds(5).toNanos()) {
      throw new IllegalStateException(
          "the clients used up the signed registrations during the warm-up; raise bench.supply");
    }
    List<Long> latencies = new ArrayList<>();
    for (long[][] client : all) {
      for (int i = 0; i < client[0].length; i++) {
        if (client[0][i] >= warmupEnds && client[1][i] <= windowEnds) {
          latencies.add(client[1][i] - client[0][i]);
        }
      }
    }
    double seconds = (windowEnds - warmupEnds) / 1e9;
    return new Result(
        latencies.size(),
        failed.get(),
        latencies.size() / seconds,
        seconds,
        latencies.stream().mapToLong(Long::longValue).toArray());
  }

  /** A fresh PostgreSQL database for one run, on the server the ensure script provides. */
  private record PostgresDatabase(String adminUrl, String url, String user, String password) {
    static PostgresDatabase create() {
      String admin = env("AIRM_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
      String user = env("AIRM_PG_USER", "airm");
      String password = env("AIRM_PG_PASSWORD", "airm");
      byte[] random = new byte[6];
      new Random().nextBytes(random);
      String name = "airm_bench_" + HexFormat.of().formatHex(random);
      PostgresDatabase db =
          new PostgresDatabase(
              admin, admin.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), user, password);
      db.execute(
          "CREATE DATABASE "
              + name
              + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
      return db;
    }

    private static String env(String name, String fallback) {
      String value = System.getenv(name);
      return value == null || value.isBlank() ? fallback : value;
    }

    String name() {
      return url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
    }

    String serverVersion() {
      try (Connection connection = DriverManager.getConnection(adminUrl, user, password)) {
        return connection.getMetaData().getDatabaseProductVersion();
      } catch (SQLException e) {
        return "unknown";
      }
    }

    void drop() {
      execute("DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)");
    }

    private void execute(String sql) {
      try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "PostgreSQL at "
                + adminUrl
                + " refused '"
                + sql
                + "': "
                + e.getMessage()
                + " (run tests/postgres/ensure-postgres.sh)",
            e);
      }
    }
  }
}
