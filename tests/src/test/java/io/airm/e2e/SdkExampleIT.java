package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Bytes32;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import io.airm.node.RegistryNode;
import io.airm.node.api.WireFormat;
import io.airm.node.client.AttestationReceipt;
import io.airm.node.client.AttestationRecord;
import io.airm.node.client.AttestationSigner;
import io.airm.node.client.AttesterInfo;
import io.airm.node.client.EvidenceDocument;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkRecord;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.WorkState;
import io.airm.node.storage.TestDatabases;
import io.airm.node.storage.TestDatabases.Backend;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's SDK example ({@link RegisterAndAttest}) run against a node on a real anvil: the
 * creator's work becomes final with a proof that checks against the chain, and the company's
 * attestation is recorded on chain. Then the CLI's {@code register} and {@code attest}, which are
 * built on the same SDK, do the same, and two SDK {@code attest} calls right after, without waiting
 * for the chain, are accepted with the next nonces.
 */
class SdkExampleIT {
  private static final String CREATOR = DevAccounts.key(3);
  private static final String COMPANY = DevAccounts.key(6);

  @TempDir Path dir;

  @Test
  void readmeExample_registersFinal_andAttestsOnChain() throws Exception {
    try (TestDatabases.Fresh database = TestDatabases.fresh(Backend.H2);
        LocalChain anvil = NodeFixture.chain(dir.resolve("chain"));
        RegistryNode node =
            NodeFixture.start(
                dir.resolve("node"), anvil, database, SettlementEndToEndIT.settings())) {
      AttestationSigner company = AttestationSigner.fromHex(COMPANY);
      new PoolSetup(node, new RegistryClient(node.url()), COMPANY).grantAttester();
      Path essay = dir.resolve("essay.md");
      Files.writeString(essay, "# On attribution\n\nWhat a work contributes, and to whom.\n");

      AttestationRecord recorded =
          RegisterAndAttest.run(URI.create(node.url()), essay, anvil.rpcUrl(), CREATOR, COMPANY);

      RegistryClient client = RegistryClient.connect(node.url());
      Bytes32 workId = recorded.works().get(0);
      WorkRecord work = client.getWork(workId);
      assertThat(work.state()).isEqualTo(WorkState.FINAL);
      assertThat(work.registration().creator())
          .isEqualTo(io.airm.node.client.WorkSigner.fromHex(CREATOR).address());
      assertThat(work.metadata()).hasValueSatisfying(m -> assertThat(m).contains("An essay"));
      assertThat(recorded.state()).isEqualTo(AttestationState.RECORDED);
      assertThat(recorded.message().attester()).isEqualTo(company.address());
      assertThat(recorded.message().nonce()).isZero();
      assertThat(recorded.chainAttestationId()).isPresent();
      assertThat(recorded.txHash()).isPresent();

      // the CLI on the same SDK: register a second work, attest it with the nonce read on chain
      Path note = dir.resolve("note.md");
      Files.writeString(note, "A note that cites the essay.\n");
      ByteArrayOutputStream registered = new ByteArrayOutputStream();
      assertThat(
              SettlementEndToEndIT.runAirm(
                  registered,
                  "register",
                  note.toString(),
                  "--key",
                  CREATOR,
                  "--parent",
                  workId.hex(),
                  "--node",
                  node.url()))
          .isZero();
      Bytes32 noteId =
          Bytes32.parse(
              WireFormat.JSON
                  .readTree(registered.toString(StandardCharsets.UTF_8))
                  .path("workId")
                  .asText());
      assertThat(client.getWork(noteId).registration().parents()).containsExactly(workId);

      Path evidence = dir.resolve("evidence.json");
      Files.writeString(
          evidence, EvidenceDocument.none(List.of(workId, noteId)).toJson().toString());
      ByteArrayOutputStream attested = new ByteArrayOutputStream();
      assertThat(
              SettlementEndToEndIT.runAirm(
                  attested,
                  "attest",
                  "--evidence",
                  evidence.toString(),
                  "--model-id",
                  "0x" + "5b".repeat(32),
                  "--model-version",
                  "note-model 1",
                  "--key",
                  COMPANY,
                  "--node",
                  node.url()))
          .isZero();
      JsonNode receipt = WireFormat.JSON.readTree(attested.toString(StandardCharsets.UTF_8));

      // without waiting for the chain, two more attest calls back to back: each signs with the
      // nonce the node counts (past those it holds unrelayed), so neither is refused 409
      EvidenceDocument both = EvidenceDocument.none(List.of(workId, noteId));
      Bytes32 model = Bytes32.parse("0x" + "5c".repeat(32));
      AttestationReceipt third = client.attest(company, model, "model 3", both);
      AttestationReceipt fourth = client.attest(company, model, "model 4", both);
      assertThat(client.nextAttestationNonce(company.address()))
          .as("the node counts all four, relayed or not")
          .isEqualTo(BigInteger.valueOf(4));

      AttestationRecord second =
          client.awaitRecorded(Bytes32.parse(receipt.path("id").asText()), Duration.ofMinutes(1));
      assertThat(second.message().nonce()).isOne();
      assertThat(second.works()).containsExactlyInAnyOrder(workId, noteId);
      assertThat(client.awaitRecorded(third.id(), Duration.ofMinutes(1)).message().nonce())
          .isEqualTo(BigInteger.TWO);
      assertThat(client.awaitRecorded(fourth.id(), Duration.ofMinutes(1)).message().nonce())
          .isEqualTo(BigInteger.valueOf(3));
      AttesterInfo after = client.attester(company.address());
      assertThat(after.chainNonce())
          .as("UsageAttestations.nonce on anvil, read through the node")
          .isEqualTo(BigInteger.valueOf(4))
          .isEqualTo(client.nextAttestationNonce(company.address(), anvil.rpcUrl()));
      assertThat(after.nextNonce()).isEqualTo(BigInteger.valueOf(4));
      assertThat(after.pending()).isZero();
      assertThat(after.attester()).isTrue();
    }
  }
}
