package io.airm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.Receipt;
import io.airm.localchain.DevAccounts;
import io.airm.node.RegistryNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures, on a real anvil: the gas of one {@code anchor} call, the gas per registered work when
 * one checkpoint covers 1, 64 and 1024 works, the gas of {@code verifyInclusion}, and the seconds
 * from {@code POST /v1/works} to {@code final} with the node's default settings. Prints a table and
 * writes the figures as JSON to {@code tests/target/bench/anchor.json}.
 */
public final class AnchorBenchmark {
  private AnchorBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("airm-bench");
    ObjectNode result = WireFormat.JSON.createObjectNode();
    measureGas(work.resolve("gas"), result);
    measureLatency(work.resolve("latency"), result, 10);
    Path out = Path.of("tests/target/bench/anchor.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, result.toPrettyString());
    System.out.println("figures written to " + out.toAbsolutePath());
    System.exit(0);
  }

  private static NodeConfig config(Path data, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("data.dir", data.toString());
    all.put("port", "0");
    // one loopback client registering as fast as it can: measure anchoring, not the rate limit
    all.putIfAbsent("api.rate-limit-per-second", "1000000");
    all.putIfAbsent("api.rate-limit-burst", "1000000");
    return NodeConfig.from(ConfigSource.of(all, Optional.empty()));
  }

  private static void measureGas(Path data, ObjectNode result) throws Exception {
    try (RegistryNode node =
            RegistryNode.start(
                config(data, Map.of("anchor.interval", "PT1H", "anchor.poll-interval", "PT0.1S")));
        ChainClient chain = ChainClient.connect(node.rpcUrl())) {
      RegistryClient client = new RegistryClient(node.url());
      WorkSigner creator = new WorkSigner(DevAccounts.key(1));
      Path file = Files.createTempFile("bench", ".txt");
      WorkRegistryContract registry =
          new WorkRegistryContract(chain, node.domain().verifyingContract());

      long firstAnchorGas = anchorBatch(node, client, chain, creator, file, 1).gasUsed();
      result.put("firstAnchorGas", firstAnchorGas);
      System.out.printf(
          "first anchor (initialises the registry's storage): %,d gas%n", firstAnchorGas);
      System.out.println();
      System.out.println("works per checkpoint | anchor gas | gas per work");
      System.out.println("-------------------- | ---------- | ------------");
      ArrayNode rows = result.putArray("anchorGasPerCheckpoint");
      Bytes32 sampleWork = null;
      for (int n : new int[] {1, 64, 1024}) {
        Batch batch = anchorBatch(node, client, chain, creator, file, n);
        sampleWork = batch.firstWork();
        ObjectNode row = rows.addObject();
        row.put("works", n);
        row.put("anchorGas", batch.gasUsed());
        row.put("gasPerWork", (double) batch.gasUsed() / n);
        System.out.printf(
            "%20d | %,10d | %,12.1f%n", n, batch.gasUsed(), (double) batch.gasUsed() / n);
      }
      JsonNode proof = client.work(sampleWork).get("inclusionProof");
      List<Bytes32> path = new ArrayList<>();
      proof.get("hashes").forEach(h -> path.add(Bytes32.parse(h.asText())));
      long treeSize = proof.get("treeSize").asLong();
      long verifyGas =
          registry.estimateVerifyInclusionGas(
              Bytes32.parse(proof.get("leafHash").asText()),
              proof.get("leafIndex").asLong(),
              treeSize,
              path);
      result.put("verifyInclusionGas", verifyGas);
      result.put("verifyInclusionTreeSize", treeSize);
      System.out.printf(
          "%nverifyInclusion of leaf %d in a tree of %,d leaves (%d proof hashes), as a"
              + " transaction: %,d gas%n",
          proof.get("leafIndex").asLong(), treeSize, path.size(), verifyGas);
    }
  }

  /** An anchored batch: its gas, and its first work (mid-tree, so its proof is a long one). */
  private record Batch(long gasUsed, Bytes32 firstWork) {}

  /** Registers {@code n} works (hash-only), anchors them in one checkpoint, returns its gas. */
  private static Batch anchorBatch(
      RegistryNode node,
      RegistryClient client,
      ChainClient chain,
      WorkSigner creator,
      Path file,
      int n)
      throws Exception {
    Bytes32 first = null;
    Bytes32 last = null;
    for (int i = 0; i < n; i++) {
      Files.writeString(file, "benchmark work " + System.nanoTime() + " " + i);
      WorkSigner.Signed signed = creator.signFile(file, client.domain());
      RegistryClient.Answer answer =
          client.register(
              signed.registration(), signed.signature(), Optional.empty(), Optional.empty());
      if (answer.status() != 202) {
        throw new IllegalStateException("registration refused: " + answer.body());
      }
      last = signed.workId();
      first = first == null ? last : first;
    }
    node.anchorNow();
    for (int attempt = 0; attempt < 600; attempt++) {
      JsonNode checkpoint = client.work(last).get("checkpoint");
      if (checkpoint != null) {
        Receipt receipt =
            chain.receipt(Bytes32.parse(checkpoint.get("txHash").asText())).orElseThrow();
        return new Batch(receipt.gasUsed(), first);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the anchor was not mined within a minute");
  }

  private static void measureLatency(Path data, ObjectNode result, int samples) throws Exception {
    // the defaults of ./airm node: anchor every 2 s, 1 s blocks, final at 2 confirmations
    try (RegistryNode node = RegistryNode.start(config(data, Map.of()))) {
      RegistryClient client = new RegistryClient(node.url());
      WorkSigner creator = new WorkSigner(DevAccounts.key(2));
      Path file = Files.createTempFile("bench", ".txt");
      double[] seconds = new double[samples];
      for (int i = 0; i < samples; i++) {
        Files.writeString(file, "latency sample " + System.nanoTime());
        WorkSigner.Signed signed = creator.signFile(file, client.domain());
        long start = System.nanoTime();
        client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));
        while (!client.work(signed.workId()).get("state").asText().equals("final")) {
          Thread.sleep(50);
        }
        seconds[i] = (System.nanoTime() - start) / 1e9;
        Thread.sleep((long) (Math.random() * 1000)); // land at different points of the interval
      }
      Arrays.sort(seconds);
      result.put("postToFinalSecondsMedian", seconds[samples / 2]);
      result.put("postToFinalSecondsMin", seconds[0]);
      result.put("postToFinalSecondsMax", seconds[samples - 1]);
      System.out.printf(
          "%nPOST to final with the defaults (anchor every 2 s, 1 s blocks, 2 confirmations),"
              + " %d samples: median %.2f s, min %.2f s, max %.2f s%n",
          samples, seconds[samples / 2], seconds[0], seconds[samples - 1]);
    }
  }
}
