package io.airm.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.AttestationSigner;
import io.airm.node.client.WorkSigner;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Seconds from attestation to claimable for a pool over {@code works} works, end to end on a local
 * anvil through the node with its defaults (anchor every 2 s, 1 s blocks, 2 confirmations, settle
 * loop every 0.5 s) and the given challenge window.
 *
 * <p>Set-up, not timed: a node, {@code works} texts of 2 to 6 KB on eight topics by 25 creators
 * (one work in eight co-created), registered with their content and final, and the company's
 * attester role. Timed: {@code POST /v1/attestations} (knn-shapley evidence: int8 embeddings,
 * d=384, 100 probes) → recorded on chain → pool created and funded with 1 ETH from the company's
 * wallet → indexed by the node → {@code POST /v1/pools/{id}/settle} → {@code claimable}. Writes
 * {@code tests/target/bench/settlement.json}.
 *
 * <p>{@code rounds} times, each with a new attestation of the same works and a new pool. The first
 * round is the node's first settlement (its valuation runs with a cold JIT); the median of the
 * others is the figure for a node that has settled before. Both are reported; every round is in the
 * JSON.
 *
 * <p>Usage: {@code SettlementBenchmark [works=1000] [challengeWindow=PT10S] [rounds=4] [seed=1]}
 */
public final class SettlementBenchmark {
  private static final int CREATORS = 25;
  private static final int DIMS = 384;
  private static final int PROBES = 100;
  private static final BigInteger POOL_WEI = new BigInteger("1000000000000000000");

  private SettlementBenchmark() {}

