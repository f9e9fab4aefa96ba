package io.airm.chain.registry;

import io.airm.chain.eth.Bytes32;

/** A tree head of the registry's log as anchored on chain: its size and RFC 6962 root. */
public record Checkpoint(long treeSize, Bytes32 root) {
  public Checkpoint {
    if (treeSize < 0 || root == null) {
      throw new IllegalArgumentException("A checkpoint needs a tree size >= 0 and a root");
    }
  }
}
