package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.CheckpointAnchored;
import io.airm.chain.merkle.MerkleVerifier;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.Receipt;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.RegistryNode;
import io.airm.node.api.WireFormat;
import io.airm.node.audit.AuditReport;
import io.airm.node.audit.WorkAuditor;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.storage.TestDatabases;
import io.airm.node.storage.TestDatabases.Backend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The node's web page in Debian's Chromium, driven by playwright-core (src/test/browser), against a
 * real node on a real anvil: works registered through the page with an anvil dev key and with an
 * injected EIP-1193 wallet reach final, a refused upload shows the node's problem, the audit page
 * verifies a work and a pool and fails an unknown work, and a creator claims on the creator page.
 * What the page shows is checked again from Java, against the node, the chain and the Java
 * importer. Screenshots of every page and state land in target/screenshots/.
 *
 * <p>Chromium must start; {@code -Dairm.browser=skip} skips this test explicitly.
 */
class WebPageIT {
  private static final Path BROWSER = Path.of("src/test/browser");
  private static final Path SCREENSHOTS = Path.of("target/screenshots").toAbsolutePath();
  private static final Path TEXTS =
      Path.of(System.getProperty("airm.root", "..")).resolve("valuation/examples/texts");
  private static final int MAX_UPLOAD_BYTES = 65_536;
  private static final String COMPANY = DevAccounts.key(6);
  private static final BigInteger POOL_WEI = new BigInteger("1000000000000000000");
  private static final BigInteger POOL = BigInteger.ONE;
  // the registry's admin, operator and anchorer are dev accounts 0-2: creators are others
  private static final int DEV_CREATOR = 3;
  private static final int WALLET_CREATOR = 4;
  private static final int JAVA_CREATOR = 5;

  @TempDir Path dir;