  public static void main(String[] args) throws Exception {
    int works = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Duration window = args.length > 1 ? Duration.parse(args[1]) : Duration.ofSeconds(10);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    Path dir = Files.createTempDirectory("airm-bench-settlement");
    int code = 0;
    String loadAtStart = SettlementScenario.loadAverage(); // before the node starts
    try (SettlementScenario scenario = SettlementScenario.start(dir.resolve("node"), window)) {
      long setupStart = System.nanoTime();
      scenario.grantAttester();

      Random random = new Random(seed);
      List<WorkSigner> creators = new ArrayList<>();
      for (int i = 0; i < CREATORS; i++) {
        creators.add(SettlementScenario.creator(i));
      }
      List<SettlementScenario.Draft> drafts = new ArrayList<>();
      long textBytes = 0;
      int coCreated = 0;
      for (int i = 0; i < works; i++) {
        // a few prolific creators and a long tail, as on any platform
        double u = random.nextDouble();
        WorkSigner creator = creators.get((int) (CREATORS * u * u));
        int topic = random.nextInt(Corpus.TOPICS);
        String text = Corpus.text(random, topic, 2048, 6144);
        textBytes += text.length();
        String metadata = "{\"mediaType\":\"text/markdown\"}";
        if (random.nextInt(8) == 0) {
          WorkSigner other = creators.get(random.nextInt(CREATORS));
          if (!other.address().equals(creator.address())) {
            metadata =
                "{\"mediaType\":\"text/markdown\",\"coCreators\":[{\"account\":\""
                    + creator.address().value()
                    + "\",\"sharesBps\":7000},{\"account\":\""
                    + other.address().value()
                    + "\",\"sharesBps\":3000}]}";
            coCreated++;
          }
        }
        drafts.add(new SettlementScenario.Draft(creator, text, Optional.of(metadata), topic));
      }
      System.out.printf(
          "registering %,d works (%.1f KB on average, %d creators, %d co-created)...%n",
          works, textBytes / 1024.0 / works, CREATORS, coCreated);
      long registerStart = System.nanoTime();
      List<SettlementScenario.Registered> registered =
          scenario.register(drafts, dir.resolve("texts"), 4);
      double registerSeconds = SettlementScenario.since(registerStart);
      scenario.awaitFinal(registered, Duration.ofMinutes(10));
      double setupSeconds = SettlementScenario.since(setupStart);
      System.out.printf(
          "registered in %.1f s; all final after %.1f s of set-up%n",
          registerSeconds, setupSeconds);

      // each round: a new attestation of the same works (its own embeddings), a new pool
      List<SettlementScenario.Timeline> timelines = new ArrayList<>();
      int requestBytes = 0;
      for (int round = 1; round <= rounds; round++) {
        ObjectNode evidence =
            SettlementScenario.evidence(registered, PROBES, DIMS, seed * 1000 + round);
        var signed = scenario.signAttestation(evidence);
        requestBytes = requestBytes(signed);
        System.out.printf(
            "round %d of %d: attesting %,d works (request body %,d bytes); timing from here%n",
            round, rounds, works, requestBytes);
        SettlementScenario.Timeline t = scenario.settle(signed, POOL_WEI, Duration.ofMinutes(30));
        System.out.printf(
            "round %d: pool %s claimable %.1f s after the attestation's POST; phases %s%n",
            round, t.poolId(), t.claimable(), t.phases());
        timelines.add(t);
      }
      // the first settlement of a node process runs the valuation with a cold JIT; the later
      // ones show a node that has settled before. Both are figures, kept apart.
      SettlementScenario.Timeline first = timelines.get(0);
      List<SettlementScenario.Timeline> later = new ArrayList<>(timelines.subList(1, rounds));
      later.sort(Comparator.comparingDouble(SettlementScenario.Timeline::claimable));

      ObjectNode result = WireFormat.JSON.createObjectNode();
      result.put("benchmark", "attestation to claimable");
      result.put("command", "bash tests/bench/settlement.sh " + works);
      result.put("works", works);
      result.put("creators", CREATORS);
      result.put("coCreatedWorks", coCreated);
      result.put("meanTextBytes", textBytes / works);
      result.put("embeddingDims", DIMS);
      result.put("probes", PROBES);
      result.put("attestationRequestBytes", requestBytes);
      result.put("poolWei", POOL_WEI.toString());
      result.put("challengeWindowSeconds", window.toMillis() / 1000.0);
      result.put("rounds", rounds);
      result.set("firstRound", round(first, "the node's first settlement since it started"));
      if (!later.isEmpty()) {
        SettlementScenario.Timeline median = later.get(later.size() / 2);
        ObjectNode warm = result.putObject("laterRounds");
        warm.put("count", later.size());
        warm.put(
            "attestationToClaimableSecondsMedian", SettlementScenario.round(median.claimable()));
        warm.put(
            "attestationToClaimableSecondsMin", SettlementScenario.round(later.get(0).claimable()));
        warm.put(
            "attestationToClaimableSecondsMax",
            SettlementScenario.round(later.get(later.size() - 1).claimable()));
        warm.set("medianRound", round(median, "the median of the later rounds"));
      }
      ArrayNode all = result.putArray("allRounds");
      timelines.forEach(each -> all.add(round(each, "round " + (all.size() + 1))));
      result.put("allocations", first.settlement().path("leaves").asLong());
      result.put("allocated", first.settlement().path("total").asText());
      result.put("setupSeconds", SettlementScenario.round(setupSeconds));
      result.set("nodeSettings", scenario.settings());
      result.put(
          "nodeDefaultsKept",
          "anchor.interval PT2S, chain.block-time PT1S, anchor.confirmations 2,"
              + " settle.interval PT0.5S, settle.threads 2, embedded H2 and block store");
      ObjectNode machine = SettlementScenario.machine();
      machine.put("loadAverageAtStart", loadAtStart);
      result.set("machine", machine);

      System.out.println();
      System.out.printf(
          "attestation to claimable, %,d works, challenge window %s included:%n", works, window);
      print("first settlement since the node started", first);
      if (!later.isEmpty()) {
        SettlementScenario.Timeline median = later.get(later.size() / 2);
        print(
            String.format(
                "later settlements, median of %d (min %.1f s, max %.1f s)",
                later.size(), later.get(0).claimable(), later.get(later.size() - 1).claimable()),
            median);
      }
      System.out.println(
          "figures written to " + SettlementScenario.write("settlement.json", result));
    } catch (Exception e) {
      e.printStackTrace();
      code = 1;
    }
    SettlementScenario.deleteTree(dir);
    System.exit(code);
  }

  private static ObjectNode round(SettlementScenario.Timeline t, String what) {
    ObjectNode json = WireFormat.JSON.createObjectNode();
    json.put("round", what);
    json.put("pool", t.poolId().toString());
    json.put("attestationToClaimableSeconds", SettlementScenario.round(t.claimable()));
    json.put("withoutChallengeWindowSeconds", SettlementScenario.round(t.posted()));
    json.set("phasesSeconds", t.phases());
    json.set("instantsSeconds", t.instants());
    json.set("gas", t.gas());
    return json;
  }

  private static void print(String what, SettlementScenario.Timeline t) {
    System.out.printf("%s: %.1f s (%.1f s without the window)%n", what, t.claimable(), t.posted());
    t.phases()
        .properties()
        .forEach(e -> System.out.printf("  %-28s %6.2f s%n", e.getKey(), e.getValue().asDouble()));
    System.out.println("  steps (s after the POST): " + t.instants());
    System.out.println("  gas: " + t.gas());
  }

  /** The size of the {@code POST /v1/attestations} body the client sends. */
  static int requestBytes(AttestationSigner.Signed signed) {
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("attestation", WireFormat.attestation(signed.message()));
    request.put("signature", signed.signature().toHex());
    request.set("evidence", signed.evidence());
    return request.toString().length();
  }
}
