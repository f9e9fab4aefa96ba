package io.airm.chain.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * RFC 6962 tree heads and proofs computed from a log's stored perfect subtrees, with O(log n)
 * lookups each.
 *
 * <p>Arguments that no log could answer for (a negative size, a leaf outside the tree) are {@link
 * IllegalArgumentException}s; a subtree that storage should hold but does not is an {@link
 * IllegalStateException} naming its level and index.
 */
public final class MerkleTree {

  private MerkleTree() {}

  /**
   * The perfect subtrees that appending leaf {@code leafIndex} completes, to be stored in the same
   * transaction as the leaf: the leaf itself at level 0, then each parent while the index at that
   * level is odd.
   *
   * @param leafIndex the index the new leaf gets, which is the tree size before the append
   * @param leafHash the new leaf's {@link Rfc6962#leafHash}
   * @param existing the subtrees stored for leaves {@code 0..leafIndex-1}
   * @return the new nodes, lowest level first
   */
  public static List<SubtreeNode> nodesToStoreOnAppend(
      long leafIndex, byte[] leafHash, SubtreeHashes existing) {
    if (leafIndex < 0 || leafIndex == Long.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Leaf index " + leafIndex + " is outside 0..2^63-2, the leaves a tree can hold.");
    }
    Rfc6962.requireHash("leaf hash", leafHash);
    Objects.requireNonNull(existing, "existing");
    String purpose = "appending leaf " + leafIndex;

    List<SubtreeNode> nodes = new ArrayList<>();
    int level = 0;
    long index = leafIndex;
    byte[] hash = leafHash;
    nodes.add(new SubtreeNode(level, index, hash));
    // A node at an odd index is a right child whose left sibling is already stored; with it, the
    // pair completes their parent, which may in turn be a right child.
    while ((index & 1) == 1) {
      hash = Rfc6962.nodeHash(stored(existing, level, index - 1, purpose), hash);
      level++;
      index >>>= 1;
      nodes.add(new SubtreeNode(level, index, hash));
    }
    return List.copyOf(nodes);
  }

  /** MTH(D[treeSize]), the root of the first {@code treeSize} leaves (RFC 6962 §2.1). */
  public static byte[] root(long treeSize, SubtreeHashes stored) {
    requireTreeSize(treeSize);
    Objects.requireNonNull(stored, "stored");
    if (treeSize == 0) {
      return Rfc6962.emptyRoot();
    }
    return rangeHash(0, treeSize, stored, "the root of the tree of size " + treeSize);
  }

  /**
   * PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path from leaf {@code leafIndex} to the root of the
   * tree of size {@code treeSize}, nearest the leaf first.
   */
  public static List<byte[]> inclusionProof(long leafIndex, long treeSize, SubtreeHashes stored) {
    requireTreeSize(treeSize);
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "Leaf index "
              + leafIndex
              + " is outside the tree of size "
              + treeSize
              + "; there is no inclusion proof for it.");
    }
    Objects.requireNonNull(stored, "stored");
    String purpose =
        "the inclusion proof for leaf " + leafIndex + " in the tree of size " + treeSize;

    // The §2.1.1 recursion unrolled from the root down: each step keeps the part of D[start:end]
    // that holds the leaf and records the MTH of the other part. The RFC lists those leaf first.
    List<byte[]> path = new ArrayList<>();
    long start = 0;
    long end = treeSize;
    while (end - start > 1) {
      long k = Rfc6962.largestPowerOfTwoBelow(end - start);
      if (leafIndex < start + k) {
        path.add(rangeHash(start + k, end, stored, purpose));
        end = start + k;
      } else {
        path.add(rangeHash(start, start + k, stored, purpose));
        start += k;
      }
    }
    Collections.reverse(path);
    return List.copyOf(path);
  }

  /**
   * PROOF(m, D[n]) of RFC 6962 §2.1.2: the hashes that show the tree of size {@code newSize}
   * extends the tree of size {@code oldSize}; empty when the sizes are equal.
   */
  public static List<byte[]> consistencyProof(long oldSize, long newSize, SubtreeHashes stored) {
    if (oldSize <= 0) {
      throw new IllegalArgumentException(
          "Old tree size "
              + oldSize
              + " is not positive; a consistency proof starts from a tree of at least one leaf.");
    }
    if (newSize < oldSize) {
      throw new IllegalArgumentException(
          "New tree size "
              + newSize
              + " is smaller than old tree size "
              + oldSize
              + "; a log only grows.");
    }
    Objects.requireNonNull(stored, "stored");
    String purpose = "the consistency proof from tree size " + oldSize + " to " + newSize;

    // SUBPROOF(m, D[n], true) unrolled like inclusionProof. The loop keeps start <= oldSize <= end;
    // oldRootKnown is SUBPROOF's b, true while D[start:end] still starts at leaf 0 so that the
    // verifier holds MTH(D[0:m]) itself.
    List<byte[]> proof = new ArrayList<>();
    long start = 0;
    long end = newSize;
    boolean oldRootKnown = true;
    while (oldSize < end) {
      long k = Rfc6962.largestPowerOfTwoBelow(end - start);
      if (oldSize - start <= k) {
        proof.add(rangeHash(start + k, end, stored, purpose));
        end = start + k;
      } else {
        proof.add(rangeHash(start, start + k, stored, purpose));
        start += k;
        oldRootKnown = false;
      }
    }
    // Now end == oldSize: SUBPROOF(m, D[m], b) adds MTH(D[m]) only when b is false.
    if (!oldRootKnown) {
      proof.add(rangeHash(start, end, stored, purpose));
    }
    Collections.reverse(proof);
    return List.copyOf(proof);
  }

  // MTH(D[start:end]) for a range that the §2.1 recursion reaches. Each such range starts at a
  // multiple of the smallest power of two at least its length, so a range whose length is a power
  // of two is a stored perfect subtree, and so is the left part D[start:start+k] of any other one:
  // only the right part recurses, at most once per bit of the length.
  private static byte[] rangeHash(long start, long end, SubtreeHashes stored, String purpose) {
    long length = end - start;
    if (Long.bitCount(length) == 1) {
      int level = Long.numberOfTrailingZeros(length);
      return stored(stored, level, start >>> level, purpose);
    }
    long k = Rfc6962.largestPowerOfTwoBelow(length);
    return Rfc6962.nodeHash(
        rangeHash(start, start + k, stored, purpose), rangeHash(start + k, end, stored, purpose));
  }

  private static byte[] stored(SubtreeHashes stored, int level, long index, String purpose) {
    byte[] hash = stored.hash(level, index);
    if (hash == null) {
      throw new IllegalStateException(
          "Subtree (level "
              + level
              + ", index "
              + index
              + ") is not in storage, but "
              + purpose
              + " needs it.");
    }
    if (hash.length != Rfc6962.HASH_SIZE) {
      throw new IllegalStateException(
          "Storage holds "
              + hash.length
              + " bytes for subtree (level "
              + level
              + ", index "
              + index
              + "); a SHA-256 hash is 32.");
    }
    return hash;
  }

  private static void requireTreeSize(long treeSize) {
    if (treeSize < 0) {
      throw new IllegalArgumentException("Tree size " + treeSize + " is negative.");
    }
  }
}
