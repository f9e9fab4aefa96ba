package io.airm.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.settlement.Evidence;
import io.airm.node.settlement.SettlementFormatException;
import io.airm.node.settlement.WorkTerms;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The documents the SDK builds are the ones the node reads: metadata whose terms the settlement
 * parses to the same payees, and evidence the node's parser accepts with the same digest.
 */
class DocumentsTest {
  private static final Address A = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
  private static final Address B = Address.parse("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
  private static final Bytes32 W1 = Bytes32.parse("0x" + "01".repeat(32));
  private static final Bytes32 W2 = Bytes32.parse("0x" + "02".repeat(32));

  @Test
  void metadata_isReadByTheSettlementAsItsPayees() {
    String json =
        WorkMetadata.titled("Essay")
            .withMediaType("text/markdown")
            .withCoCreator(A, 7000)
            .withCoCreator(B, 3000)
            .toJson();
    assertThat(json)
        .isEqualTo(
            "{\"title\":\"Essay\",\"mediaType\":\"text/markdown\",\"coCreators\":[{\"account\":\""
                + A.value()
                + "\",\"sharesBps\":7000},{\"account\":\""
                + B.value()
                + "\",\"sharesBps\":3000}]}");
    WorkTerms terms =
        WorkTerms.of(
            Optional.of(json), A, "text".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(terms.payees())
        .extracting(p -> p.account() + "=" + p.sharesBps())
        .containsExactly(A + "=7000", B + "=3000");
  }

  @Test
  void metadata_sharesNotSummingTo10000_orARepeatedAccount_areRefused() {
    assertThatThrownBy(() -> WorkMetadata.titled("x").withCoCreator(A, 7000).toJson())
        .hasMessageContaining("sum to 10000 bps, not 7000");
    assertThatThrownBy(
            () -> WorkMetadata.titled("x").withCoCreator(A, 5000).withCoCreator(A, 5000).toJson())
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> WorkMetadata.titled("x").withCoCreator(A, 0))
        .hasMessageContaining("not 0");
  }

  @Test
  void evidence_sortsTheWorks_andIsWhatTheNodeParses() {
    EvidenceDocument none = EvidenceDocument.none(List.of(W2, W1));
    assertThat(none.works()).containsExactly(W1, W2);
    Evidence parsed = Evidence.parse(none.canonicalBytes());
    assertThat(parsed.digest()).isEqualTo(none.digest());
    assertThat(parsed.worksRoot()).isEqualTo(none.worksRoot());

    EvidenceDocument committed =
        EvidenceDocument.committed(
            List.of(W1, W2),
            "trak",
            Bytes32.parse("0x" + "ee".repeat(32)),
            Map.of(W2, new BigDecimal("0.25"), W1, new BigDecimal("12")));
    assertThat(Evidence.parse(committed.toJson()).method()).isEqualTo(Evidence.Method.COMMITTED);
    assertThat(committed.toJson().at("/influence/submission/scores/0/score").asText())
        .isEqualTo("12");

    EvidenceDocument knn =
        EvidenceDocument.knnShapley(
            Map.of(W2, new byte[] {1, 2}, W1, new byte[] {2, 1}),
            Map.of(W1, 0, W2, 1),
            List.of(
                new EvidenceDocument.Probe("p2", new byte[] {1, 1}, 0),
                new EvidenceDocument.Probe("p1", new byte[] {0, 1}, 1)));
    assertThat(knn.toJson().at("/influence/probes/0/id").asText()).isEqualTo("p1");
    assertThat(Evidence.parse(knn.toJson()).digest()).isEqualTo(knn.digest());
  }

  @Test
  void evidence_knnWithoutALabel_isRefusedNamingTheWork() {
    assertThatThrownBy(
            () ->
                EvidenceDocument.knnShapley(
                    Map.of(W1, new byte[] {1}, W2, new byte[] {2}),
                    Map.of(W1, 0),
                    List.of(new EvidenceDocument.Probe("p", new byte[] {1}, 0))))
        .isInstanceOf(SettlementFormatException.class)
        .hasMessageContaining(W2.hex());
  }
}
