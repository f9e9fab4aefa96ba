package io.airm.node.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.valuation.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvidenceTest {
  static final String W1 = "0x" + "01".repeat(32);
  static final String W2 = "0x" + "02".repeat(32);

  /** A valid knn-shapley evidence document over W1 and W2. */
  static ObjectNode knn() {
    ObjectNode e = CanonicalJson.MAPPER.createObjectNode();
    e.put("format", "airm-evidence/1");
    e.putArray("works").add(W1).add(W2);
    ObjectNode influence = e.putObject("influence");
    influence.put("method", "knn-shapley");
    influence.putObject("embeddings").put(W1, "AQIDBA==").put(W2, "BQYHCA==");
    influence.putObject("labels").put(W1, 0).put(W2, 1);
    ArrayNode probes = influence.putArray("probes");
    probes.addObject().put("id", "p1").put("embedding", "AAECAw==").put("label", 0);
    probes.addObject().put("id", "p2").put("embedding", "AwIBAA==").put("label", 1);
    return e;
  }

  @Test
  void parse_knnShapley_exposesWorksEmbeddingsAndLabels() {
    Evidence evidence = Evidence.parse(knn());
    assertThat(evidence.works()).containsExactly(new Bytes32(W1), new Bytes32(W2));
    assertThat(evidence.method()).isEqualTo(Evidence.Method.KNN_SHAPLEY);
    assertThat(evidence.embedding(new Bytes32(W2))).contains("BQYHCA==");
    assertThat(evidence.label(new Bytes32(W2))).hasValue(1);
    assertThat(evidence.worksRoot()).isEqualTo(WorksRoot.of(evidence.works()));
  }

  @Test
  void digest_isSha256OfTheCanonicalBytes() {
    Evidence evidence = Evidence.parse(knn());
    assertThat(new String(evidence.canonicalBytes(), StandardCharsets.UTF_8))
        .startsWith("{\"format\":\"airm-evidence/1\",\"influence\":{\"embeddings\":{");
    assertThat(evidence.digest().hex()).isEqualTo(CanonicalJson.sha256(evidence.canonicalBytes()));
  }

  @Test
  void digest_doesNotDependOnTheOrderOfMapKeys() {
    ObjectNode shuffled = knn();
    ObjectNode influence = (ObjectNode) shuffled.remove("influence");
    ObjectNode reordered = shuffled.putObject("influence");
    reordered.set("probes", influence.get("probes"));
    reordered.putObject("labels").put(W2, 1).put(W1, 0);
    reordered.putObject("embeddings").put(W2, "BQYHCA==").put(W1, "AQIDBA==");
    reordered.put("method", "knn-shapley");
    assertThat(Evidence.parse(shuffled).canonicalBytes())
        .isEqualTo(Evidence.parse(knn()).canonicalBytes());
    assertThat(Evidence.parse(shuffled).digest()).isEqualTo(Evidence.parse(knn()).digest());
  }

  @Test
  void parse_bytes_readsWhatCanonicalBytesWrote() {
    Evidence evidence = Evidence.parse(knn());
    assertThat(Evidence.parse(evidence.canonicalBytes()).digest()).isEqualTo(evidence.digest());
  }

  @Test
  void parse_noneAndCommitted() {
    ObjectNode none = knn();
    none.putObject("influence").put("method", "none");
    assertThat(Evidence.parse(none).method()).isEqualTo(Evidence.Method.NONE);
    assertThat(Evidence.parse(none).embedding(new Bytes32(W1))).isEmpty();

    ObjectNode committed = knn();
    ObjectNode submission =
        committed.putObject("influence").put("method", "committed").putObject("submission");
    submission.put("method", "trak").put("evidenceSha256", "0x" + "aa".repeat(32));
    submission.putArray("scores").addObject().put("work", W1).put("score", "0.5");
    assertThat(Evidence.parse(committed).method()).isEqualTo(Evidence.Method.COMMITTED);
  }

  @Test
  void parse_refusesARepeatedKey() {
    String json = new String(Evidence.parse(knn()).canonicalBytes(), StandardCharsets.UTF_8);
    String repeated = json.replace("{\"format\":", "{\"format\":\"x\",\"format\":");
    assertThatThrownBy(() -> Evidence.parse(repeated.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SettlementFormatException.class)
        .hasMessageContaining("Duplicate field 'format'");
  }

  @Test
  void parse_refusesNonJson() {
    assertThatThrownBy(() -> Evidence.parse("{".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SettlementFormatException.class)
        .hasMessageContaining("not valid JSON");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("wrong format", e -> e.put("format", "airm-evidence/2"), "$.format must be"),
        bad("unknown field", e -> e.put("extra", 1), "$ has an unknown field \"extra\""),
        bad("no works", e -> e.putArray("works"), "$.works must be a non-empty array"),
        bad(
            "unsorted works",
            e -> e.putArray("works").add(W2).add(W1),
            "$.works[1] " + W1 + " must be greater than $.works[0]"),
        bad("repeated work", e -> e.putArray("works").add(W1).add(W1), "$.works[1]"),
        bad(
            "upper-case id",
            e -> e.putArray("works").add("0x" + "AB".repeat(32)).add(W2),
            "$.works[0] must be 0x and 64 lower-case hex digits"),
        bad(
            "unknown method",
            e -> influence(e).put("method", "trak"),
            "$.influence.method must be none, knn-shapley or committed, not trak"),
        bad(
            "missing embedding",
            e -> ((ObjectNode) influence(e).get("embeddings")).remove(W2),
            "$.influence.embeddings." + W2 + " is missing"),
        bad(
            "missing label",
            e -> ((ObjectNode) influence(e).get("labels")).remove(W1),
            "$.influence.labels." + W1 + " is missing"),
        bad(
            "embedding of another length",
            e -> ((ObjectNode) influence(e).get("embeddings")).put(W2, "AQID"),
            "$.influence.embeddings." + W2 + " has 3 dimensions, but the embeddings before it"),
        bad(
            "empty embedding",
            e -> ((ObjectNode) influence(e).get("embeddings")).put(W1, ""),
            "is an empty embedding"),
        bad(
            "non-canonical base64",
            e -> ((ObjectNode) influence(e).get("embeddings")).put(W1, "AQIDBA"),
            "$.influence.embeddings." + W1 + " must be canonical base64"),
        bad(
            "embedding of a work not attested",
            e ->
                ((ObjectNode) influence(e).get("embeddings"))
                    .put("0x" + "03".repeat(32), "AQIDBA=="),
            "$.influence.embeddings.0x0303"),
        bad(
            "negative label",
            e -> ((ObjectNode) influence(e).get("labels")).put(W1, -1),
            "$.influence.labels." + W1 + " must be a non-negative integer"),
        bad("no probes", e -> influence(e).putArray("probes"), "$.influence.probes must be"),
        bad(
            "unsorted probes",
            e -> probe(e, 1).put("id", "p0"),
            "$.influence.probes[1].id \"p0\" must sort after \"p1\""),
        bad(
            "repeated probe",
            e -> probe(e, 1).put("id", "p1"),
            "$.influence.probes[1].id \"p1\" must sort after \"p1\""),
        bad(
            "probe of another dimension",
            e -> probe(e, 0).put("embedding", "AAEC"),
            "$.influence.probes[0] has 3 dimensions"),
        bad(
            "probe without label",
            e -> probe(e, 0).remove("label"),
            "$.influence.probes[0].label is required"),
        bad(
            "extra influence field",
            e -> influence(e).put("k", 5),
            "$.influence has an unknown field \"k\""),
        bad(
            "committed without submission",
            e -> {
              ObjectNode i = e.putObject("influence");
              i.put("method", "committed");
            },
            "$.influence.submission is required"),
        bad(
            "committed with a malformed submission",
            e -> e.putObject("influence").put("method", "committed").putObject("submission"),
            "$.influence.submission: scores is missing"),
        bad(
            "a floating-point number",
            e -> {
              ObjectNode s =
                  e.putObject("influence").put("method", "committed").putObject("submission");
              s.put("method", "trak").put("evidenceSha256", "0x" + "aa".repeat(32));
              s.putArray("scores").addObject().put("work", W1).put("score", "0.5");
              s.put("weight", 0.5);
            },
            "holds integers only"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void parse_refusesNamingThePath(String name, Consumer<ObjectNode> change, String message) {
    ObjectNode evidence = knn();
    change.accept(evidence);
    assertThatThrownBy(() -> Evidence.parse(evidence))
        .isInstanceOf(SettlementFormatException.class)
        .hasMessageContaining(message);
  }

  private static Arguments bad(String name, Consumer<ObjectNode> change, String message) {
    return Arguments.of(name, change, message);
  }

  private static ObjectNode influence(ObjectNode e) {
    return (ObjectNode) e.get("influence");
  }

  private static ObjectNode probe(ObjectNode e, int i) {
    return (ObjectNode) influence(e).get("probes").get(i);
  }

  @Test
  void worksRoot_isTheRfc6962HeadOfTheSortedIds() {
    List<Bytes32> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(Bytes32.parse("0x" + String.format("%02x", i).repeat(32)));
    }
    byte[][] leaves =
        ids.stream()
            .map(id -> io.airm.chain.merkle.Rfc6962.leafHash(id.bytes()))
            .toArray(byte[][]::new);
    // RFC 6962 §2.1 for n = 5: MTH = H(0x01 ‖ MTH(D[0:4]) ‖ MTH(D[4:5]))
    byte[] left =
        io.airm.chain.merkle.Rfc6962.nodeHash(
            io.airm.chain.merkle.Rfc6962.nodeHash(leaves[0], leaves[1]),
            io.airm.chain.merkle.Rfc6962.nodeHash(leaves[2], leaves[3]));
    byte[] expected = io.airm.chain.merkle.Rfc6962.nodeHash(left, leaves[4]);
    assertThat(WorksRoot.of(ids)).isEqualTo(Bytes32.of(expected));
    assertThat(WorksRoot.of(ids.subList(0, 1))).isEqualTo(Bytes32.of(leaves[0]));
  }

  @Test
  void worksRoot_refusesUnsortedIds() {
    List<Bytes32> ids = new ArrayList<>(List.of(new Bytes32(W1), new Bytes32(W2)));
    Collections.reverse(ids);
    assertThatThrownBy(() -> WorksRoot.of(ids))
        .isInstanceOf(SettlementFormatException.class)
        .hasMessageContaining(W1 + " follows " + W2);
  }
}
