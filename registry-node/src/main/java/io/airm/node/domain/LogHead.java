package io.airm.node.domain;

import io.airm.chain.eth.Bytes32;
import java.util.Optional;

/**
 * Where the log stands: its size and root as the node computes them, and the newest checkpoint
 * anchored on chain.
 */
public record LogHead(long treeSize, Bytes32 root, Optional<Anchor> latestCheckpoint) {
  public LogHead {
    if (treeSize < 0 || root == null || latestCheckpoint == null) {
      throw new IllegalArgumentException("A log head needs a size >= 0 and a root");
    }
  }
}
