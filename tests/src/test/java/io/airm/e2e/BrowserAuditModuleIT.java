package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Bytes32;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.RegistryNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.storage.TestDatabases;
import io.airm.node.storage.TestDatabases.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page's audit (registry-node/src/main/web/src/audit/), run by Node.js exactly as the
 * browser runs it, against a real node on a real anvil: it reads the chain itself and the node's
 * gateway, and its verdict does not depend on what the node's database says.
 */
class BrowserAuditModuleIT {
  private static final String COMPANY = DevAccounts.key(6);
  private static final BigInteger POOL_WEI = new BigInteger("1000000000000000000");
  private static final Path WEB =
      Path.of(System.getProperty("airm.root", "..")).resolve("registry-node/src/main/web");

  @TempDir Path dir;

  /** One audit's outcome: each check's status and sentence by name, and the verdict. */
  record Audit(Map<String, String> status, Map<String, String> sentence, String verdict) {}

  @Test
  void workAndPoolAuditsReadTheChainAndTrustNoNodeRecord() throws Exception {
    assertThat(WEB.resolve("node_modules/viem")).as("npm ci in %s", WEB).exists();
    try (TestDatabases.Fresh database = TestDatabases.fresh(Backend.H2);
        LocalChain anvil = NodeFixture.chain(dir.resolve("chain"), Duration.ofSeconds(3));
        RegistryNode node =
            NodeFixture.start(
                dir.resolve("node"), anvil, database, SettlementEndToEndIT.settings())) {
      RegistryClient client = new RegistryClient(node.url());
      Path texts =
          Path.of(System.getProperty("airm.root", "..")).resolve("valuation/examples/texts");

      List<Bytes32> works = new ArrayList<>();
      rpc(node.rpcUrl(), "evm_setIntervalMining", "0");
      List<String> names = List.of("dissertation.md", "essay-1.md", "essay-2.md");
      for (int i = 0; i < names.size(); i++) {
        WorkSigner creator = new WorkSigner(DevAccounts.key(3 + i % 2));
        Path file = texts.resolve(names.get(i));
        Optional<String> metadata =
            i == 1 ? Optional.of("{\"mediaType\":\"text/markdown\"}") : Optional.empty();
        Bytes32 workId = NodeFixture.register(client, creator, file, metadata);
        works.add(workId);
        if (i == 0) {
          // audited while no block is mined, so no checkpoint can cover it yet
          Audit pending = audit(node.url(), workId.hex());
          rpc(node.rpcUrl(), "evm_setIntervalMining", "1");
          assertThat(pending.verdict()).isEqualTo("failed");
          assertThat(pending.status())
              .containsEntry("record", "pass")
              .containsEntry("domain", "pass")
              .containsEntry("work-id", "pass")
              .containsEntry("signature", "pass")
              .containsEntry("content", "pass")
              .containsEntry("leaf", "pass")
              .containsEntry("inclusion", "fail")
              .doesNotContainKey("checkpoint");
          assertThat(pending.sentence().get("inclusion"))
              .contains("is pending and not yet anchored");
        }
      }
      for (Bytes32 work : works) {
        NodeFixture.awaitState(client, work, "final", Duration.ofSeconds(60));
      }
      Audit work = audit(node.url(), works.get(1).hex());
      assertThat(work.verdict()).as(work.toString()).isEqualTo("verified");
      assertThat(work.status())
          .containsOnlyKeys(
              "record",
              "domain",
              "work-id",
              "signature",
              "content",
              "metadata",
              "leaf",
              "checkpoint",
              "inclusion",
              "inclusion-on-chain",
              "anchor-tx")
          .doesNotContainValue("fail");
      assertThat(work.sentence().get("metadata")).contains("hashes to the signed metadataHash");

      Audit unknown = audit(node.url(), "0x" + "ab".repeat(32));
      assertThat(unknown.verdict()).isEqualTo("failed");
      assertThat(unknown.sentence().get("record")).contains("holds no work");

      // an attestation, a funded pool, its settlement
      PoolSetup pools = new PoolSetup(node, client, COMPANY);
      pools.grantAttester();
      String chainAttestationId =
          pools.attestAndAwaitRecorded(
              pools.sign(
                  Bytes32.parse("0x" + "22".repeat(32)), "browser-audit model 1", works, 11));
      pools.fundPool(chainAttestationId, POOL_WEI);
      pools.fundPool(chainAttestationId, POOL_WEI);
      pools.awaitFunded(BigInteger.TWO, POOL_WEI);
      pools.settle(BigInteger.ONE);
      pools.awaitSettlement(BigInteger.ONE, "posted|claimable");

      Audit pool = audit(node.url(), "1");
      assertThat(pool.verdict()).as(pool.toString()).isEqualTo("verified");
      assertThat(pool.status())
          .containsEntry("distribution", "pass")
          .containsEntry("document", "pass")
          .containsEntry("attestation", "pass")
          .containsEntry("attestation-signature", "pass")
          .containsEntry("evidence", "pass")
          .containsEntry("checkpoint", "pass")
          .containsEntry("works", "pass")
          .containsEntry("attestation-inclusion", "pass")
          .containsEntry("report", "pass")
          .containsEntry("allocation", "pass")
          .containsEntry("valuation", "skipped");
      assertThat(pool.sentence().get("works")).contains("All 3 works");
      assertThat(pool.sentence().get("valuation")).contains("./airm audit pool 1 --rpc");

      // the node's database is tampered with: the browser audit reads IPFS and the chain, so an
      // allocation amount changed there neither fails nor alters it
      int changed =
          NodeFixture.tamper(node, "UPDATE allocations SET amount = amount + 1 WHERE pool_id = 1");
      assertThat(changed).isPositive();
      assertThat(audit(node.url(), "1")).isEqualTo(pool);

      // a funded pool without a distribution, and a pool that does not exist, fail by name
      Audit unsettled = audit(node.url(), "2");
      assertThat(unsettled.verdict()).isEqualTo("failed");
      assertThat(unsettled.status())
          .containsEntry("pool", "pass")
          .containsEntry("distribution", "fail");
      assertThat(unsettled.sentence().get("distribution"))
          .contains("No distribution is posted for pool 2");
      Audit missing = audit(node.url(), "99");
      assertThat(missing.verdict()).isEqualTo("failed");
      assertThat(missing.sentence().get("pool"))
          .contains("no pool 99")
          .contains("RewardDistributorUnknownPool(99)");

      // a work record changed in the node's database is only a claim: the recomputed id names it
      NodeFixture.tamper(
          node, "UPDATE works SET licence = 'CC0-1.0' WHERE work_id = ?", works.get(2).hex());
      Audit tampered = audit(node.url(), works.get(2).hex());
      assertThat(tampered.verdict()).isEqualTo("failed");
      assertThat(tampered.status())
          .containsEntry("work-id", "fail")
          .containsEntry("inclusion", "pass");
      assertThat(tampered.sentence().get("work-id"))
          .contains("expected the work id " + works.get(2).hex());
    }
  }