  @Test
  void registerAuditAndClaim_throughThePage_inChromium() throws Exception {
    assumeFalse(
        "skip".equals(System.getProperty("airm.browser")),
        "the browser tests are skipped explicitly (-Dairm.browser=skip)");
    clearScreenshots();
    Map<String, String> settings = new HashMap<>(SettlementEndToEndIT.settings());
    settings.put("http.max-upload-bytes", Integer.toString(MAX_UPLOAD_BYTES));
    try (TestDatabases.Fresh database = TestDatabases.fresh(Backend.H2);
        LocalChain anvil = NodeFixture.chain(dir.resolve("chain"), Duration.ofSeconds(3));
        RegistryNode node = NodeFixture.start(dir.resolve("node"), anvil, database, settings);
        ChainClient chain = ChainClient.connect(node.rpcUrl())) {
      RegistryClient client = new RegistryClient(node.url());
      Address devCreator = address(DEV_CREATOR);
      Address walletCreator = address(WALLET_CREATOR);

      // (a), (b), (e): register through the page with a dev key and with the wallet; a refusal
      Path tooLarge = dir.resolve("too-large.bin");
      byte[] noise = new byte[MAX_UPLOAD_BYTES * 3];
      new Random(7).nextBytes(noise);
      Files.write(tooLarge, noise);
      long logSizeBefore = client.logHead().path("treeSize").asLong();
      Path devFile = TEXTS.resolve("dissertation.md");
      Path walletFile = TEXTS.resolve("essay-1.md");
      Map<String, JsonNode> registered =
          runScenarios(
              node,
              List.of(
                  registerStep("register-dev", "dev", DEV_CREATOR, devFile, false),
                  registerStep("register-wallet", "wallet", WALLET_CREATOR, walletFile, false)
                      .put(
                          "coCreators",
                          walletCreator.checksummed()
                              + " 60\n"
                              + address(JAVA_CREATOR).checksummed()
                              + " 40"),
                  registerStep("register-refused", "dev", DEV_CREATOR, tooLarge, true)));

      WorkRegistryContract registry =
          new WorkRegistryContract(chain, node.domain().verifyingContract());
      Bytes32 devWork =
          checkRegisteredOnChain(client, chain, registry, registered.get("register-dev"), devFile);
      Bytes32 walletWork =
          checkRegisteredOnChain(
              client, chain, registry, registered.get("register-wallet"), walletFile);
      assertThat(client.work(devWork).path("registration").path("creator").asText())
          .isEqualTo(devCreator.value());
      assertThat(client.work(walletWork).path("registration").path("creator").asText())
          .isEqualTo(walletCreator.value());
      // the co-creators typed into the page, as the signed metadata document the node holds
      JsonNode walletMetadata =
          WireFormat.JSON.readTree(client.work(walletWork).path("metadata").asText());
      assertThat(walletMetadata.path("title").asText())
          .isEqualTo("Registered in Chromium: essay-1.md");
      assertThat(walletMetadata.path("coCreators").findValuesAsText("account"))
          .containsExactly(walletCreator.value(), address(JAVA_CREATOR).value());
      assertThat(walletMetadata.path("coCreators").findValuesAsText("sharesBps"))
          .containsExactly("6000", "4000");

      // the refused upload: the node's 413 problem detail shown on the page, and no work left
      JsonNode refused = registered.get("register-refused");
      assertThat(refused.path("status").asInt()).isEqualTo(413);
      assertThat(refused.path("error").asText())
          .contains(refused.path("problem").path("detail").asText());
      assertThat(refused.path("contentHash").asText())
          .isEqualTo("0x" + identify(tooLarge).sha256Hex());
      assertThat(client.logHead().path("treeSize").asLong()).isEqualTo(logSizeBefore + 2);

      // (d): a pool over the page's works and two registered from Java, settled to claimable
      List<Bytes32> works = new ArrayList<>(List.of(devWork, walletWork));
      WorkSigner javaCreator = new WorkSigner(DevAccounts.key(JAVA_CREATOR));
      for (String name : List.of("essay-2.md", "note-1.md")) {
        Bytes32 work =
            NodeFixture.register(client, javaCreator, TEXTS.resolve(name), Optional.empty());
        NodeFixture.awaitState(client, work, "final", Duration.ofSeconds(60));
        works.add(work);
      }
      // the company attests the works, funds pool 1 and the operator settles it
      PoolSetup pools = new PoolSetup(node, client, COMPANY);
      pools.grantAttester();
      String chainAttestationId =
          pools.attestAndAwaitRecorded(
              pools.sign(
                  Bytes32.parse("0x" + "22".repeat(32)), "web-page-test-model 1", works, 11));
      pools.fundPool(chainAttestationId, POOL_WEI);
      pools.awaitFunded(POOL, POOL_WEI);
      pools.settleAndAwaitClaimable(POOL);
      var rewards =
          new RewardDistributorContract(
              chain, Address.parse(client.registryInfo().path("rewardDistributor").asText()));
      Claim devClaim = Claim.before(client, chain, rewards, devCreator);
      Claim walletClaim = Claim.before(client, chain, rewards, walletCreator);

      // (c), (d): audits of a work, an unknown work and the pool; the creator page and its claim
      Bytes32 unknown = Bytes32.parse("0x" + "ab".repeat(32));
      Map<String, JsonNode> shown =
          runScenarios(
              node,
              List.of(
                  auditStep("audit-work", devWork.hex(), "verified"),
                  auditStep("audit-wallet-work", walletWork.hex(), "verified"),
                  auditStep("audit-unknown-work", unknown.hex(), "failed"),
                  creatorStep("creator", "dev", DEV_CREATOR, List.of(devWork)),
                  creatorStep("creator-wallet", "wallet", WALLET_CREATOR, List.of(walletWork)),
                  auditStep("audit-pool", POOL.toString(), "verified")
                      .put("allowSkipped", "valuation")));

      // the claims the page sent (a dev key, the wallet) are on chain, the money reached the
      // creators, and the node learnt of them
      devClaim.checkClaimed(client, chain, rewards);
      walletClaim.checkClaimed(client, chain, rewards);
      checkCreatorPage(client, shown.get("creator"), devClaim, devWork);
      checkCreatorPage(client, shown.get("creator-wallet"), walletClaim, walletWork);

      // the work the audit page failed is indeed unknown to the node
      assertThat(client.workAnswer(unknown).status()).isEqualTo(404);
    }
  }

