package io.airm.chain.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Checks RFC 6962 inclusion and consistency proofs by the iterative algorithms of RFC 9162 §2.1.3.2
 * and §2.1.4.2; a proof that does not verify is a {@link MerkleProofException}.
 *
 * <p>Everything a verifier is handed may come from an untrusted log, so malformed input (a leaf
 * index outside the tree, a hash that is not 32 bytes) is a {@link MerkleProofException} too.
 *
 * <p>A proof checks a tree size and a root as a pair the caller already trusts, so take both from
 * the same signed tree head: the audit path of leaf 0 in a 3-leaf tree, checked as if that tree had
 * 4 leaves, still yields the 3-leaf root, because both paths have the same shape.
 */
public final class MerkleVerifier {

  private MerkleVerifier() {}

  /**
   * Verifies that {@code leafHash} is leaf {@code leafIndex} of the tree of size {@code treeSize}
   * whose root is {@code root}.
   *
   * @throws MerkleProofException if it is not, with the computed and the expected root in hex
   */
  public static void verifyInclusion(
      byte[] leafHash, long leafIndex, long treeSize, List<byte[]> proof, byte[] root) {
    requireHash(root, "expected root");
    byte[] computed = rootFromInclusionProof(leafHash, leafIndex, treeSize, proof);
    if (!Arrays.equals(computed, root)) {
      throw mismatch(
          "Inclusion proof for leaf " + leafIndex + " in the tree of size " + treeSize,
          "root",
          computed,
          root);
    }
  }

  /**
   * The root that an inclusion proof computes for {@code leafHash} at {@code leafIndex} in a tree
   * of size {@code treeSize} (RFC 9162 §2.1.3.2, steps 1 to 4); an auditor compares it with a
   * signed root, or shows it.
   *
   * @throws MerkleProofException if the proof cannot be one for that leaf and size: the index is
   *     outside the tree, a hash is not 32 bytes, or the proof has the wrong number of hashes
   */
  public static byte[] rootFromInclusionProof(
      byte[] leafHash, long leafIndex, long treeSize, List<byte[]> proof) {
    requireHash(leafHash, "leaf hash");
    Objects.requireNonNull(proof, "proof");
    String what = "Inclusion proof for leaf " + leafIndex + " in the tree of size " + treeSize;
    // Step 1.
    if (treeSize <= 0) {
      throw new MerkleProofException(what + " cannot verify: that tree has no leaves.");
    }
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new MerkleProofException(
          what + " cannot verify: the leaves of that tree are 0 to " + (treeSize - 1) + ".");
    }
    requireHashes(proof, what);

