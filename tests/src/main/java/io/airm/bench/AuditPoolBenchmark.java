package io.airm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.WorkSigner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Seconds for {@code airm audit pool} of a pool of {@code allocations} allocations, run as its own
 * JVM through {@code ./airm} (the built {@code registry-node/target/airm.jar}), as an auditor runs
 * it: the chain through the node's anvil RPC, IPFS through the node's trustless gateway.
 *
 * <p>Set-up, not timed but reported: a node on its defaults with a 10 s challenge window; {@code
 * allocations} short texts (300 to 800 bytes) by as many creators, one work each, with
 * deterministic keys (so every work is its own payee); the attestation of all of them (knn-shapley,
 * int8 d=384, 100 probes), a pool of 1 ETH, settled through the node up to {@code claimable}.
 * Writes {@code tests/target/bench/audit-pool.json}.
 *
 * <p>The audit runs {@code runs} times against the same pool, each a fresh JVM; the median run is
 * the figure, every run is in the JSON.
 *
 * <p>Usage: {@code AuditPoolBenchmark [allocations=10000] [runs=3] [seed=2]}
 */
public final class AuditPoolBenchmark {
  private static final int DIMS = 384;
  private static final int PROBES = 100;
  private static final BigInteger POOL_WEI = new BigInteger("1000000000000000000");
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final Pattern VERIFIED =
      Pattern.compile("VERIFIED pool \\d+: (\\d+) works, (\\d+) allocations, ([0-9.]+) s");

  private AuditPoolBenchmark() {}

  /**
   * One run of the audit.
   *
   * @param seconds wall time of the process
   * @param reported the seconds the command reports itself (after JVM start-up)
   * @param works works the command verified
   * @param allocations allocations it recomputed
   * @param steps when each check passed, in seconds since the process started
   */
  private record Audit(
      double seconds, double reported, long works, long allocations, ObjectNode steps) {}

