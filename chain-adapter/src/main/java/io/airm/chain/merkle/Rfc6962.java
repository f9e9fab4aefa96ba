package io.airm.chain.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** The RFC 6962 §2.1 Merkle Tree Hash over SHA-256: leaf and node hashing and the reference MTH. */
public final class Rfc6962 {

  /** Length in bytes of every hash in the tree (SHA-256). */
  public static final int HASH_SIZE = 32;

  // RFC 6962 §2.1: domain separation between leaves and interior nodes, so that a leaf can never
  // be passed off as a node (second-preimage resistance).
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  // MessageDigest.getInstance looks up the provider on every call, which costs more than hashing
  // the 65 bytes of a node; a digest is reset by digest(), so each thread reuses its own.
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(Rfc6962::newSha256);

  // RFC 6962 §2.1: "The hash of an empty list is the hash of an empty string: MTH({}) = HASH()."
  private static final byte[] EMPTY_ROOT = sha256().digest();

  private static final HexFormat HEX = HexFormat.of();

  private Rfc6962() {}

  /** The root of the empty tree, SHA-256 of the empty string (a fresh copy on every call). */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  /** MTH({d(0)}) = SHA-256(0x00 || d(0)): the hash of one leaf's data (RFC 6962 §2.1). */
  public static byte[] leafHash(byte[] leafData) {
    Objects.requireNonNull(leafData, "leafData");
    MessageDigest digest = sha256();
    digest.update(LEAF_PREFIX);
    digest.update(leafData);
    return digest.digest();
  }

  /** SHA-256(0x01 || left || right): the hash of an interior node (RFC 6962 §2.1). */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    requireHash("left child", left);
    requireHash("right child", right);
    MessageDigest digest = sha256();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /**
   * The reference Merkle Tree Hash of a list of leaf hashes, by the RFC 6962 §2.1 recursion itself.
   *
   * <p>It holds every leaf hash in memory and hashes each of them on every call; a log reads its
   * roots from stored subtrees with {@link MerkleTree#root} instead.
   */
  public static byte[] rootOf(List<byte[]> leafHashes) {
    Objects.requireNonNull(leafHashes, "leafHashes");
    for (int i = 0; i < leafHashes.size(); i++) {
      requireHash("leaf hash " + i, leafHashes.get(i));
    }
    if (leafHashes.isEmpty()) {
      return emptyRoot();
    }
    return mth(leafHashes);
  }

  // MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])) with k the largest power of two < n.
  private static byte[] mth(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n == 1) {
      return leafHashes.get(0).clone();
    }
    int k = (int) largestPowerOfTwoBelow(n);
    return nodeHash(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n)));
  }

  /** The k of RFC 6962 §2.1: the largest power of two strictly smaller than n (n > 1). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  static void requireHash(String name, byte[] hash) {
    Objects.requireNonNull(hash, name);
    if (hash.length != HASH_SIZE) {
      throw new IllegalArgumentException(
          "The " + name + " is " + hash.length + " bytes long; a SHA-256 hash is 32.");
    }
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  private static MessageDigest sha256() {
    MessageDigest digest = SHA_256.get();
    digest.reset();
    return digest;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (java.security.MessageDigest Javadoc).
      throw new IllegalStateException("This JVM provides no SHA-256 MessageDigest.", e);
    }
  }
}
