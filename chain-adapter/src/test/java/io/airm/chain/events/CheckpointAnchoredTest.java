package io.airm.chain.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointAnchoredTest {
  private static final Bytes32 ROOT = FakeChain.hash("root");
  private static final Address ANCHORER = Address.parse("0x" + "ab".repeat(20));

  /** A log as the contract emits it, encoded by hand (indexed words in topics, root in data). */
  private static ChainEvent anchored(List<Bytes32> topics, String data) {
    return new ChainEvent(
        FakeChain.CONTRACT, 7, FakeChain.hash("block"), FakeChain.hash("tx"), 3, topics, data);
  }

  private static Bytes32 word(String hexDigits) {
    return Bytes32.parse("0x" + "0".repeat(64 - hexDigits.length()) + hexDigits);
  }

  private static final ChainEvent GOOD =
      anchored(
          List.of(CheckpointAnchored.TOPIC, word("2a"), word(ANCHORER.value().substring(2))),
          ROOT.hex());

  @Test
  void topic_isTheKeccakOfTheSignature() {
    assertThat(CheckpointAnchored.TOPIC)
        .isEqualTo(
            Bytes32.of(
                org.web3j.crypto.Hash.sha3(
                    "CheckpointAnchored(uint64,bytes32,address)"
                        .getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void decode_readsTreeSizeRootAndAnchorer() {
    CheckpointAnchored checkpoint = CheckpointAnchored.decode(GOOD).orElseThrow();

    assertThat(checkpoint.treeSize()).isEqualTo(42);
    assertThat(checkpoint.root()).isEqualTo(ROOT);
    assertThat(checkpoint.anchorer()).isEqualTo(ANCHORER);
    assertThat(checkpoint.event()).isSameAs(GOOD);
  }

  @Test
  void decode_ofAnotherEvent_isEmpty() {
    ChainEvent other = anchored(List.of(FakeChain.hash("Other()")), "0x");

    assertThat(CheckpointAnchored.decode(other)).isEmpty();
  }

  @Test
  void decode_ofTheTopicWithoutItsIndexedArguments_namesTheTransaction() {
    ChainEvent truncated = anchored(List.of(CheckpointAnchored.TOPIC), ROOT.hex());

    assertThatThrownBy(() -> CheckpointAnchored.decode(truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(FakeChain.hash("tx").hex());
  }
}