  /** Runs the audit command and reads its verdict; anything but VERIFIED is an exception. */
  private static Audit audit(List<String> command) throws Exception {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    ObjectNode steps = WireFormat.JSON.createObjectNode();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.append(line).append('\n');
        double at = SettlementScenario.round(SettlementScenario.since(start));
        if (line.startsWith("ok    ")) {
          // when each check passed; "work" is the last of the per-work checks
          steps.put(line.substring(6, line.indexOf(':')), at);
        }
        if (System.getenv("BENCH_TRACE") != null) {
          System.out.printf("%8.2f %s%n", at, line);
        }
        if (line.startsWith("VERIFIED") || line.startsWith("NOT VERIFIED")) {
          System.out.println(line);
        }
      }
    }
    int exit = process.waitFor();
    double seconds = SettlementScenario.since(start);
    Matcher verified = VERIFIED.matcher(output);
    if (exit != 0 || !verified.find()) {
      throw new IllegalStateException("airm audit pool exited " + exit + ":\n" + output);
    }
    return new Audit(
        seconds,
        Double.parseDouble(verified.group(3)),
        Long.parseLong(verified.group(1)),
        Long.parseLong(verified.group(2)),
        steps);
  }

  public static void main(String[] args) throws Exception {
    int works = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 2;
    Path dir = Files.createTempDirectory("airm-bench-audit");
    int code = 0;
    String loadAtStart = SettlementScenario.loadAverage(); // before the node starts
    try (SettlementScenario scenario = SettlementScenario.start(dir.resolve("node"), WINDOW)) {
      long setupStart = System.nanoTime();
      scenario.grantAttester();

      System.out.printf("deriving %,d creator keys...%n", works);
      List<WorkSigner> creators =
          IntStream.range(0, works).parallel().mapToObj(SettlementScenario::creator).toList();
      Random random = new Random(seed);
      List<SettlementScenario.Draft> drafts = new ArrayList<>();
      long textBytes = 0;
      for (int i = 0; i < works; i++) {
        int topic = random.nextInt(Corpus.TOPICS);
        String text = Corpus.text(random, topic, 300, 800);
        textBytes += text.length();
        drafts.add(
            new SettlementScenario.Draft(
                creators.get(i), text, Optional.of("{\"mediaType\":\"text/markdown\"}"), topic));
      }
      System.out.printf(
          "registering %,d works by %,d creators (%.0f bytes on average)...%n",
          works, works, (double) textBytes / works);
      long registerStart = System.nanoTime();
      List<SettlementScenario.Registered> registered =
          scenario.register(drafts, dir.resolve("texts"), 4);
      double registerSeconds = SettlementScenario.since(registerStart);
      scenario.awaitFinal(registered, Duration.ofMinutes(30));
      double finalSeconds = SettlementScenario.since(registerStart);
      System.out.printf(
          "registered in %.1f s, all final after %.1f s; settling...%n",
          registerSeconds, finalSeconds);

      var signed =
          scenario.signAttestation(SettlementScenario.evidence(registered, PROBES, DIMS, seed));
      SettlementScenario.Timeline settled =
          scenario.settle(signed, POOL_WEI, Duration.ofMinutes(60));
      double setupSeconds = SettlementScenario.since(setupStart);
      long allocations = settled.settlement().path("leaves").asLong();
      System.out.printf(
          "pool %s claimable: %,d allocations; attestation to claimable %.1f s (phases %s)%n",
          settled.poolId(), allocations, settled.claimable(), settled.phases());

      JsonNode info = scenario.client().registryInfo();
      List<String> command =
          List.of(
              "bash",
              "airm",
              "audit",
              "pool",
              settled.poolId().toString(),
              "--rpc",
              scenario.node().rpcUrl(),
              "--ipfs",
              scenario.node().url(),
              "--registry",
              info.path("workRegistry").asText(),
              "--attestations",
              info.path("usageAttestations").asText(),
              "--distributor",
              info.path("rewardDistributor").asText());
      System.out.println("timing " + runs + " runs of: " + String.join(" ", command));
      List<Audit> audits = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        Audit audit = audit(command);
        System.out.printf("run %d: %.1f s%n", run, audit.seconds());
        audits.add(audit);
      }
      List<Audit> sorted = new ArrayList<>(audits);
      sorted.sort(Comparator.comparingDouble(Audit::seconds));
      Audit median = sorted.get(sorted.size() / 2);

      ObjectNode result = WireFormat.JSON.createObjectNode();
      result.put("benchmark", "airm audit pool");
      result.put("command", "bash tests/bench/audit-pool.sh " + works);
      result.put(
          "measured",
          "wall time of a separate JVM: ./airm (java -jar registry-node/target/airm.jar) audit"
              + " pool, JVM start-up included, --threads default (all cores)");
      result.put("auditCommand", String.join(" ", command.subList(1, command.size())));
      result.put("runs", runs);
      result.put("auditSecondsMedian", SettlementScenario.round(median.seconds()));
      result.put("auditSecondsMin", SettlementScenario.round(sorted.get(0).seconds()));
      result.put(
          "auditSecondsMax", SettlementScenario.round(sorted.get(sorted.size() - 1).seconds()));
      result.put("medianRunSecondsReportedByCommand", median.reported());
      result.set("medianRunStepsPassedAtSeconds", median.steps());
      ArrayNode all = result.putArray("allRunsSeconds");
      audits.forEach(a -> all.add(SettlementScenario.round(a.seconds())));
      result.put("works", median.works());
      result.put("allocations", median.allocations());
      result.put("creators", works);
      result.put("meanTextBytes", textBytes / works);
      result.put("embeddingDims", DIMS);
      result.put("probes", PROBES);
      result.put("attestationRequestBytes", SettlementBenchmark.requestBytes(signed));
      ObjectNode setup = result.putObject("setupSeconds");
      setup.put("registration", SettlementScenario.round(registerSeconds));
      setup.put("registrationToAllFinal", SettlementScenario.round(finalSeconds));
      setup.put("attestationToClaimable", SettlementScenario.round(settled.claimable()));
      setup.set("attestationToClaimablePhases", settled.phases());
      setup.put("total", SettlementScenario.round(setupSeconds));
      result.put("challengeWindowSeconds", WINDOW.toMillis() / 1000.0);
      result.set("gas", settled.gas());
      result.set("nodeSettings", scenario.settings());
      ObjectNode machine = SettlementScenario.machine();
      machine.put("loadAverageAtStart", loadAtStart);
      result.set("machine", machine);

      System.out.println();
      System.out.printf(
          "airm audit pool (separate JVM, start-up included), median of %d: %.1f s (min %.1f,"
              + " max %.1f) for %,d works, %,d allocations (the command reports %.1f s)%n",
          runs,
          median.seconds(),
          sorted.get(0).seconds(),
          sorted.get(sorted.size() - 1).seconds(),
          median.works(),
          median.allocations(),
          median.reported());
      System.out.printf(
          "set-up: registration %.1f s, all final at %.1f s, attestation to claimable %.1f s%n",
          registerSeconds, finalSeconds, settled.claimable());
      System.out.println(
          "figures written to " + SettlementScenario.write("audit-pool.json", result));
    } catch (Exception e) {
      e.printStackTrace();
      code = 1;
    }
    SettlementScenario.deleteTree(dir);
    System.exit(code);
  }
}
