package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.localchain.DevAccounts;
import io.airm.node.RegistryNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.AttestationSigner;
import io.airm.node.client.RegistryClient;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * The steps from registered works to a settled pool on a real node, as the end-to-end tests take
 * them: the admin grants an AI company the attester role, the company attests the works its model
 * used and funds pools through the {@code airm} CLI, and the operator settles them. Each step
 * checks what the node answers and waits for what the node learns from the chain.
 */
final class PoolSetup {
  /** The registry's admin: anvil's dev key 0, which {@link NodeFixture#config} makes the node's. */
  private static final String ADMIN = DevAccounts.key(0);

  private final RegistryNode node;
  private final RegistryClient client;
  private final String companyKey;
  private final AttestationSigner company;

  /**
   * The steps on {@code node}, through {@code client}, with the AI company holding {@code
   * companyKey}; the node runs with {@link SettlementEndToEndIT#settings()}' operator token.
   */
  PoolSetup(RegistryNode node, RegistryClient client, String companyKey) {
    this.node = node;
    this.client = client;
    this.companyKey = companyKey;
    this.company = new AttestationSigner(companyKey);
  }

  /** The AI company's signer. */
  AttestationSigner company() {
    return company;
  }

  /** The admin grants the company the attester role on chain ({@code airm attester grant}). */
  void grantAttester() {
    assertThat(
            SettlementEndToEndIT.runAirm(
                "attester",
                "grant",
                company.address().value(),
                "--key",
                ADMIN,
                "--node",
                node.url()))
        .isZero();
  }

  /**
   * The company's first attestation (nonce 0, valid for an hour) that {@code modelVersion} used
   * {@code works}, over an evidence document seeded with {@code evidenceSeed}.
   */
  AttestationSigner.Signed sign(
      Bytes32 modelId, String modelVersion, List<Bytes32> works, long evidenceSeed) {
    return company.sign(
        modelId,
        modelVersion,
        evidence(works, evidenceSeed),
        BigInteger.ZERO,
        Duration.ofHours(1),
        client.attestationDomain());
  }

  /** Submits {@code signed}; the node accepts a new attestation (202). */
  RegistryClient.Answer attest(AttestationSigner.Signed signed) {
    RegistryClient.Answer accepted = client.attest(signed);
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
    return accepted;
  }

  /** Waits until the node has recorded {@code signed} on chain; returns its id there. */
  String awaitRecorded(AttestationSigner.Signed signed) throws InterruptedException {
    JsonNode recorded =
        SettlementEndToEndIT.await(
            client,
            "/v1/attestations/" + signed.id().hex(),
            a -> a.path("state").asText().equals("recorded"),
            Duration.ofSeconds(60));
    return recorded.path("chainAttestationId").asText();
  }

  /** {@link #attest} then {@link #awaitRecorded}: the attestation's id on chain. */
  String attestAndAwaitRecorded(AttestationSigner.Signed signed) throws InterruptedException {
    attest(signed);
    return awaitRecorded(signed);
  }

  /** The company funds a pool for the attestation with {@code wei} of ether from its wallet. */
  void fundPool(String chainAttestationId, BigInteger wei) {
    fund(chainAttestationId, wei, List.of());
  }

  /**
   * The company funds a pool for the attestation with {@code amount} of the ERC-20 {@code token}.
   */
  void fundPool(String chainAttestationId, BigInteger amount, Address token) {
    fund(chainAttestationId, amount, List.of("--token", token.value()));
  }

  private void fund(String chainAttestationId, BigInteger amount, List<String> tokenOptions) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pool",
                "fund",
                "--attestation",
                chainAttestationId,
                "--amount",
                amount.toString()));
    args.addAll(tokenOptions);
    args.addAll(List.of("--key", companyKey, "--node", node.url()));
    assertThat(SettlementEndToEndIT.runAirm(args.toArray(String[]::new))).isZero();
  }

  /** Waits until the node has indexed pool {@code pool} funded with {@code amount}; returns it. */
  JsonNode awaitFunded(BigInteger pool, BigInteger amount) throws InterruptedException {
    return SettlementEndToEndIT.await(
        client,
        "/v1/pools/" + pool,
        p -> p.path("funded").asText().equals(amount.toString()),
        Duration.ofSeconds(30));
  }

  /**
   * The operator requests the pool's settlement; the node accepts a first request (202: it answers
   * 200 only where a settlement of the pool was requested before).
   */
  RegistryClient.Answer settle(BigInteger pool) {
    RegistryClient.Answer answer =
        client.settle(pool, Optional.of(SettlementEndToEndIT.OPERATOR_TOKEN));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    return answer;
  }

  /** Waits until the pool's settlement state matches {@code states} (a regex); returns the pool. */
  JsonNode awaitSettlement(BigInteger pool, String states) throws InterruptedException {
    return SettlementEndToEndIT.await(
        client,
        "/v1/pools/" + pool,
        p -> p.path("settlement").path("state").asText().matches(states),
        Duration.ofSeconds(90));
  }

  /** {@link #settle} then waits until the pool is claimable; returns the pool. */
  JsonNode settleAndAwaitClaimable(BigInteger pool) throws InterruptedException {
    settle(pool);
    return awaitSettlement(pool, "claimable");
  }

  /** An evidence document: seeded int8 embeddings and labels for the works, and some probes. */
  private static ObjectNode evidence(List<Bytes32> works, long seed) {
    Random random = new Random(seed);
    ObjectNode evidence = WireFormat.JSON.createObjectNode();
    evidence.put("format", "airm-evidence/1");
    ArrayNode ids = evidence.putArray("works");
    works.stream().map(Bytes32::hex).sorted().forEach(ids::add);
    ObjectNode influence = evidence.putObject("influence");
    influence.put("method", "knn-shapley");
    Map<String, String> embeddings = new TreeMap<>();
    Map<String, Integer> labels = new TreeMap<>();
    for (Bytes32 work : works) {
      embeddings.put(work.hex(), embedding(random));
      labels.put(work.hex(), random.nextInt(2));
    }
    ObjectNode e = influence.putObject("embeddings");
    embeddings.forEach(e::put);
    ObjectNode l = influence.putObject("labels");
    labels.forEach(l::put);
    ArrayNode probes = influence.putArray("probes");
    for (int i = 0; i < 6; i++) {
      ObjectNode probe = probes.addObject();
      probe.put("id", String.format("probe-%02d", i));
      probe.put("embedding", embedding(random));
      probe.put("label", random.nextInt(2));
    }
    return evidence;
  }

  private static String embedding(Random random) {
    byte[] v = new byte[32];
    random.nextBytes(v);
    return Base64.getEncoder().encodeToString(v);
  }
}
