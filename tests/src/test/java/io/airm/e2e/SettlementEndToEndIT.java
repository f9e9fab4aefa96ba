package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.Erc20Contract;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.registry.UsageAttestationsContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.InMemoryTransactionJournal;
import io.airm.chain.tx.TransactionPipeline;
import io.airm.chain.tx.TransactionSigner;
import io.airm.chain.tx.TxOutcome;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.RegistryNode;
import io.airm.node.cli.AirmCommand;
import io.airm.node.client.AttestationSigner;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.storage.TestDatabases;
import io.airm.node.storage.TestDatabases.Backend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Credentials;

/**
 * The product's main workflow on a real anvil, through the node's API and the {@code airm} CLI: an
 * admin grants the attester role, an AI company attests the works a model used, funds a pool from
 * its wallet, the operator settles it, a creator claims, and an auditor recomputes the pool from
 * the chain and IPFS alone.
 */
class SettlementEndToEndIT {
  private static final String COMPANY = DevAccounts.key(6);
  private static final BigInteger POOL_WEI = new BigInteger("1000000000000000000");

  @TempDir Path dir;

  static final String OPERATOR_TOKEN = "operator-" + "t".repeat(40);
  static final String ADMIN_TOKEN = "admin-" + "a".repeat(40);

  static Map<String, String> settings() {
    return Map.of(
        "anchor.interval", "PT0.5S",
        "settle.interval", "PT0.2S",
        "api.operator-token", OPERATOR_TOKEN,
        "api.admin-token", ADMIN_TOKEN,
        "api.rate-limit-per-second", "10000",
        "api.rate-limit-burst", "10000");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void attestFundSettleClaimAndAudit(Backend backend) throws Exception {
    try (TestDatabases.Fresh database = TestDatabases.fresh(backend);
        LocalChain anvil = NodeFixture.chain(dir.resolve("chain"), Duration.ofSeconds(3));
        RegistryNode node = NodeFixture.start(dir.resolve("node"), anvil, database, settings());
        ChainClient chain = ChainClient.connect(node.rpcUrl())) {
      RegistryClient client = new RegistryClient(node.url());
      Path texts =
          Path.of(System.getProperty("airm.root", "..")).resolve("valuation/examples/texts");

      // creators register works; one forbids AI training
      List<Bytes32> works = new ArrayList<>();
      List<String> names = List.of("dissertation.md", "essay-1.md", "essay-2.md", "note-1.md");
      for (int i = 0; i < names.size(); i++) {
        WorkSigner creator = new WorkSigner(DevAccounts.key(3 + i % 2));
        Path file = texts.resolve(names.get(i));
        Optional<String> metadata =
            i == 0
                ? Optional.of(
                    "{\"mediaType\":\"text/markdown\",\"coCreators\":[{\"account\":\""
                        + creator.address().value()
                        + "\",\"sharesBps\":7000},{\"account\":\""
                        + new WorkSigner(DevAccounts.key(5)).address().value()
                        + "\",\"sharesBps\":3000}]}")
                : Optional.empty();
        works.add(NodeFixture.register(client, creator, file, metadata));
      }
      Path forbiddenFile = texts.resolve("essay-3.md");
      var forbidden =
          new WorkSigner(DevAccounts.key(3))
              .signFile(
                  forbiddenFile,
                  client.domain(),
                  "LicenseRef-NoAI",
                  false,
                  Optional.empty(),
                  List.of(),
                  Duration.ofHours(1));
      assertThat(
              client
                  .register(
                      forbidden.registration(),
                      forbidden.signature(),
                      Optional.empty(),
                      Optional.of(forbiddenFile))
                  .status())
          .isEqualTo(202);

      // the admin grants the company the attester role, on chain
      PoolSetup pools = new PoolSetup(node, client, COMPANY);
      pools.grantAttester();

      // an attestation naming the no-AI work is refused by name, and leaves nothing
      Bytes32 modelId = Bytes32.parse("0x" + "11".repeat(32));
      List<Bytes32> withForbidden = new ArrayList<>(works);
      withForbidden.add(forbidden.workId());
      var refused = client.attest(pools.sign(modelId, "test-model 1", withForbidden, 7));
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.body().path("detail").asText()).contains(forbidden.workId().hex());
      assertThat(refused.body().path("type").asText())
          .isEqualTo("urn:airm:problem:licence-forbids");

      Instant attestedAt = Instant.now();
      var signed = pools.sign(modelId, "test-model 1", works, 7);
      var accepted = pools.attest(signed);
      assertThat(accepted.body().path("id").asText()).isEqualTo(signed.id().hex());
      assertThat(client.attest(signed).status()).isEqualTo(200); // a replay answers the same
      String chainAttestationId = pools.awaitRecorded(signed);

      // the company funds a pool from its own wallet; the node learns of it from the chain
      pools.fundPool(chainAttestationId, POOL_WEI);
      JsonNode pool = pools.awaitFunded(BigInteger.ONE, POOL_WEI);
      assertThat(pool.path("attestationId").asText()).isEqualTo(chainAttestationId);

      // the operator settles it; a second request answers the same run
      assertThat(client.settle(BigInteger.ONE, Optional.empty()).status()).isEqualTo(401);
      var settle = pools.settle(BigInteger.ONE);
      var again = client.settle(BigInteger.ONE, Optional.of(OPERATOR_TOKEN));
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body().path("requestedAt")).isEqualTo(settle.body().path("requestedAt"));

      JsonNode settled = pools.awaitSettlement(BigInteger.ONE, "claimable");
      double seconds = Duration.between(attestedAt, Instant.now()).toMillis() / 1000.0;
      System.out.printf("attestation to claimable: %.1f s%n", seconds);
      assertThat(settled.path("settlement").path("total").asText()).isEqualTo(POOL_WEI.toString());

      // a creator sees what they earned and why, then claims on chain
      Address creator = new WorkSigner(DevAccounts.key(3)).address();
      JsonNode allocation = client.getJson("/v1/pools/1/allocations/" + creator.value());
      BigInteger amount = new BigInteger(allocation.path("amount").asText());
      assertThat(amount).isPositive();
      assertThat(allocation.path("works").size()).isPositive();
      assertThat(allocation.path("works").get(0).path("factors").has("depth")).isTrue();
      JsonNode list = client.getJson("/v1/accounts/" + creator.value() + "/allocations");
      assertThat(list.path("allocations").size()).isEqualTo(1);
      var summary = RegistryClient.connect(node.url()).allocations(creator); // the SDK's reading
      assertThat(summary.unclaimed()).isEqualTo(amount);
      assertThat(summary.allocations().get(0).proof())
          .hasSize(allocation.path("proof").size())
          .first()
          .isEqualTo(Bytes32.parse(allocation.path("proof").get(0).asText()));

      var rewards =
          new RewardDistributorContract(
              chain, Address.parse(client.registryInfo().path("rewardDistributor").asText()));
      assertThat(rewards.isClaimed(BigInteger.ONE, allocation.path("index").asLong())).isFalse();
      assertThat(runAirm("claim", "1", "--key", DevAccounts.key(3), "--node", node.url())).isZero();
      assertThat(rewards.isClaimed(BigInteger.ONE, allocation.path("index").asLong())).isTrue();

      // a second pool for the same attestation, in an ERC-20 this time
      Address token = Address.parse(anvil.deployment().devToken());
      Erc20Contract erc20 = new Erc20Contract(chain, token);
      send(chain, COMPANY, token, erc20.encodeMint(pools.company().address(), POOL_WEI));
      pools.fundPool(chainAttestationId, POOL_WEI, token);
      pools.awaitFunded(BigInteger.TWO, POOL_WEI);
      pools.settleAndAwaitClaimable(BigInteger.TWO);
      BigInteger tokens =
          new BigInteger(
              client.getJson("/v1/pools/2/allocations/" + creator.value()).path("amount").asText());
      assertThat(runAirm("claim", "2", "--key", DevAccounts.key(3), "--node", node.url())).isZero();
      assertThat(erc20.balanceOf(creator)).isEqualTo(tokens);
      // the node learns of both claims from the chain
      JsonNode both =
          await(
              client,
              "/v1/accounts/" + creator.value() + "/allocations",
              a -> a.path("unclaimed").asText().equals("0"),
              Duration.ofSeconds(30));
      assertThat(both.path("allocations").size()).isEqualTo(2);

      // the admin grants another company the attester role through the API, recorded on chain
      Address second = new AttestationSigner(DevAccounts.key(7)).address();
      var grant =
          client.postJson(
              "v1/admin/attesters",
              "{\"account\":\"" + second.value() + "\"}",
              Optional.of(ADMIN_TOKEN));
      assertThat(grant.status()).as(grant.body().toString()).isEqualTo(202);
      var attestations =
          new UsageAttestationsContract(
              chain, Address.parse(client.registryInfo().path("usageAttestations").asText()));
      Instant grantDeadline = Instant.now().plusSeconds(30);
      while (!attestations.isAttester(second) && Instant.now().isBefore(grantDeadline)) {
        Thread.sleep(200);
      }
      assertThat(attestations.isAttester(second)).isTrue();

      // an auditor recomputes the pool from the chain and IPFS (the node's trustless gateway),
      // and checks what the node serves against the recomputation
      String[] auditPool = {
        "audit",
        "pool",
        "1",
        "--rpc",
        node.rpcUrl(),
        "--ipfs",
        node.url(),
        "--node",
        node.url(),
        "--distributor",
        rewards.address().value(),
        "--attestations",
        client.registryInfo().path("usageAttestations").asText(),
        "--registry",
        client.registryInfo().path("workRegistry").asText()
      };
      assertThat(runAirm(auditPool)).isZero();

      // the node's database is tampered with: an amount of the report changed
      int changed =
          NodeFixture.tamper(
              node,
              "UPDATE allocations SET amount = amount + 1 WHERE account = ? AND pool_id = 1",
              creator.value());
      assertThat(changed).isEqualTo(1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(runAirm(out, auditPool)).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("FAIL  node allocations")
          .contains(creator.value());

      // the whole log, attestation leaf included, replays against the chain
      await(
          client,
          "/v1/log",
          h -> h.path("latestCheckpoint").path("treeSize").asLong() == h.path("treeSize").asLong(),
          Duration.ofSeconds(30));
      String[] auditLog = {"audit", "log", "--rpc", node.rpcUrl(), "--node", node.url()};
      assertThat(runAirm(auditLog)).isZero();
      // a changed record in the node's database: the audit names it
      NodeFixture.tamper(
          node, "UPDATE works SET licence = 'CC0-1.0' WHERE work_id = ?", works.get(1).hex());
      assertThat(runAirm(auditLog)).isEqualTo(1);
    }
  }