  /** What the node, the chain and the Java importer say about a work the page registered. */
  private static Bytes32 checkRegisteredOnChain(
      RegistryClient client,
      ChainClient chain,
      WorkRegistryContract registry,
      JsonNode shown,
      Path file)
      throws Exception {
    ContentIdentity identity = identify(file);
    // the browser hashed the file as Java does
    assertThat(shown.path("contentHash").asText()).isEqualTo("0x" + identity.sha256Hex());
    assertThat(shown.path("cid").asText()).isEqualTo(identity.cidV1().toString());

    Bytes32 workId = Bytes32.parse(shown.path("workId").asText());
    JsonNode record = client.work(workId);
    assertThat(record.path("state").asText()).isEqualTo("final");
    assertThat(record.path("registration").path("contentHash").asText())
        .isEqualTo("0x" + identity.sha256Hex());
    assertThat(record.path("registration").path("cid").asText())
        .isEqualTo(identity.cidV1().toString());
    long logIndex = record.path("logIndex").asLong();
    assertThat(shown.path("logIndex").asLong()).isEqualTo(logIndex);

    // the checkpoint the page showed at final: its transaction anchored, on the canonical chain,
    // a tree that holds the work, and the proof the page showed leads to that anchored root
    Receipt receipt =
        chain.receipt(Bytes32.parse(shown.path("checkpointTx").asText())).orElseThrow();
    assertThat(receipt.succeeded()).isTrue();
    assertThat(chain.blockHash(receipt.blockNumber())).contains(receipt.blockHash());
    CheckpointAnchored anchored =
        receipt.logs().stream()
            .filter(e -> e.contract().equals(registry.address()))
            .map(CheckpointAnchored::decode)
            .flatMap(Optional::stream)
            .findFirst()
            .orElseThrow();
    assertThat(anchored.treeSize()).isGreaterThan(logIndex);
    assertThat(registry.rootAt(anchored.treeSize())).contains(anchored.root());
    JsonNode shownProof = client.logProof(logIndex, anchored.treeSize()).body();
    verifyOnChain(registry, shownProof, anchored.root());
    shownProof
        .path("hashes")
        .forEach(h -> assertThat(shown.path("inclusionProof").asText()).contains(h.asText()));
    // final: at least the node's anchor.confirmations (2) blocks deep
    assertThat(chain.blockNumber() - receipt.blockNumber()).isGreaterThanOrEqualTo(2);

    // the proof the node serves now (against its latest checkpoint) verifies as well
    JsonNode proof = record.path("inclusionProof");
    verifyOnChain(registry, proof, registry.rootAt(proof.path("treeSize").asLong()).orElseThrow());
    // the signed registration hashes to the work id in the contract, and the Java auditor agrees
    assertThat(
            registry.hashWorkRegistration(
                WireFormat.registration(record.path("registration"), "registration")))
        .isEqualTo(workId);
    AuditReport report =
        new WorkAuditor(client, chain, registry.address()).verify(workId, Optional.of(file));
    assertThat(report.passed()).as(report.toJson().toPrettyString()).isTrue();
    return workId;
  }

