package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.MerkleVerifier;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.localchain.DevAccounts;
import io.airm.node.RegistryNode;
import io.airm.node.audit.AuditReport;
import io.airm.node.audit.WorkAuditor;
import io.airm.node.cli.AirmCommand;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A creator registers works over HTTP with a real node on a real anvil; the works reach final and
 * every inclusion proof verifies in Java and on chain, and an auditor's check passes.
 */
class RegistrationEndToEndIT {
  @TempDir Path dir;

  @Test
  void worksRegisteredOverHttp_becomeFinal_andEveryProofVerifiesInJavaAndOnChain()
      throws Exception {
    try (RegistryNode node = NodeFixture.start(dir.resolve("node"), "PT0.5S");
        ChainClient chain = ChainClient.connect(node.rpcUrl())) {
      RegistryClient client = new RegistryClient(node.url());
      WorkSigner creator = new WorkSigner(DevAccounts.key(3));
      WorkRegistryContract registry =
          new WorkRegistryContract(chain, node.domain().verifyingContract());

      List<WorkSigner.Signed> works = new ArrayList<>();
      Random random = new Random(5);
      for (int i = 0; i < 6; i++) {
        Path file = dir.resolve("work-" + i + ".bin");
        byte[] content = new byte[1 + random.nextInt(600_000)];
        random.nextBytes(content);
        Files.write(file, content);
        WorkSigner.Signed signed = creator.signFile(file, client.domain());
        // the contract's own EIP-712 hashing agrees with the client's
        assertThat(registry.hashWorkRegistration(signed.registration())).isEqualTo(signed.workId());
        RegistryClient.Answer answer =
            client.register(
                signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        works.add(signed);
      }

      for (WorkSigner.Signed signed : works) {
        NodeFixture.awaitState(client, signed.workId(), "final", Duration.ofSeconds(60));
        JsonNode record = client.work(signed.workId());
        JsonNode proof = record.get("inclusionProof");
        long index = proof.get("leafIndex").asLong();
        long treeSize = proof.get("treeSize").asLong();
        Bytes32 leafHash = Bytes32.parse(proof.get("leafHash").asText());
        List<Bytes32> path = new ArrayList<>();
        proof.get("hashes").forEach(h -> path.add(Bytes32.parse(h.asText())));
        Bytes32 chainRoot = registry.rootAt(treeSize).orElseThrow();

        MerkleVerifier.verifyInclusion(
            leafHash.bytes(),
            index,
            treeSize,
            path.stream().map(Bytes32::bytes).toList(),
            chainRoot.bytes());
        assertThat(registry.verifyInclusion(leafHash, index, treeSize, path)).isTrue();
        // one changed byte in the proof and the contract says no
        if (!path.isEmpty()) {
          List<Bytes32> tampered = new ArrayList<>(path);
          byte[] first = tampered.get(0).bytes();
          first[0] ^= 1;
          tampered.set(0, Bytes32.of(first));
          assertThat(registry.verifyInclusion(leafHash, index, treeSize, tampered)).isFalse();
        }

        AuditReport report =
            new WorkAuditor(client, chain, node.domain().verifyingContract())
                .verify(signed.workId(), Optional.empty());
        assertThat(report.passed()).as(report.toJson().toPrettyString()).isTrue();
      }
    }
  }

  @Test
  void airmVerify_exitsZeroForAnAnchoredWork_andNonZeroOnceTheRecordIsTampered() throws Exception {
    try (RegistryNode node = NodeFixture.start(dir.resolve("node"), "PT0.5S")) {
      RegistryClient client = new RegistryClient(node.url());
      Path file = dir.resolve("essay.txt");
      Files.writeString(file, "A careful essay, registered and verified.\n");
      WorkSigner.Signed signed = new WorkSigner(DevAccounts.key(4)).signFile(file, client.domain());
      client.register(
          signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));
      NodeFixture.awaitState(client, signed.workId(), "final", Duration.ofSeconds(60));

      assertThat(runAirm("verify", signed.workId().hex(), "--node", node.url())).isZero();

      // the node's database is tampered with: the licence no longer matches what was signed
      node.database()
          .orElseThrow()
          .inTransaction(
              "tamper",
              connection -> {
                try (PreparedStatement update =
                    connection.prepareStatement("UPDATE works SET licence = 'CC0-1.0'")) {
                  return update.executeUpdate();
                }
              });
      assertThat(
              runAirm(
                  "verify", signed.workId().hex(), "--node", node.url(), "--rpc", node.rpcUrl()))
          .isEqualTo(1);
    }
  }

  private static int runAirm(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    try {
      return AirmCommand.commandLine().execute(args);
    } finally {
      System.setOut(original);
    }
  }
}
