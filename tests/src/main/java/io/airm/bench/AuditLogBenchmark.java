package io.airm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Bytes32;
import io.airm.localchain.DevAccounts;
import io.airm.node.RegistryNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import io.airm.node.domain.NewWork;
import io.airm.node.domain.RegistrationService;
import io.airm.node.storage.JdbcWorkStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Seconds for {@code airm audit log} to replay a log of 100,000 registrations anchored in a handful
 * of checkpoints, end to end: a separate JVM, as an auditor runs it, against a node and anvil on
 * the same machine.
 *
 * <p>The registrations are really signed (in parallel, by four creators) and stored through the
 * node's own {@link JdbcWorkStore}, which writes each with its log leaf as {@code POST /v1/works}
 * does; the node then anchors them batch by batch. Prints the figures and writes them to {@code
 * tests/target/bench/audit-log.json}. Arguments: [works=100000] [checkpoints=5] [threads=cores].
 */
public final class AuditLogBenchmark {
  private static final int CHUNK = 5_000;

  private AuditLogBenchmark() {}

  public static void main(String[] args) throws Exception {
    int works = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int checkpoints = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : cores();
    Path data = Files.createTempDirectory("airm-audit-bench");
    ObjectNode result = WireFormat.JSON.createObjectNode();
    try (RegistryNode node =
        RegistryNode.start(
            NodeConfig.from(
                ConfigSource.of(
                    Map.of(
                        "data.dir", data.toString(),
                        "port", "0",
                        // anchored only when the benchmark says so, one checkpoint per batch
                        "anchor.interval", "PT1H",
                        "anchor.poll-interval", "PT0.1S",
                        "chain.block-time", "PT0.5S"),
                    Optional.empty())))) {
      RegistryClient client = new RegistryClient(node.url());
      JdbcWorkStore store = new JdbcWorkStore(node.database().orElseThrow());
      List<WorkSigner> creators = new ArrayList<>();
      for (int k = 1; k <= 4; k++) {
        creators.add(new WorkSigner(DevAccounts.key(k)));
      }

      long setupStart = System.nanoTime();
      double signingSeconds = 0;
      double storingSeconds = 0;
      for (int batch = 0; batch < checkpoints; batch++) {
        int from = (int) ((long) works * batch / checkpoints);
        int to = (int) ((long) works * (batch + 1) / checkpoints);
        for (int chunk = from; chunk < to; chunk += CHUNK) {
          int end = Math.min(to, chunk + CHUNK);
          long t0 = System.nanoTime();
          List<NewWork> signed =
              IntStream.range(chunk, end)
                  .parallel()
                  .mapToObj(n -> newWork(creators.get(n % creators.size()), node.domain(), n))
                  .toList();
          long t1 = System.nanoTime();
          signed.forEach(store::insert);
          signingSeconds += (t1 - t0) / 1e9;
          storingSeconds += (System.nanoTime() - t1) / 1e9;
        }
        awaitFinalCheckpoint(node, client, to);
        System.out.printf(
            "%,d registrations signed, stored and anchored in %d checkpoint(s), %.0f s so far%n",
            to, batch + 1, (System.nanoTime() - setupStart) / 1e9);
      }
      result.put("works", works);
      result.put("checkpoints", checkpoints);
      result.put("signingSeconds", round(signingSeconds));
      result.put("storingSeconds", round(storingSeconds));

      // the audit, as an auditor runs it: its own JVM, its own view of the chain
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              "io.airm.node.cli.AirmCommand",
              "audit",
              "log",
              "--rpc",
              node.rpcUrl(),
              "--node",
              node.url(),
              "--threads",
              Integer.toString(threads));
      String loadBefore = loadAverage();
      long start = System.nanoTime();
      Process audit =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      // the audit's own CPU time, read while it runs (the figure the machine's other load leaves
      // alone); its last reading is within a few hundred milliseconds of the total
      AtomicReference<Duration> cpu = new AtomicReference<>(Duration.ZERO);
      Thread sampler =
          new Thread(
              () -> {
                while (audit.isAlive()) {
                  audit.toHandle().info().totalCpuDuration().ifPresent(cpu::set);
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.start();
      String verdict;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(audit.getInputStream(), StandardCharsets.UTF_8))) {
        verdict = String.join("\n", out.lines().toList());
      }
      int code = audit.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      sampler.join();
      String loadAfter = loadAverage();
      System.out.println(verdict);
      if (code != 0) {
        throw new IllegalStateException("airm audit log exited " + code);
      }
      result.put("auditThreads", threads);
      result.put("auditSeconds", round(seconds));
      result.put("leavesPerSecond", Math.round(works / seconds));
      result.put("auditCpuSeconds", round(cpu.get().toMillis() / 1000.0));
      result.put("loadAverageBefore", loadBefore);
      result.put("loadAverageAfter", loadAfter);
      result.put("auditVerdict", verdict);
      result.put("machine", machine());
      System.out.printf(
          "%nairm audit log of %,d leaves and %d checkpoints, end to end (a new JVM, %d threads):"
              + " %.1f s, %,.0f leaves/s, %.1f s of CPU, on %s; load average %s before, %s"
              + " after%n",
          works,
          checkpoints,
          threads,
          seconds,
          works / seconds,
          cpu.get().toMillis() / 1000.0,
          machine(),
          loadBefore,
          loadAfter);
    }
    Path out = Path.of("tests/target/bench/audit-log.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, result.toPrettyString());
    System.out.println("figures written to " + out.toAbsolutePath());
    System.exit(0);
  }

  /** Registration {@code n}, signed: every tenth cites a parent, so the batched reads meet some. */
  private static NewWork newWork(WorkSigner creator, Eip712Domain domain, int n) {
    List<Bytes32> parents =
        n % 10 == 9
            ? List.of(RegistrationService.sha256(("parent " + n).getBytes(StandardCharsets.UTF_8)))
            : List.of();
    WorkRegistration registration =
        new WorkRegistration(
            creator.address(),
            RegistrationService.sha256(("benchmark work " + n).getBytes(StandardCharsets.UTF_8)),
            "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
            Bytes32.ZERO,
            n % 2 == 0 ? "CC-BY-4.0" : "CC0-1.0",
            n % 3 != 0,
            parents,
            BigInteger.valueOf(n),
            BigInteger.valueOf(4_000_000_000L));
    WorkSigner.Signed signed = creator.sign(registration, domain);
    return new NewWork(
        signed.workId(), registration, signed.signature(), Optional.empty(), false, Instant.now());
  }

  /** Anchors the log now and waits until the checkpoint of {@code size} leaves is final. */
  private static void awaitFinalCheckpoint(RegistryNode node, RegistryClient client, long size)
      throws InterruptedException {
    for (int attempt = 0; attempt < 1200; attempt++) {
      node.anchorNow();
      JsonNode checkpoint = client.logHead().get("latestCheckpoint");
      if (checkpoint != null
          && checkpoint.get("treeSize").asLong() == size
          && checkpoint.get("status").asText().equals("final")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the checkpoint of " + size + " leaves was not final in 2 min");
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (Exception e) {
      // not Linux: the core count still says what matters
    }
    return cores()
        + " cores ("
        + cpu
        + "), "
        + Runtime.version()
        + ", "
        + System.getProperty("os.name");
  }

  /** The 1, 5 and 15 minute load averages: how busy the machine was besides the benchmark. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }
}
