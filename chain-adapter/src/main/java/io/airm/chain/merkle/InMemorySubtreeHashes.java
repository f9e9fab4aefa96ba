package io.airm.chain.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An append-only log held in memory as perfect subtrees, by the same append logic as a database
 * log; for tests, and for clients that rebuild a small tree.
 *
 * <p>Not thread-safe: share one between threads only behind a lock.
 */
public final class InMemorySubtreeHashes implements SubtreeHashes {

  // levels.get(level).get(index) is the node (level, index); appends fill every level in order.
  private final List<List<byte[]>> levels = new ArrayList<>();

  private InMemorySubtreeHashes() {}

  /** An empty log. */
  public static InMemorySubtreeHashes empty() {
    return new InMemorySubtreeHashes();
  }

  /** A log holding {@code leafHashes}, appended in order. */
  public static InMemorySubtreeHashes of(List<byte[]> leafHashes) {
    InMemorySubtreeHashes log = empty();
    for (byte[] leafHash : Objects.requireNonNull(leafHashes, "leafHashes")) {
      log.append(leafHash);
    }
    return log;
  }

  /**
   * Appends a leaf hash and stores the subtrees it completes.
   *
   * @return the new leaf's index
   */
  public long append(byte[] leafHash) {
    long leafIndex = size();
    if (leafIndex == Integer.MAX_VALUE) {
      throw new IllegalStateException(
          "An in-memory log holds at most 2^31-1 leaves; use a database-backed log beyond that.");
    }
    for (SubtreeNode node : MerkleTree.nodesToStoreOnAppend(leafIndex, leafHash, this)) {
      if (node.level() == levels.size()) {
        levels.add(new ArrayList<>());
      }
      levels.get(node.level()).add(node.hash());
    }
    return leafIndex;
  }

  /** The number of leaves appended so far. */
  public long size() {
    return levels.isEmpty() ? 0 : levels.get(0).size();
  }

  /** The root of the whole log, MTH(D[size()]). */
  public byte[] root() {
    return MerkleTree.root(size(), this);
  }

  /** Returns a copy of the stored node, or {@code null} if it is not complete yet. */
  @Override
  public byte[] hash(int level, long index) {
    if (level < 0 || level >= levels.size() || index < 0) {
      return null;
    }
    List<byte[]> nodes = levels.get(level);
    return index < nodes.size() ? nodes.get((int) index).clone() : null;
  }
}
