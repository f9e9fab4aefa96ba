package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.MerkleVerifier;
import io.airm.chain.merkle.Rfc6962;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient.Answer;
import io.airm.node.client.WorkSigner;
import io.airm.node.domain.LogLeaf;
import io.airm.node.domain.Work;
import io.airm.node.storage.JdbcWorkStore;
import io.airm.node.testing.SignedWorks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public log API over HTTP: head, pages of entries with their records, and proofs. */
class LogApiTest {
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  @TempDir Path dir;
  private ApiHarness api;
  private final List<Work> works = new ArrayList<>();

  @BeforeEach
  void start() {
    api = new ApiHarness(dir, 64 * 1024, 1024 * 1024);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void register(int n) {
    JdbcWorkStore store = new JdbcWorkStore(api.database);
    WorkSigner creator = new WorkSigner(CREATOR_KEY);
    for (int i = works.size(); i < n; i++) {
      // every fifth work cites the two before it, so some records carry parents
      List<Bytes32> parents =
          i % 5 == 4 ? List.of(works.get(i - 1).workId(), works.get(i - 2).workId()) : List.of();
      works.add(store.insert(SignedWorks.newWork(creator, ApiHarness.DOMAIN, i, parents)));
    }
  }

  private static List<byte[]> hashes(JsonNode array) {
    List<byte[]> hashes = new ArrayList<>();
    array.forEach(h -> hashes.add(Bytes32.parse(h.asText()).bytes()));
    return hashes;
  }

  private void execute(String sql) {
    api.database.inTransaction(
        "tamper",
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            return statement.executeUpdate();
          }
        });
  }

  private static void assertProblem(Answer answer, int status, String detailFragment) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
    assertThat(answer.body().get("type").asText()).startsWith("urn:airm:problem:");
    assertThat(answer.body().get("detail").asText()).contains(detailFragment);
  }

  @Test
  void head_ofAnEmptyLog_isSizeZeroWithTheEmptyRoot() {
    JsonNode head = api.client.logHead();

    assertThat(head.get("treeSize").asLong()).isZero();
    assertThat(head.get("root").asText()).isEqualTo(Bytes32.of(Rfc6962.emptyRoot()).hex());
    assertThat(head.has("latestCheckpoint")).isFalse();
  }

  @Test
  void head_isTheRootOfEveryLeaf() {
    register(11);
    List<byte[]> leafHashes = works.stream().map(w -> Rfc6962.leafHash(w.leafData())).toList();

    JsonNode head = api.client.logHead();

    assertThat(head.get("treeSize").asLong()).isEqualTo(11);
    assertThat(head.get("root").asText()).isEqualTo(Bytes32.of(Rfc6962.rootOf(leafHashes)).hex());
  }

  @Test
  void entries_giveEachLeafWithTheRecordGetWorkAnswers() {
    register(12);

    Answer answer = api.client.logEntries(3, 5);

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    JsonNode entries = answer.body().get("entries");
    assertThat(entries).hasSize(5);
    for (int i = 0; i < 5; i++) {
      JsonNode entry = entries.get(i);
      Work work = works.get(3 + i);
      JsonNode record = api.client.work(work.workId());
      assertThat(entry.get("leafIndex").asLong()).isEqualTo(3 + i);
      assertThat(entry.get("type").asText()).isEqualTo("work");
      assertThat(entry.get("leaf").asText())
          .isEqualTo("0x" + HexFormat.of().formatHex(work.leafData()));
      assertThat(entry.get("leafHash").asText())
          .isEqualTo(Bytes32.of(Rfc6962.leafHash(work.leafData())).hex());
      assertThat(entry.get("workId").asText()).isEqualTo(work.workId().hex());
      assertThat(entry.get("registration")).isEqualTo(record.get("registration"));
      assertThat(entry.get("signature")).isEqualTo(record.get("signature"));
    }
    assertThat(entries.get(1).get("registration").get("parents")).hasSize(2); // work 4
  }

  @Test
  void entries_atTheEndOfTheLog_areFewerThanAsked() {
    register(7);

    Answer answer = api.client.logEntries(5, 1000);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("entries")).hasSize(2);
    assertThat(answer.body().get("entries").get(1).get("leafIndex").asLong()).isEqualTo(6);
  }

  @Test
  void entries_pastTheEnd_areNotFound() {
    register(3);

    assertProblem(api.client.logEntries(3, 10), 404, "start 3 is past its end");
  }

  @Test
  void entries_withBadParameters_areRefusedNamingTheParameter() throws Exception {
    register(3);

    assertProblem(api.client.logEntries(0, 1001), 400, "count must be between 1 and 1000");
    assertProblem(api.client.logEntries(0, 0), 400, "count must be between 1 and 1000");
    assertProblem(api.client.logEntries(-1, 10), 400, "'start' must be a whole number");
    assertProblem(get("v1/log/entries?start=0"), 400, "The query parameter 'count' is required");
    assertProblem(get("v1/log/entries?start=x&count=1"), 400, "'start' must be a whole number");
    assertProblem(
        get("v1/log/entries?start=0&count=99999999999999999999"), 400, "'count' must be a whole");
  }

  /** A GET of a query the client would never build. */
  private Answer get(String pathAndQuery) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.url + "/" + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), WireFormat.JSON.readTree(response.body()));
  }

  @Test
  void entries_withALeafMissingFromStorage_areAProblemNamingTheLeaf_notAShorterPage() {
    register(6);
    execute("DELETE FROM log_leaves WHERE leaf_index = 2");

    assertProblem(api.client.logEntries(0, 10), 500, "no leaf at index 2, below its size 6");
    assertThat(api.client.logEntries(3, 10).status()).isEqualTo(200);
  }

  @Test
  void entries_ofAWorkLeafWhoseRecordIsGone_showTheLeafWithoutARecord() {
    register(3);
    execute("DELETE FROM works WHERE log_index = 1");

    JsonNode entry = api.client.logEntries(1, 1).body().get("entries").get(0);

    assertThat(entry.get("workId").asText()).isEqualTo(works.get(1).workId().hex());
    assertThat(entry.has("registration")).isFalse();
    assertThat(entry.has("signature")).isFalse();
  }

  @Test
  void entries_ofAnAttestationLeaf_giveItsId() {
    register(2);
    Bytes32 id = Bytes32.of(Rfc6962.leafHash(new byte[] {7}));
    byte[] leaf = works.get(1).leafData();
    leaf[0] = LogLeaf.ATTESTATION;
    System.arraycopy(id.bytes(), 0, leaf, 1, 32);
    execute(
        "UPDATE log_leaves SET leaf_data = '0x"
            + HexFormat.of().formatHex(leaf)
            + "' WHERE leaf_index = 1");

    JsonNode entry = api.client.logEntries(1, 1).body().get("entries").get(0);

    assertThat(entry.get("type").asText()).isEqualTo("attestation");
    assertThat(entry.get("attestationId").asText()).isEqualTo(id.hex());
    assertThat(entry.has("registration")).isFalse();
  }

  @Test
  void consistencyProofs_verifyBetweenEveryPairOfSizes() {
    register(1);
    List<Bytes32> roots = new ArrayList<>(List.of(Bytes32.of(Rfc6962.emptyRoot())));
    roots.add(Bytes32.parse(api.client.logHead().get("root").asText()));
    for (int size = 2; size <= 13; size++) {
      register(size);
      roots.add(Bytes32.parse(api.client.logHead().get("root").asText()));
    }
    for (int first = 0; first <= 13; first++) {
      for (int second = Math.max(first, 1); second <= 13; second++) {
        Answer answer = api.client.logConsistency(first, second);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        MerkleVerifier.verifyConsistency(
            first,
            second,
            roots.get(first).bytes(),
            roots.get(second).bytes(),
            hashes(answer.body().get("hashes")));
      }
    }
  }

  @Test
  void consistencyProof_withBadSizes_isAProblem() {
    register(4);

    assertProblem(api.client.logConsistency(3, 2), 400, "0 <= first <= second");
    assertProblem(api.client.logConsistency(2, 5), 404, "no tree of size 5");
  }

  @Test
  void inclusionProofs_verifyAgainstTheHeadRoot() {
    register(9);
    byte[] root = Bytes32.parse(api.client.logHead().get("root").asText()).bytes();
    for (int index = 0; index < 9; index++) {
      Answer answer = api.client.logProof(index, 9);
      assertThat(answer.status()).isEqualTo(200);
      byte[] leafHash = Rfc6962.leafHash(works.get(index).leafData());
      assertThat(answer.body().get("leafHash").asText()).isEqualTo(Bytes32.of(leafHash).hex());
      MerkleVerifier.verifyInclusion(leafHash, index, 9, hashes(answer.body().get("hashes")), root);
    }
    assertProblem(api.client.logProof(9, 9), 400, "0 <= index < treeSize");
    assertProblem(api.client.logProof(2, 10), 404, "no tree of size 10");
  }
}