  /** Sends one transaction from {@code key} and waits until it is mined and succeeded. */
  static void send(ChainClient chain, String key, Address to, String data) throws Exception {
    try (TransactionPipeline pipeline =
        TransactionPipeline.create(
            chain,
            new TransactionSigner(chain, Credentials.create(key), FeePolicy.defaults()),
            new InMemoryTransactionJournal(),
            TransactionPipeline.Settings.defaults(),
            Clock.systemUTC())) {
      pipeline.start();
      TxOutcome outcome =
          pipeline.submit(to, data, BigInteger.ZERO, "test").outcome().get(60, TimeUnit.SECONDS);
      assertThat(outcome.kind()).isEqualTo(TxOutcome.Kind.MINED);
      assertThat(outcome.receipt().orElseThrow().succeeded()).isTrue();
    }
  }

  static JsonNode await(
      RegistryClient client, String path, Predicate<JsonNode> done, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    RegistryClient.Answer last = null;
    while (Instant.now().isBefore(deadline)) {
      last = client.getAnswer(path);
      if (last.status() == 200 && done.test(last.body())) {
        return last.body();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        path
            + " did not reach the expected state within "
            + timeout
            + "; last: "
            + (last == null ? "-" : last.status() + " " + last.body()));
  }

  static int runAirm(String... args) {
    return runAirm(new ByteArrayOutputStream(), args);
  }

  static int runAirm(ByteArrayOutputStream out, String... args) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = AirmCommand.commandLine().execute(args);
      original.print(out.toString(StandardCharsets.UTF_8));
      return code;
    } finally {
      System.setOut(original);
    }
  }
}