  /**
   * The creator page showed the creator's work as the node holds it, the amount the node allocated,
   * and every factor of the node's valuation report with its explanation in words.
   */
  private static void checkCreatorPage(
      RegistryClient client, JsonNode creatorPage, Claim claim, Bytes32 work) {
    JsonNode record = client.work(work).path("registration");
    assertThat(creatorPage.path("works").get(0).asText())
        .contains(work.hex())
        .contains(record.path("cid").asText())
        .contains(record.path("licence").asText());
    assertThat(creatorPage.path("stateBefore").asText()).isEqualTo("claimable");
    BigInteger amount = new BigInteger(claim.allocation().path("amount").asText());
    BigInteger shownWei =
        new BigDecimal(creatorPage.path("amount").asText().replaceAll("[^0-9.]", ""))
            .movePointRight(18)
            .toBigInteger();
    assertThat(shownWei.subtract(amount).abs())
        .as("the page's %s against %s wei", creatorPage.path("amount").asText(), amount)
        .isLessThanOrEqualTo(BigInteger.TEN.pow(14)); // rounded to 0.0001 ETH at most

    List<String> factorTexts = new ArrayList<>();
    creatorPage.path("factors").forEach(f -> factorTexts.add(f.asText().replaceAll("\\s+", " ")));
    List<String> explanations = new ArrayList<>();
    claim
        .allocation()
        .path("works")
        .forEach(
            w ->
                w.path("factors")
                    .forEach(
                        f ->
                            explanations.add(
                                f.path("explanation").asText().replaceAll("\\s+", " ").strip())));
    assertThat(explanations).isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
    assertThat(factorTexts).hasSameSizeAs(explanations);
    for (String explanation : explanations) {
      assertThat(factorTexts)
          .as("the creator page explains '%s'", explanation)
          .anySatisfy(text -> assertThat(text).contains(explanation));
    }
  }

  /** Verifies an RFC 6962 inclusion proof against {@code root} in Java and in the contract. */
  private static void verifyOnChain(WorkRegistryContract registry, JsonNode proof, Bytes32 root) {
    long index = proof.path("leafIndex").asLong();
    long treeSize = proof.path("treeSize").asLong();
    Bytes32 leafHash = Bytes32.parse(proof.path("leafHash").asText());
    List<Bytes32> path = new ArrayList<>();
    proof.path("hashes").forEach(h -> path.add(Bytes32.parse(h.asText())));
    MerkleVerifier.verifyInclusion(
        leafHash.bytes(),
        index,
        treeSize,
        path.stream().map(Bytes32::bytes).toList(),
        root.bytes());
    assertThat(registry.verifyInclusion(leafHash, index, treeSize, path)).isTrue();
  }

  /** A creator's allocation in the pool and balance, taken before the page claims it. */
  private record Claim(Address account, JsonNode allocation, BigInteger balanceBefore) {
    static Claim before(
        RegistryClient client,
        ChainClient chain,
        RewardDistributorContract rewards,
        Address account)
        throws IOException {
      JsonNode allocation = client.getJson("/v1/pools/1/allocations/" + account.value());
      assertThat(new BigInteger(allocation.path("amount").asText())).isPositive();
      assertThat(rewards.isClaimed(POOL, allocation.path("index").asLong())).isFalse();
      return new Claim(account, allocation, balance(chain, account));
    }

    /** Claimed on chain; the balance grew by the amount less the claim's gas. */
    void checkClaimed(RegistryClient client, ChainClient chain, RewardDistributorContract rewards)
        throws Exception {
      BigInteger amount = new BigInteger(allocation.path("amount").asText());
      assertThat(rewards.isClaimed(POOL, allocation.path("index").asLong())).isTrue();
      BigInteger received = balance(chain, account).subtract(balanceBefore);
      BigInteger gasAllowance = new BigInteger("10000000000000000"); // 0.01 ETH of gas at most
      assertThat(received).isPositive().isLessThanOrEqualTo(amount);
      assertThat(amount.subtract(received)).isLessThan(gasAllowance);
      SettlementEndToEndIT.await(
          client,
          "/v1/pools/1/allocations/" + account.value(),
          a -> a.path("claimed").asBoolean(),
          Duration.ofSeconds(30));
    }
  }

