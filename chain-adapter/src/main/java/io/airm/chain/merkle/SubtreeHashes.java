package io.airm.chain.merkle;

/**
 * Read access to a log's stored perfect subtrees, the port that storage implements.
 *
 * <p>The node at ({@code level}, {@code index}) is the Merkle Tree Hash (RFC 6962 §2.1) of the
 * complete subtree over leaves [index·2^level, (index+1)·2^level): level 0 holds the leaf hashes. A
 * log stores exactly the nodes {@link MerkleTree#nodesToStoreOnAppend} returns, so a node exists
 * once the last leaf it covers has been appended, and never changes after that.
 */
@FunctionalInterface
public interface SubtreeHashes {

  /**
   * The stored hash of the perfect subtree at ({@code level}, {@code index}), or {@code null} if
   * that subtree is not (yet) stored.
   */
  byte[] hash(int level, long index);
}
