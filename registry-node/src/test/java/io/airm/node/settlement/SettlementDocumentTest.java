package io.airm.node.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.valuation.json.CanonicalJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettlementDocumentTest {
  static SettlementFixture fixture;

  @BeforeAll
  static void build() {
    fixture = SettlementFixture.create();
  }

  @Test
  void parse_ofToJson_isTheSameDocument() {
    SettlementDocument document = fixture.document;
    SettlementDocument parsed = SettlementDocument.parse(document.canonicalBytes());
    assertThat(parsed).isEqualTo(document);
    assertThat(parsed.canonicalBytes()).isEqualTo(document.canonicalBytes());
    assertThat(parsed.digest()).isEqualTo(document.digest());
  }

  @Test
  void toJson_hasTheSpecifiedShape() {
    ObjectNode json = fixture.document.toJson();
    assertThat(json.get("format").asText()).isEqualTo("airm-settlement/1");
    assertThat(json.get("chainId").asText()).isEqualTo("31337");
    assertThat(json.at("/pool/funded").asText()).isEqualTo("1000000000000000000");
    assertThat(json.at("/attestation/message/nonce").isTextual()).isTrue();
    assertThat(json.at("/attestation/message/workCount").asInt()).isEqualTo(3);
    assertThat(json.at("/works/2/metadata").isNull()).isTrue();
    assertThat(json.at("/works/0/registration/aiTraining").asBoolean()).isTrue();
    assertThat(json.at("/creatorRecords/" + SettlementFixture.A + "/earlierWorks").asInt())
        .isEqualTo(2);
    assertThat(json.at("/allocation/total").asText()).isEqualTo("1000000000000000000");
  }

  @Test
  void digest_isSha256OfTheCanonicalJson() {
    byte[] bytes = fixture.document.canonicalBytes();
    assertThat(bytes).isEqualTo(CanonicalJson.bytes(fixture.document.toJson()));
    assertThat(fixture.document.digest().hex()).isEqualTo(CanonicalJson.sha256(bytes));
  }

  @Test
  void digest_changesWithAnyField() {
    SettlementDocument other =
        fixture.document.toBuilder()
            .pool(
                new SettlementDocument.Pool(
                    BigInteger.valueOf(8),
                    fixture.document.pool().token(),
                    fixture.document.pool().funded(),
                    fixture.document.pool().attestationId()))
            .build();
    assertThat(other.digest()).isNotEqualTo(fixture.document.digest());
  }

  @Test
  void aDraft_hasNoDigest() {
    assertThat(fixture.draft.isComplete()).isFalse();
    assertThat(fixture.draft.toJson().has("valuation")).isFalse();
    assertThatThrownBy(() -> fixture.draft.digest()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SettlementDocument.parse(fixture.draft.toJson()))
        .hasMessageContaining("$.allocation is required");
  }

  @Test
  void build_refusesWorksOutOfLogOrder() {
    List<SettlementDocument.Work> works = new ArrayList<>(fixture.document.works());
    works.add(works.remove(0));
    assertThatThrownBy(() -> fixture.document.toBuilder().works(works).build())
        .isInstanceOf(SettlementFormatException.class)
        .hasMessageContaining("$.works[2].logIndex 2 must be greater than $.works[1].logIndex");
  }

  @Test
  void build_refusesOneOfValuationAndAllocation() {
    assertThatThrownBy(
            () -> fixture.draft.toBuilder().allocation(fixture.document.allocation().get()).build())
        .hasMessageContaining("$.valuation and $.allocation must both be present");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("unknown field", d -> d.put("note", "x"), "$ has an unknown field \"note\""),
        bad("missing field", d -> d.remove("checkpoint"), "$.checkpoint is required"),
        bad("wrong format", d -> d.put("format", "airm-settlement/2"), "$.format must be"),
        bad("numeric chain id", d -> d.put("chainId", 31337), "$.chainId must be an unsigned"),
        bad("zero chain id", d -> d.put("chainId", "0"), "$.chainId must be a positive"),
        bad(
            "leading zero",
            d -> obj(d, "pool").put("funded", "01000"),
            "$.pool.funded must be an unsigned integer as a decimal string"),
        bad(
            "checksummed address",
            d ->
                obj(d, "contracts")
                    .put("workRegistry", "0x5FbDB2315678afecb367f032d93F642f64180aa3"),
            "$.contracts.workRegistry must be 0x and 40 lower-case hex digits"),
        bad(
            "upper-case hash",
            d -> obj(d, "checkpoint").put("root", "0x" + "AB".repeat(32)),
            "$.checkpoint.root must be 0x and 64 lower-case hex digits"),
        bad(
            "zero tree size",
            d -> obj(d, "checkpoint").put("treeSize", 0),
            "$.checkpoint.treeSize must be positive"),
        bad(
            "tree size as a string",
            d -> obj(d, "checkpoint").put("treeSize", "7"),
            "$.checkpoint.treeSize must be a non-negative integer"),
        bad(
            "signature with v = 0",
            d -> {
              String sig = work(d, 1).get("signature").asText();
              work(d, 1)
                  .put("signature", sig.substring(0, 130) + (sig.endsWith("1b") ? "00" : "01"));
            },
            "$.works[1].signature must write v as 27 or 28"),
        bad(
            "signature too short",
            d -> work(d, 0).put("signature", "0x1234"),
            "$.works[0].signature must be 0x and 130"),
        bad(
            "metadata as an object",
            d -> work(d, 0).putObject("metadata"),
            "$.works[0].metadata must be a string or null"),
        bad(
            "registration with an unknown field",
            d -> ((ObjectNode) work(d, 2).get("registration")).put("royalty", 5),
            "$.works[2].registration has an unknown field \"royalty\""),
        bad(
            "registration without aiTraining",
            d -> ((ObjectNode) work(d, 2).get("registration")).remove("aiTraining"),
            "$.works[2].registration.aiTraining is required"),
        bad(
            "a proof hash that is not one",
            d -> ((ArrayNode) work(d, 0).get("proof")).add("0x12"),
            "$.works[0].proof["),
        bad(
            "a log index beyond the checkpoint",
            d -> work(d, 2).put("logIndex", 1000),
            "$.works[2].logIndex 1000 is not in the checkpoint's tree of size 7"),
        bad(
            "the attestation's log index on a work",
            d -> work(d, 2).put("logIndex", d.at("/attestation/logIndex").asLong()),
            "$.works[2].logIndex is the attestation's log index 5"),
        bad(
            "a repeated work",
            d -> {
              ObjectNode copy = work(d, 0).deepCopy();
              copy.put("logIndex", 6);
              ((ArrayNode) d.get("works")).add(copy);
            },
            "$.works[3] repeats work"),
        bad("no works", d -> d.putArray("works"), "$.works must not be empty"),
        bad(
            "a message with a log index",
            d -> ((ObjectNode) d.at("/attestation/message")).put("logIndex", 5),
            "$.attestation.message has an unknown field \"logIndex\""),
        bad(
            "a work count beyond uint32",
            d -> ((ObjectNode) d.at("/attestation/message")).put("workCount", 1L << 32),
            "$.attestation.message.workCount must fit in uint32"),
        bad(
            "a CID in a non-canonical base",
            d ->
                obj(d, "attestation")
                    .put(
                        "evidenceCid",
                        "z"
                            + io.airm.ipfs.multiformats.Base58Btc.encode(
                                io.airm.ipfs.cid.Cid.parse(fixture.evidenceCid).bytes())),
            "$.attestation.evidenceCid must be written in its canonical form bafk"),
        bad(
            "a CID that is not one",
            d -> obj(d, "valuation").put("reportCid", "bafynotacid"),
            "$.valuation.reportCid is not a CID"),
        bad(
            "a creator record key in upper case",
            d -> obj(d, "creatorRecords").putObject("0x" + "AB".repeat(20)).put("earlierWorks", 1),
            "$.creatorRecords.0x" + "AB".repeat(20) + " must be 0x and 40 lower-case"),
        bad(
            "a negative creator record",
            d -> obj(d, "creatorRecords").putObject("0x" + "ab".repeat(20)).put("earlierWorks", -1),
            "earlierWorks must be a non-negative integer"),
        bad(
            "zero allocation leaves",
            d -> obj(d, "allocation").put("leaves", 0),
            "$.allocation.leaves must be positive"),
        bad(
            "allocation total as a number",
            d -> obj(d, "allocation").put("total", 1),
            "$.allocation.total must be an unsigned integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void parse_refusesNamingThePath(String name, Consumer<ObjectNode> change, String message) {
    ObjectNode json = fixture.document.toJson();
    change.accept(json);
    assertThatThrownBy(() -> SettlementDocument.parse(json))
        .isInstanceOf(SettlementFormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_refusesARepeatedKey() {
    String json = new String(fixture.document.canonicalBytes(), StandardCharsets.UTF_8);
    String repeated =
        json.replace("\"chainId\":\"31337\"", "\"chainId\":\"1\",\"chainId\":\"31337\"");
    assertThatThrownBy(() -> SettlementDocument.parse(repeated.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("Duplicate field 'chainId'");
  }

  @Test
  void sortedWorkIds_areTheEvidenceOrder() {
    assertThat(fixture.document.sortedWorkIds()).isEqualTo(fixture.evidence.works());
    assertThat(fixture.document.sortedWorkIds().stream().map(Bytes32::hex).toList()).isSorted();
  }

  private static Arguments bad(String name, Consumer<ObjectNode> change, String message) {
    return Arguments.of(name, change, message);
  }

  private static ObjectNode obj(ObjectNode d, String field) {
    return (ObjectNode) d.get(field);
  }

  private static ObjectNode work(ObjectNode d, int i) {
    return (ObjectNode) d.get("works").get(i);
  }
}