  private static ObjectNode registerStep(
      String name, String signer, int account, Path file, boolean expectRefusal) {
    ObjectNode step = step("register", name);
    step.put("signer", signer);
    step.put("accountIndex", account);
    step.put("account", address(account).checksummed());
    step.put("file", file.toAbsolutePath().toString());
    step.put("title", "Registered in Chromium: " + file.getFileName());
    step.put("expectRefusal", expectRefusal);
    return step;
  }

  private static ObjectNode auditStep(String name, String input, String expect) {
    ObjectNode step = step("audit", name);
    step.put("input", input);
    step.put("expect", expect);
    return step;
  }

  private static ObjectNode creatorStep(
      String name, String signer, int account, List<Bytes32> works) {
    ObjectNode step = step("creator", name);
    step.put("signer", signer);
    step.put("accountIndex", account);
    step.put("account", address(account).checksummed());
    step.put("poolId", POOL.toString());
    ArrayNode ids = step.putArray("works");
    works.forEach(w -> ids.add(w.hex()));
    return step;
  }

  private static ObjectNode step(String scenario, String name) {
    ObjectNode step = WireFormat.JSON.createObjectNode();
    step.put("scenario", scenario);
    step.put("name", name);
    return step;
  }

  /**
   * Runs the steps in one Chromium (scenarios.mjs), streaming its output into the test log; fails
   * unless it exits 0. Returns each step's RESULT line by step name.
   */
  private static Map<String, JsonNode> runScenarios(RegistryNode node, List<ObjectNode> steps)
      throws Exception {
    ObjectNode input = WireFormat.JSON.createObjectNode();
    input.put("nodeUrl", node.url().replaceAll("/+$", ""));
    input.put("rpcUrl", node.rpcUrl());
    input.put("screenshots", SCREENSHOTS.toString());
    input.putArray("steps").addAll(steps);
    Process process =
        new ProcessBuilder("node", "scenarios.mjs", input.toString())
            .directory(BROWSER.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    Map<String, JsonNode> results = new HashMap<>();
    List<String> output = new ArrayList<>();
    Thread reader =
        new Thread(() -> readLines(process.getInputStream(), output, results), "browser-output");
    reader.start();
    long timeoutSeconds = 120L + 120L * steps.size();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      reader.join(5_000);
      throw new AssertionError(
          "the browser scenarios did not finish within " + timeoutSeconds + " s");
    }
    reader.join(10_000);
    synchronized (output) {
      assertThat(process.exitValue())
          .as("the browser scenarios failed:\n%s", String.join("\n", output))
          .isZero();
    }
    for (ObjectNode step : steps) {
      assertThat(results)
          .as("a RESULT for step %s", step.path("name"))
          .containsKey(step.path("name").asText());
    }
    return results;
  }

  private static void readLines(
      InputStream in, List<String> output, Map<String, JsonNode> results) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("[browser] " + line);
        synchronized (output) {
          output.add(line);
        }
        if (line.startsWith("RESULT ")) {
          JsonNode result = WireFormat.JSON.readTree(line.substring("RESULT ".length()));
          synchronized (results) {
            results.put(result.path("step").asText(), result);
          }
        }
      }
    } catch (IOException e) {
      System.out.println("[browser] output unreadable: " + e.getMessage());
    }
  }

  private static void clearScreenshots() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    try (Stream<Path> old = Files.list(SCREENSHOTS)) {
      for (Path png : old.filter(p -> p.toString().endsWith(".png")).toList()) {
        Files.delete(png);
      }
    }
  }

  private static ContentIdentity identify(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return UnixFsImporter.identify(in);
    }
  }

  private static Address address(int devAccount) {
    return new WorkSigner(DevAccounts.key(devAccount)).address();
  }

  private static BigInteger balance(ChainClient chain, Address account) throws IOException {
    return chain
        .web3j()
        .ethGetBalance(account.value(), DefaultBlockParameterName.LATEST)
        .send()
        .getBalance();
  }
}
