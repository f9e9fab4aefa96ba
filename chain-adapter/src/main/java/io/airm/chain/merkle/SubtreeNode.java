package io.airm.chain.merkle;

import java.util.Arrays;

/**
 * One perfect subtree to store: the hash of leaves [index·2^level, (index+1)·2^level).
 *
 * @param level the subtree's height; 0 for a leaf
 * @param index the subtree's position among the subtrees of its level, counted from 0
 * @param hash its RFC 6962 Merkle Tree Hash, 32 bytes (copied in and out)
 */
public record SubtreeNode(int level, long index, byte[] hash) {

  /** Validates the coordinates and hash, and takes a copy of the hash. */
  public SubtreeNode {
    if (level < 0 || level > 62) {
      throw new IllegalArgumentException(
          "Subtree level " + level + " is outside 0..62, the levels of a tree of 2^63-1 leaves.");
    }
    if (index < 0) {
      throw new IllegalArgumentException("Subtree index " + index + " is negative.");
    }
    if (index > (Long.MAX_VALUE >> level)) {
      throw new IllegalArgumentException(
          "Subtree (level "
              + level
              + ", index "
              + index
              + ") would start past the largest leaf index, 2^63-1.");
    }
    Rfc6962.requireHash("subtree hash", hash);
    hash = hash.clone();
  }

  /** Returns a copy of the subtree's hash. */
  @Override
  public byte[] hash() {
    return hash.clone();
  }

  // A record compares arrays by identity; a node is a value, so compare the bytes.
  @Override
  public boolean equals(Object o) {
    return o instanceof SubtreeNode other
        && level == other.level
        && index == other.index
        && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * level + Long.hashCode(index)) + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "SubtreeNode[level=" + level + ", index=" + index + ", hash=" + Rfc6962.hex(hash) + "]";
  }
}
