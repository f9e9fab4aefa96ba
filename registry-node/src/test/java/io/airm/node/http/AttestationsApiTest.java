package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.Checkpoint;
import io.airm.node.api.WireFormat;
import io.airm.node.audit.HttpNodeLog;
import io.airm.node.audit.LogAuditor;
import io.airm.node.client.AttestationSigner;
import io.airm.node.client.RegistryClient.Answer;
import io.airm.node.client.WorkSigner;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.Leadership;
import io.airm.node.settle.AttestationRelayer;
import io.airm.node.settle.FakeAttestationChain;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/attestations} over HTTP with {@code UsageAttestations} faked in memory: every
 * refusal is a problem+json that leaves no attestation and no log leaf; an accepted one is stored,
 * in the log, and relayed once.
 */
class AttestationsApiTest {
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final String COMPANY_KEY =
      "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";
  private static final Bytes32 MODEL = Bytes32.parse("0x" + "42".repeat(32));

  @TempDir Path dir;
  private ApiHarness api;
  private final AttestationSigner company = new AttestationSigner(COMPANY_KEY);
  private final List<Bytes32> works = new ArrayList<>();
  private Bytes32 noAiWork;

  @BeforeEach
  void start() throws Exception {
    api = new ApiHarness(dir, 64 * 1024, 2 * 1024 * 1024);
    WorkSigner creator = new WorkSigner(CREATOR_KEY);
    for (int i = 0; i < 4; i++) {
      Path file = dir.resolve("work-" + i + ".txt");
      Files.writeString(file, "A work about subject " + i + ", written with care.\n".repeat(20));
      boolean aiTraining = i < 3;
      var signed =
          creator.signFile(
              file,
              ApiHarness.DOMAIN,
              aiTraining ? "CC-BY-4.0" : "LicenseRef-NoAI",
              aiTraining,
              Optional.empty(),
              List.of(),
              Duration.ofHours(1));
      Answer answer =
          api.client.register(
              signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));
      assertThat(answer.status()).isEqualTo(202);
      if (aiTraining) {
        works.add(signed.workId());
      } else {
        noAiWork = signed.workId();
      }
    }
    api.attestationChain.grant(company.address());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static ObjectNode evidence(List<Bytes32> ids) {
    ObjectNode evidence = WireFormat.JSON.createObjectNode();
    evidence.put("format", "airm-evidence/1");
    ArrayNode list = evidence.putArray("works");
    ids.stream().map(Bytes32::hex).sorted().forEach(list::add);
    ObjectNode influence = evidence.putObject("influence");
    influence.put("method", "knn-shapley");
    ObjectNode embeddings = influence.putObject("embeddings");
    ObjectNode labels = influence.putObject("labels");
    for (int i = 0; i < ids.size(); i++) {
      embeddings.put(
          ids.get(i).hex(), Base64.getEncoder().encodeToString(new byte[] {1, 2, (byte) i}));
      labels.put(ids.get(i).hex(), i % 2);
    }
    ObjectNode probe = influence.putArray("probes").addObject();
    probe.put("id", "p1");
    probe.put("embedding", Base64.getEncoder().encodeToString(new byte[] {3, 2, 1}));
    probe.put("label", 1);
    return evidence;
  }

  private AttestationSigner.Signed sign(List<Bytes32> ids, BigInteger nonce) {
    return company.sign(
        MODEL, "model 1", evidence(ids), nonce, Duration.ofHours(1), FakeAttestationChain.DOMAIN);
  }

