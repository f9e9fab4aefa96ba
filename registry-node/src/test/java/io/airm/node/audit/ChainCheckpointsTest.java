package io.airm.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.events.CheckpointAnchored;
import io.airm.chain.events.LogSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checkpoints read from the chain's logs in block ranges, other events left out. */
class ChainCheckpointsTest {
  private static final Address REGISTRY =
      Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  private static final Bytes32 OTHER_TOPIC = Bytes32.parse("0x" + "77".repeat(32));

  /** Logs at given blocks; remembers the ranges it was asked for. */
  private static final class Logs implements LogSource {
    final List<ChainEvent> events = new ArrayList<>();
    final List<long[]> ranges = new ArrayList<>();

    @Override
    public long headNumber() {
      return 20_000;
    }

    @Override
    public Optional<Bytes32> blockHash(long number) {
      return Optional.of(block(number));
    }

    @Override
    public List<ChainEvent> logs(List<Address> contracts, long fromBlock, long toBlock) {
      assertThat(contracts).containsExactly(REGISTRY);
      ranges.add(new long[] {fromBlock, toBlock});
      return events.stream()
          .filter(e -> e.blockNumber() >= fromBlock && e.blockNumber() <= toBlock)
          .toList();
    }
  }

  private static Bytes32 block(long number) {
    return Bytes32.parse(String.format("0x%064x", number));
  }

  private static ChainEvent anchored(long block, long treeSize, Bytes32 root) {
    return new ChainEvent(
        REGISTRY,
        block,
        block(block),
        Bytes32.parse(String.format("0x%064x", block + 1_000_000)),
        0,
        List.of(
            CheckpointAnchored.TOPIC,
            Bytes32.parse(String.format("0x%064x", treeSize)),
            Bytes32.parse("0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266")),
        root.hex());
  }

  @Test
  void read_findsEveryCheckpointInOrder_acrossBlockRanges_andSkipsOtherEvents() {
    Logs logs = new Logs();
    Bytes32 root = Bytes32.parse("0x" + "ab".repeat(32));
    logs.events.add(anchored(12, 3, root));
    logs.events.add(
        new ChainEvent(REGISTRY, 13, block(13), block(99), 1, List.of(OTHER_TOPIC), "0x"));
    logs.events.add(anchored(5_011, 8, root));
    logs.events.add(anchored(12_000, 21, root));

    List<CheckpointAnchored> checkpoints = ChainCheckpoints.read(logs, REGISTRY, 10, 12_500);

    assertThat(checkpoints).extracting(CheckpointAnchored::treeSize).containsExactly(3L, 8L, 21L);
    assertThat(checkpoints).extracting(CheckpointAnchored::root).containsOnly(root);
    assertThat(logs.ranges)
        .extracting(r -> r[0] + "-" + r[1])
        .containsExactly("10-5009", "5010-10009", "10010-12500");
  }
}
