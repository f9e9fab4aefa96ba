package io.airm.node.audit;

import io.airm.chain.eth.Address;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.events.CheckpointAnchored;
import io.airm.chain.events.LogSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code CheckpointAnchored} event of a WorkRegistry, read from the chain in block ranges.
 */
public final class ChainCheckpoints {
  /** Blocks per {@code eth_getLogs} call. */
  public static final int MAX_BLOCK_RANGE = 5_000;

  private ChainCheckpoints() {}

  /**
   * The checkpoints {@code registry} announced in blocks {@code fromBlock} to {@code toBlock}, in
   * chain order.
   */
  public static List<CheckpointAnchored> read(
      LogSource chain, Address registry, long fromBlock, long toBlock) {
    List<CheckpointAnchored> checkpoints = new ArrayList<>();
    for (long from = Math.max(0, fromBlock); from <= toBlock; from += MAX_BLOCK_RANGE) {
      long to = Math.min(toBlock, from + MAX_BLOCK_RANGE - 1);
      for (ChainEvent event : chain.logs(List.of(registry), from, to)) {
        CheckpointAnchored.decode(event).ifPresent(checkpoints::add);
      }
    }
    return checkpoints;
  }
}