  private void assertRefused(Answer answer, int status, String type, String fragment) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
    assertThat(answer.body().path("type").asText()).isEqualTo("urn:airm:problem:" + type);
    assertThat(answer.body().path("detail").asText()).contains(fragment);
    assertThat(api.rows("attestations")).isZero();
    assertThat(api.rows("attestation_works")).isZero();
    assertThat(api.rows("log_leaves")).isEqualTo(4); // the works' leaves only
  }

  @Test
  void accepted_isStoredInTheLog_andRelayedOnce() {
    var signed = sign(works, BigInteger.ZERO);
    Answer answer = api.client.attest(signed);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    assertThat(answer.body().path("id").asText()).isEqualTo(signed.id().hex());
    assertThat(answer.body().path("logIndex").asLong()).isEqualTo(4);
    assertThat(answer.body().path("state").asText()).isEqualTo("pending");
    assertThat(api.rows("log_leaves")).isEqualTo(5);

    Answer replay = api.client.attest(signed);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(api.rows("attestations")).isEqualTo(1);

    var relayer =
        new AttestationRelayer(
            api.attestations, api.attestationChain, Leadership.sole(), Clock.systemUTC());
    relayer.runOnce();
    relayer.runOnce();
    assertThat(api.attestationChain.relays()).isEqualTo(1);
    var stored = api.client.getJson("/v1/attestations/" + signed.id().hex());
    assertThat(stored.path("state").asText()).isEqualTo("recorded");
    assertThat(stored.path("chainAttestationId").asText()).isEqualTo("1");
    assertThat(stored.path("works").size()).isEqualTo(3);
    assertThat(api.attestations.find(signed.id()).orElseThrow().state())
        .isEqualTo(AttestationState.RECORDED);
  }

  @Test
  void anAcceptedAttestation_survivesAChainOutage_andANodeRestart() {
    var signed = sign(works, BigInteger.ZERO);
    assertThat(api.client.attest(signed).status()).isEqualTo(202);
    api.attestationChain.down(true);
    var relayer =
        new AttestationRelayer(
            api.attestations, api.attestationChain, Leadership.sole(), Clock.systemUTC());
    var loop = new io.airm.node.settle.SettlementLoop(Duration.ofMillis(10), relayer::runOnce);
    loop.runOnce(); // the outage is logged, the attestation stays pending
    assertThat(api.attestations.find(signed.id()).orElseThrow().state())
        .isEqualTo(AttestationState.PENDING);
    // a new relayer (a restarted node) on the same database, the chain back
    api.attestationChain.down(false);
    var restarted =
        new AttestationRelayer(
            new io.airm.node.storage.JdbcAttestationStore(api.database, Clock.systemUTC()),
            api.attestationChain,
            Leadership.sole(),
            Clock.systemUTC());
    restarted.runOnce(); // sends it
    restarted.runOnce(); // sees it recorded
    assertThat(api.attestations.find(signed.id()).orElseThrow().state())
        .isEqualTo(AttestationState.RECORDED);
    assertThat(api.attestationChain.relays()).isEqualTo(1);
  }

  @Test
  void aRevertedRelay_marksTheAttestationFailed() {
    api.attestationChain.refuseRelays();
    var signed = sign(works, BigInteger.ZERO);
    assertThat(api.client.attest(signed).status()).isEqualTo(202);
    var relayer =
        new AttestationRelayer(
            api.attestations, api.attestationChain, Leadership.sole(), Clock.systemUTC());
    relayer.runOnce(); // sends
    relayer.runOnce(); // sees the revert
    var stored = api.client.getJson("/v1/attestations/" + signed.id().hex());
    assertThat(stored.path("state").asText()).isEqualTo("failed");
    assertThat(stored.path("failure").asText()).contains("reverted");
    // a failed attestation will never be recorded: it is no longer pending
    var attester = api.client.getJson("/v1/attesters/" + company.address().value());
    assertThat(attester.path("pending").asLong()).isZero();
    assertThat(attester.path("chainNonce").asText()).isEqualTo("0");
  }

  private AttestationSigner.Signed signAgain(List<Bytes32> ids, BigInteger nonce) {
    // a new deadline: a new attestation with a new id, never a replay of the failed one
    return company.sign(
        MODEL, "model 1", evidence(ids), nonce, Duration.ofHours(2), FakeAttestationChain.DOMAIN);
  }

  private AttestationRelayer relayer(Clock clock) {
    return new AttestationRelayer(api.attestations, api.attestationChain, Leadership.sole(), clock);
  }

  private JsonNode attestation(AttestationSigner.Signed signed) {
    return api.client.getJson("/v1/attestations/" + signed.id().hex());
  }

  private JsonNode attester() {
    return api.client.getJson("/v1/attesters/" + company.address().value());
  }

  @Test
  void aDeadlinePassingBeforeTheRelay_freesTheNonce_andFailsTheLaterPendingOne() {
    var first = sign(works, BigInteger.ZERO);
    var second = sign(works.subList(0, 2), BigInteger.ONE);
    assertThat(api.client.attest(first).status()).isEqualTo(202);
    assertThat(api.client.attest(second).status()).isEqualTo(202);
    assertThat(attester().path("nextNonce").asText()).isEqualTo("2");

    // the relayer runs only after both signatures' deadlines (one hour) have passed
    Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(61));
    relayer(late).runOnce();
    assertThat(api.attestationChain.relays()).isZero();
    var failed = attestation(first);
    assertThat(failed.path("state").asText()).isEqualTo("failed");
    assertThat(failed.path("failure").asText())
        .contains("deadline passed")
        .contains("sign again with nonce 0");
    var blocked = attestation(second);
    assertThat(blocked.path("state").asText()).isEqualTo("failed");
    assertThat(blocked.path("failure").asText())
        .contains(first.id().hex())
        .contains("nonce 0 unused on chain")
        .contains("sign again from nonce 0");

    var status = attester();
    assertThat(status.path("nextNonce").asText()).isEqualTo("0");
    assertThat(status.path("chainNonce").asText()).isEqualTo("0");
    assertThat(status.path("pending").asLong()).isZero();
    // a rerun (a restarted node) decides the same and sends nothing
    relayer(late).runOnce();
    assertThat(api.attestationChain.relays()).isZero();
    assertThat(attester().path("nextNonce").asText()).isEqualTo("0");

    // signed again from nonce 0: new attestations with leaves of their own, relayed in order
    var again = signAgain(works, BigInteger.ZERO);
    Answer accepted = api.client.attest(again);
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
    assertThat(accepted.body().path("logIndex").asLong()).isEqualTo(6);
    var secondAgain = signAgain(works.subList(0, 2), BigInteger.ONE);
    assertThat(api.client.attest(secondAgain).status()).isEqualTo(202);
    assertThat(api.rows("log_leaves")).isEqualTo(8); // 4 works, 2 failed, 2 new attestations
    for (int i = 0; i < 4; i++) {
      relayer(Clock.systemUTC()).runOnce();
    }
    assertThat(api.attestationChain.relays()).isEqualTo(2);
    assertThat(attestation(again).path("state").asText()).isEqualTo("recorded");
    assertThat(attestation(again).path("chainAttestationId").asText()).isEqualTo("1");
    assertThat(attestation(secondAgain).path("state").asText()).isEqualTo("recorded");
    assertThat(attestation(first).path("state").asText()).isEqualTo("failed");
    assertThat(attestation(second).path("state").asText()).isEqualTo("failed");
    assertThat(attester().path("nextNonce").asText()).isEqualTo("2");
    assertThat(attester().path("chainNonce").asText()).isEqualTo("2");

    // the failed one's signature is still answered as it is stored: a replay, not a new one
    Answer replay = api.client.attest(first);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body().path("state").asText()).isEqualTo("failed");
    assertThat(api.rows("attestations")).isEqualTo(4);

    // an auditor replays the log: both leaves for nonce 0 (and for nonce 1) verify, each against
    // the attestation the node serves for its id
    var log = new io.airm.node.storage.JdbcLog(api.database);
    var audited =
        new LogAuditor(
                new HttpNodeLog(api.client),
                ApiHarness.DOMAIN,
                Optional.of(FakeAttestationChain.DOMAIN),
                new LogAuditor.Settings(2, 3),
                LogAuditor.Progress.NONE)
            .audit(List.of(new Checkpoint(log.size(), log.root(log.size()))));
    assertThat(audited.leaves()).isEqualTo(8);
  }

  @Test
  void aRevertedRelay_freesTheNonce_andFailsTheLaterPendingOne() {
    api.attestationChain.refuseRelays();
    var first = sign(works, BigInteger.ZERO);
    var second = sign(works.subList(0, 2), BigInteger.ONE);
    assertThat(api.client.attest(first).status()).isEqualTo(202);
    assertThat(api.client.attest(second).status()).isEqualTo(202);
    relayer(Clock.systemUTC()).runOnce(); // sends the first; the second waits for it
    assertThat(attestation(second).path("state").asText()).isEqualTo("pending");
    relayer(Clock.systemUTC()).runOnce(); // sees the revert
    assertThat(api.attestationChain.relays()).isEqualTo(1);
    assertThat(attestation(first).path("failure").asText())
        .contains("reverted")
        .contains("sign again with nonce 0");
    assertThat(attestation(second).path("state").asText()).isEqualTo("failed");
    assertThat(attestation(second).path("failure").asText())
        .contains(first.id().hex())
        .contains("sign again from nonce 0");
    assertThat(attester().path("nextNonce").asText()).isEqualTo("0");

    // a resubmission with nonce 1 is refused (409), one with nonce 0 accepted and recorded
    Answer skipping = api.client.attest(signAgain(works.subList(0, 2), BigInteger.ONE));
    assertThat(skipping.status()).isEqualTo(409);
    assertThat(skipping.body().path("detail").asText()).contains("next nonce is 0");
    api.attestationChain.acceptRelays();
    var again = signAgain(works, BigInteger.ZERO);
    assertThat(api.client.attest(again).status()).isEqualTo(202);
    relayer(Clock.systemUTC()).runOnce();
    relayer(Clock.systemUTC()).runOnce();
    assertThat(attestation(again).path("state").asText()).isEqualTo("recorded");
    assertThat(attester().path("nextNonce").asText()).isEqualTo("1");
  }

  @Test
  void aFailureLeftBehindByACrash_stillFailsTheLaterPendingOne_onTheNextRun() {
    var first = sign(works, BigInteger.ZERO);
    var second = sign(works.subList(0, 2), BigInteger.ONE);
    assertThat(api.client.attest(first).status()).isEqualTo(202);
    assertThat(api.client.attest(second).status()).isEqualTo(202);
    // the node failed the first and stopped before it looked at the second
    api.attestations.markFailed(
        first.id(), "The signature's deadline passed before it could be sent");
    assertThat(attester().path("nextNonce").asText()).isEqualTo("2");

    relayer(Clock.systemUTC()).runOnce();
    assertThat(attestation(second).path("state").asText()).isEqualTo("failed");
    assertThat(attestation(second).path("failure").asText()).contains(first.id().hex());
    assertThat(attester().path("nextNonce").asText()).isEqualTo("0");
    assertThat(api.attestationChain.relays()).isZero();
  }

  @Test
  void aNonceTheChainPassed_failsOnlyThatAttestation_andTheNextOneIsRelayed() {
    var first = sign(works, BigInteger.ZERO);
    var second = sign(works.subList(0, 2), BigInteger.ONE);
    assertThat(api.client.attest(first).status()).isEqualTo(202);
    assertThat(api.client.attest(second).status()).isEqualTo(202);
    // the attester used nonce 0 on chain with another transaction, not through this node
    var elsewhere = signAgain(works.subList(1, 3), BigInteger.ZERO);
    api.attestationChain.relay(elsewhere.message(), elsewhere.signature());

    relayer(Clock.systemUTC()).runOnce(); // fails the first, sends the second
    relayer(Clock.systemUTC()).runOnce(); // sees the second recorded
    assertThat(attestation(first).path("state").asText()).isEqualTo("failed");
    assertThat(attestation(first).path("failure").asText())
        .contains("used on chain by another transaction");
    assertThat(attestation(second).path("state").asText()).isEqualTo("recorded");
    assertThat(attester().path("nextNonce").asText()).isEqualTo("2");
  }

  @Test
  void aWorkWhoseLicenceForbidsAiTraining_isRefusedByName() {
    List<Bytes32> ids = new ArrayList<>(works);
    ids.add(noAiWork);
    assertRefused(
        api.client.attest(sign(ids, BigInteger.ZERO)), 422, "licence-forbids", noAiWork.hex());
  }

  @Test
  void anUnregisteredWork_isRefused() {
    List<Bytes32> ids = new ArrayList<>(works);
    Bytes32 unknown = Bytes32.parse("0x" + "99".repeat(32));
    ids.add(unknown);
    assertRefused(
        api.client.attest(sign(ids, BigInteger.ZERO)), 422, "unknown-reference", unknown.hex());
  }

  @Test
  void anAttesterWithoutTheRole_isRefused() {
    var other =
        new AttestationSigner("0x" + "1".repeat(63) + "2")
            .sign(
                MODEL,
                "model 1",
                evidence(works),
                BigInteger.ZERO,
                Duration.ofHours(1),
                FakeAttestationChain.DOMAIN);
    assertRefused(api.client.attest(other), 403, "forbidden", "ATTESTER_ROLE");
  }

  @Test
  void aSignatureByAnotherKey_isRefused() {
    var signed = sign(works, BigInteger.ZERO);
    var forged =
        new AttestationSigner("0x" + "1".repeat(63) + "2")
            .sign(
                MODEL,
                "model 1",
                evidence(works),
                BigInteger.ZERO,
                Duration.ofHours(1),
                FakeAttestationChain.DOMAIN);
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("attestation", WireFormat.attestation(signed.message()));
    request.put("signature", forged.signature().toHex());
    request.set("evidence", signed.evidence());
    assertRefused(
        api.client.postJson("v1/attestations", request.toString()),
        401,
        "invalid-signature",
        "not the attester");
  }

  @Test
  void evidenceThatDoesNotMatchTheSignedDigest_isRefused() {
    var signed = sign(works, BigInteger.ZERO);
    ObjectNode changed = (ObjectNode) signed.evidence().deepCopy();
    ((ObjectNode) changed.path("influence").path("labels")).put(works.get(0).hex(), 7);
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("attestation", WireFormat.attestation(signed.message()));
    request.put("signature", signed.signature().toHex());
    request.set("evidence", changed);
    assertRefused(
        api.client.postJson("v1/attestations", request.toString()),
        422,
        "content-mismatch",
        "evidenceDigest");
  }

  @Test
  void aNonceOtherThanTheNext_isRefused() {
    assertRefused(
        api.client.attest(sign(works, BigInteger.TWO)), 409, "nonce-reused", "next nonce is 0");
  }

  @Test
  void attestationBodies_haveTheirOwnLimit_throughEveryGuard() {
    // a body far above http.max-json-bytes (64 KiB here) reaches the endpoint, even with an
    // Idempotency-Key (the guards and the endpoint share one read of it)...
    var signed = sign(works, BigInteger.ZERO);
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("attestation", WireFormat.attestation(signed.message()));
    request.put("signature", signed.signature().toHex());
    ObjectNode padded = (ObjectNode) signed.evidence().deepCopy();
    ArrayNode probes = (ArrayNode) padded.path("influence").path("probes");
    for (int i = 0; i < 3000; i++) {
      ObjectNode probe = probes.addObject();
      probe.put("id", String.format("q%05d", i));
      probe.put("embedding", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
      probe.put("label", 0);
    }
    request.set("evidence", padded);
    String body = request.toString();
    assertThat(body.length()).isGreaterThan(100 * 1024);
    Answer answer =
        api.client.postJson("v1/attestations", body, Optional.empty(), Optional.of("key-1"));
    // ...where its evidence no longer matches the signed digest
    assertRefused(answer, 422, "content-mismatch", "evidenceDigest");

    // beyond the route's own limit it is a 413 that names the setting
    for (int i = 3000; i < 12000; i++) {
      ObjectNode probe = probes.addObject();
      probe.put("id", String.format("q%05d", i));
      probe.put("embedding", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
      probe.put("label", 0);
    }
    request.set("evidence", padded);
    assertRefused(
        api.client.postJson("v1/attestations", request.toString()),
        413,
        "too-large",
        "http.max-attestation-bytes");
  }

  @Test
  void aFreshAttester_startsAtNonceZero() {
    Answer answer = api.client.getAnswer("/v1/attesters/" + company.address().value());
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    assertThat(answer.body().path("account").asText()).isEqualTo(company.address().checksummed());
    assertThat(answer.body().path("attester").isBoolean()).isTrue();
    assertThat(answer.body().path("attester").booleanValue()).isTrue();
    assertThat(answer.body().path("nextNonce").asText()).isEqualTo("0");
    assertThat(answer.body().path("chainNonce").asText()).isEqualTo("0");
    assertThat(answer.body().path("pending").asLong()).isZero();
  }

  @Test
  void anAcceptedAttestation_countsTowardsTheNextNonce_beforeTheChainHasIt() {
    String path = "/v1/attesters/" + company.address().value();
    assertThat(api.client.attest(sign(works, BigInteger.ZERO)).status()).isEqualTo(202);

    var held = api.client.getJson(path);
    assertThat(held.path("nextNonce").asText()).isEqualTo("1");
    assertThat(held.path("chainNonce").asText()).isEqualTo("0");
    assertThat(held.path("pending").asLong()).isEqualTo(1);
    assertThat(api.attestationChain.relays()).isZero();

    // the nonce the route names is the one the node accepts, still before any relay
    assertThat(api.client.attest(sign(works.subList(0, 2), BigInteger.ONE)).status())
        .isEqualTo(202);
    assertThat(api.client.getJson(path).path("nextNonce").asText()).isEqualTo("2");
    assertThat(api.client.getJson(path).path("pending").asLong()).isEqualTo(2);

    var relayer =
        new AttestationRelayer(
            api.attestations, api.attestationChain, Leadership.sole(), Clock.systemUTC());
    for (int i = 0; i < 4; i++) {
      relayer.runOnce(); // each run sends the next nonce or sees the last one recorded
    }
    assertThat(api.attestationChain.relays()).isEqualTo(2);
    var recorded = api.client.getJson(path);
    assertThat(recorded.path("nextNonce").asText()).isEqualTo("2");
    assertThat(recorded.path("chainNonce").asText()).isEqualTo("2");
    assertThat(recorded.path("pending").asLong()).isZero();
  }

  @Test
  void anAccountWithoutTheRole_isNoAttester() {
    Address other = Address.parse("0x" + "12".repeat(20));
    var answer = api.client.getJson("/v1/attesters/" + other.checksummed());
    assertThat(answer.path("account").asText()).isEqualTo(other.checksummed());
    assertThat(answer.path("attester").booleanValue()).isFalse();
    assertThat(answer.path("nextNonce").asText()).isEqualTo("0");
    assertThat(answer.path("pending").asLong()).isZero();
  }

  @Test
  void aMalformedAccount_isAProblem() {
    String wrongChecksum =
        "0x" + swapCaseOfFirstLetter(company.address().checksummed().substring(2));
    for (String bad : List.of("0x1234", "not-an-address", "0x" + "zz".repeat(20), wrongChecksum)) {
      Answer answer = api.client.getAnswer("/v1/attesters/" + bad);
      assertThat(answer.status()).as(bad + ": " + answer.body()).isEqualTo(400);
      assertThat(answer.body().path("type").asText()).isEqualTo("urn:airm:problem:invalid-request");
      assertThat(answer.body().path("detail").asText()).contains("account");
    }
    assertThat(
            api.answers().stream()
                .filter(a -> a.path().startsWith("/v1/attesters/"))
                .map(ApiHarness.Answered::contentType))
        .hasSize(4)
        .allSatisfy(type -> assertThat(type).startsWith("application/problem+json"));
  }

  /** The address with the case of its first letter swapped: a broken EIP-55 checksum. */
  private static String swapCaseOfFirstLetter(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (Character.isLetter(c)) {
        char swapped =
            Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return hex.substring(0, i) + swapped + hex.substring(i + 1);
      }
    }
    throw new IllegalArgumentException(hex + " has no letter to swap");
  }

  @Test
  void malformedBodies_areProblems() {
    assertRefused(api.client.postJson("v1/attestations", "{"), 400, "invalid-request", "JSON");
    assertRefused(
        api.client.postJson("v1/attestations", "{\"attestation\":{},\"signature\":\"0x\"}"),
        400,
        "invalid-request",
        "evidence");
  }

  @Test
  void settling_andGranting_needTheirTokens() {
    Answer settle = api.client.settle(BigInteger.ONE, Optional.empty());
    assertThat(settle.status()).isIn(401, 403);
    assertThat(settle.body().path("type").asText()).startsWith("urn:airm:problem:");
    Answer grant =
        api.client.postJson(
            "v1/admin/attesters",
            "{\"account\":\"" + Address.parse("0x" + "12".repeat(20)).value() + "\"}");
    assertThat(grant.status()).isIn(401, 403);
    assertThat(api.client.getAnswer("/v1/pools/1").status()).isEqualTo(404);
  }
}