    // Steps 2 to 4. fn is the position within its level of the node that r stands for, and sn
    // the position of that level's last node. A right child (fn odd) takes the proof's next hash
    // as its left sibling. So does a level's last node that is a left child: it has no right
    // sibling, so it rises unchanged (the inner loop) until it is a right child.
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw new MerkleProofException(
            what + " is too long: it has " + proof.size() + " hashes, more than the path to root.");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        // The RFC's "if LSB(fn) is not set, right-shift fn and sn until LSB(fn) is set or fn is
        // 0"; for an odd fn the loop stops at once, so its outer test is left out.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    // Step 5, the half that does not involve the expected root.
    if (sn != 0) {
      throw new MerkleProofException(
          what + " is too short: it has " + proof.size() + " hashes, fewer than the path to root.");
    }
    return r;
  }

  /**
   * Verifies that the tree of size {@code newSize} with root {@code newRoot} extends the tree of
   * size {@code oldSize} with root {@code oldRoot} (RFC 9162 §2.1.4.2).
   *
   * <p>Equal sizes need equal roots and an empty proof; old size 0 needs the empty tree's root and
   * an empty proof, since every tree extends the empty one.
   *
   * @throws MerkleProofException if it does not, naming both sizes and, for a root mismatch, the
   *     computed and the expected root in hex
   */
  public static void verifyConsistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
    requireHash(oldRoot, "old root");
    requireHash(newRoot, "new root");
    Objects.requireNonNull(proof, "proof");
    String what = "Consistency proof from tree size " + oldSize + " to " + newSize;
    if (oldSize < 0 || newSize < oldSize) {
      throw new MerkleProofException(
          what + " cannot verify: the sizes must satisfy 0 <= old size <= new size.");
    }
    requireHashes(proof, what);

    if (oldSize == 0 || oldSize == newSize) {
      if (!proof.isEmpty()) {
        throw new MerkleProofException(
            what + " must be empty, but it has " + proof.size() + " hashes.");
      }
      if (oldSize == 0 && !Arrays.equals(oldRoot, Rfc6962.emptyRoot())) {
        throw new MerkleProofException(
            what
                + " does not verify: the old root is "
                + Rfc6962.hex(oldRoot)
                + ", but the root of the empty tree is "
                + Rfc6962.hex(Rfc6962.emptyRoot())
                + ".");
      }
      if (oldSize == newSize && !Arrays.equals(oldRoot, newRoot)) {
        throw new MerkleProofException(
            what
                + " does not verify: equal tree sizes need equal roots, but the old root is "
                + Rfc6962.hex(oldRoot)
                + " and the new root is "
                + Rfc6962.hex(newRoot)
                + ".");
      }
      return;
    }

    // Step 1.
    if (proof.isEmpty()) {
      throw new MerkleProofException(what + " is empty; only a proof between equal tree sizes is.");
    }
    // Step 2: when the old tree is a perfect subtree of the new one, PROOF leaves out its root,
    // which the verifier already holds.
    List<byte[]> path = proof;
    if (Long.bitCount(oldSize) == 1) {
      path = new ArrayList<>(proof.size() + 1);
      path.add(oldRoot);
      path.addAll(proof);
    }
    // Steps 3 and 4: climb from the old tree's last leaf while it is a right child. Those
    // ancestors are complete in the old tree, and the path's first hash is the highest of them,
    // the largest perfect subtree that ends the old tree.
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // Step 5: fr rebuilds the old root and sr the new one from the same path.
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    // Step 6: a hash on the left belongs to both trees; one on the right only to the new tree.
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw new MerkleProofException(
            what + " is too long: it has " + proof.size() + " hashes, more than it needs.");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.nodeHash(c, fr);
        sr = Rfc6962.nodeHash(c, sr);
        // As in rootFromInclusionProof, the RFC's outer "if LSB(fn) is not set" is left out.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = Rfc6962.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    // Step 7.
    if (sn != 0) {
      throw new MerkleProofException(
          what + " is too short: it has " + proof.size() + " hashes, fewer than it needs.");
    }
    if (!Arrays.equals(fr, oldRoot)) {
      throw mismatch(what, "old root", fr, oldRoot);
    }
    if (!Arrays.equals(sr, newRoot)) {
      throw mismatch(what, "new root", sr, newRoot);
    }
  }

  private static MerkleProofException mismatch(
      String what, String name, byte[] computed, byte[] expected) {
    return new MerkleProofException(
        what
            + " does not verify: it computes "
            + name
            + " "
            + Rfc6962.hex(computed)
            + ", but the expected "
            + name
            + " is "
            + Rfc6962.hex(expected)
            + ".");
  }

  private static void requireHash(byte[] hash, String name) {
    Objects.requireNonNull(hash, name);
    if (hash.length != Rfc6962.HASH_SIZE) {
      throw new MerkleProofException(
          "The " + name + " is " + hash.length + " bytes long; a SHA-256 hash is 32.");
    }
  }

  private static void requireHashes(List<byte[]> proof, String what) {
    for (int i = 0; i < proof.size(); i++) {
      byte[] hash = Objects.requireNonNull(proof.get(i), "proof hash");
      if (hash.length != Rfc6962.HASH_SIZE) {
        throw new MerkleProofException(
            what
                + " cannot verify: its hash "
                + i
                + " is "
                + hash.length
                + " bytes long; a SHA-256 hash is 32.");
      }
    }
  }
}
