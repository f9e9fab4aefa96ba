package io.airm.chain.merkle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * PATH and PROOF written as the RFC 6962 §2.1.1 and §2.1.2 recursions over a list of leaf hashes,
 * with no stored subtrees, to check {@link MerkleTree} against.
 */
final class ReferenceProofs {

  private ReferenceProofs() {}

  /** The leaf hashes of a synthetic log: leaf i holds i as 8 big-endian bytes, so all differ. */
  static List<byte[]> leafHashes(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> Rfc6962.leafHash(ByteBuffer.allocate(8).putLong(i).array()))
        .toList();
  }

  /** PATH(m, D[n]). */
  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    if (n == 1) {
      return new ArrayList<>();
    }
    int k = split(n);
    List<byte[]> path;
    if (m < k) {
      path = path(m, d.subList(0, k));
      path.add(Rfc6962.rootOf(d.subList(k, n)));
    } else {
      path = path(m - k, d.subList(k, n));
      path.add(Rfc6962.rootOf(d.subList(0, k)));
    }
    return path;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  static List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    if (m == n) {
      List<byte[]> proof = new ArrayList<>();
      if (!b) {
        proof.add(Rfc6962.rootOf(d));
      }
      return proof;
    }
    int k = split(n);
    List<byte[]> proof;
    if (m <= k) {
      proof = subproof(m, d.subList(0, k), b);
      proof.add(Rfc6962.rootOf(d.subList(k, n)));
    } else {
      proof = subproof(m - k, d.subList(k, n), false);
      proof.add(Rfc6962.rootOf(d.subList(0, k)));
    }
    return proof;
  }

  // The largest power of two smaller than n, found by doubling as the RFC words it.
  private static int split(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }
}