  /** One JSON-RPC call to anvil, which must succeed. */
  private static void rpc(String url, String method, String param) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                                + method
                                + "\",\"params\":["
                                + param
                                + "]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).as(method).doesNotContain("\"error\"");
  }

  /** Runs the page's audit of {@code target} through Node.js (test/audit/run-audit.mjs). */
  private Audit audit(String nodeUrl, String target) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "audit", ".err");
    Process process =
        new ProcessBuilder("node", "test/audit/run-audit.mjs", nodeUrl, target)
            .directory(WEB.toFile())
            .redirectError(log.toFile())
            .start();
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    System.out.print(out);
    Map<String, String> status = new LinkedHashMap<>();
    Map<String, String> sentence = new LinkedHashMap<>();
    String verdict = null;
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode json = WireFormat.JSON.readTree(line);
      if (json.has("verdict")) {
        verdict = json.get("verdict").asText();
      } else {
        status.put(json.get("check").asText(), json.get("status").asText());
        sentence.put(json.get("check").asText(), json.get("sentence").asText());
      }
    }
    int expectedExit = "verified".equals(verdict) ? 0 : 1;
    assertThat(process.exitValue())
        .as("node run-audit.mjs %s: %s", target, Files.readString(log))
        .isEqualTo(expectedExit);
    return new Audit(status, sentence, verdict);
  }
}
