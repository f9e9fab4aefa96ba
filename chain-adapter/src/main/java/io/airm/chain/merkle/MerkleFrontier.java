package io.airm.chain.merkle;

import java.util.Arrays;

/**
 * The root of an RFC 6962 tree computed while its leaves stream past: an auditor replaying a log of
 * any length keeps O(log n) hashes, not the leaves.
 *
 * <p>The frontier holds the roots of the perfect subtrees that the binary decomposition of the
 * current size gives, largest (leftmost) first: for 13 = 8 + 4 + 1 leaves, the subtrees over leaves
 * [0, 8), [8, 12) and [12, 13). Appending a leaf merges equal-sized subtrees as a binary counter
 * carries. The Merkle Tree Hash of RFC 6962 §2.1 splits n leaves at the largest power of two below
 * n, which is exactly the first of those subtrees, so the root is the subtrees folded from the
 * right: MTH = node(S1, node(S2, ... node(Sk-1, Sk))).
 *
 * <p>Not thread-safe: one frontier follows one stream of leaves.
 */
public final class MerkleFrontier {
  // hashes[i] is the root of the i-th perfect subtree, largest first; its size is the i-th set
  // bit of size counted from the top. At most 64 subtrees for any long size.
  private final byte[][] hashes = new byte[64][];
  private int count;
  private long size;

  /** An empty tree. */
  public MerkleFrontier() {}

  /** The number of leaves appended. */
  public long size() {
    return size;
  }

  /**
   * Appends the leaf whose hash (SHA-256(0x00 || leaf), {@link Rfc6962#leafHash}) is {@code
   * leafHash}.
   */
  public void append(byte[] leafHash) {
    Rfc6962.requireHash("leaf hash", leafHash);
    byte[] carry = leafHash.clone();
    // The subtrees to merge are those of the trailing one-bits of size: each is as large as the
    // subtree being carried up, and lies just to its left.
    for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
      carry = Rfc6962.nodeHash(hashes[--count], carry);
      hashes[count] = null;
    }
    hashes[count++] = carry;
    size++;
  }

  /** The RFC 6962 root of the leaves appended so far (SHA-256 of nothing for none). */
  public byte[] root() {
    if (count == 0) {
      return Rfc6962.emptyRoot();
    }
    byte[] root = hashes[count - 1];
    for (int i = count - 2; i >= 0; i--) {
      root = Rfc6962.nodeHash(hashes[i], root);
    }
    return root.clone();
  }

  @Override
  public String toString() {
    return "MerkleFrontier[size="
        + size
        + ", root="
        + Rfc6962.hex(root())
        + ", subtrees="
        + Arrays.stream(hashes, 0, count).map(Rfc6962::hex).toList()
        + "]";
  }
}
