package io.airm.chain.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.merkle.CtVectors.ConsistencyVector;
import io.airm.chain.merkle.CtVectors.InclusionVector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

class MerkleTreeTest {

  private static final InMemorySubtreeHashes CT_LOG =
      InMemorySubtreeHashes.of(CtVectors.LEAF_HASHES);

  // One synthetic log serves every size: a prefix's perfect subtrees are all stored once the
  // log holds that many leaves.
  private static final int MAX_SIZE = 4097;
  private static final List<byte[]> LEAVES = ReferenceProofs.leafHashes(MAX_SIZE);
  private static final InMemorySubtreeHashes LOG = InMemorySubtreeHashes.of(LEAVES);

  // Every size up to 600, and each side of the powers of two up to 4096.
  private static IntStream treeSizes() {
    IntStream nearPowersOfTwo =
        IntStream.rangeClosed(10, 12)
            .flatMap(k -> IntStream.of((1 << k) - 1, 1 << k, (1 << k) + 1));
    return IntStream.concat(IntStream.rangeClosed(1, 600), nearPowersOfTwo).distinct();
  }

  // ---- known answers ----

  @Test
  void root_matchesTheCtReferenceRootOfEveryPrefix() {
    for (long size = 0; size <= 8; size++) {
      assertThat(MerkleTree.root(size, CT_LOG))
          .as("root of the first %d CT reference leaves", size)
          .isEqualTo(CtVectors.root(size));
    }
  }

  @Test
  void inclusionProof_matchesTheCtReferencePaths() {
    for (InclusionVector v : CtVectors.INCLUSION_PROOFS) {
      assertThat(hex(MerkleTree.inclusionProof(v.leafIndex(), v.treeSize(), CT_LOG)))
          .as("path for leaf %d in the tree of size %d", v.leafIndex(), v.treeSize())
          .containsExactlyElementsOf(hex(v.proof()));
    }
  }

  @Test
  void consistencyProof_matchesTheCtReferenceProofs() {
    for (ConsistencyVector v : CtVectors.CONSISTENCY_PROOFS) {
      assertThat(hex(MerkleTree.consistencyProof(v.oldSize(), v.newSize(), CT_LOG)))
          .as("proof from tree size %d to %d", v.oldSize(), v.newSize())
          .containsExactlyElementsOf(hex(v.proof()));
    }
  }

  @Test
  void consistencyProof_betweenEqualSizesIsEmpty() {
    assertThat(MerkleTree.consistencyProof(5, 5, CT_LOG)).isEmpty();
  }

  @Test
  void root_ofTheEmptyTreeIsTheEmptyRoot_andReadsNoSubtree() {
    SubtreeHashes nothingStored =
        (level, index) -> {
          throw new AssertionError("read subtree (" + level + ", " + index + ")");
        };

    assertThat(MerkleTree.root(0, nothingStored)).isEqualTo(CtVectors.EMPTY_ROOT);
  }

  // ---- append ----

  @Test
  void nodesToStoreOnAppend_leafAtAnEvenIndexCompletesOnlyItself() {
    InMemorySubtreeHashes existing = InMemorySubtreeHashes.of(CtVectors.LEAF_HASHES.subList(0, 4));
    byte[] leaf = CtVectors.LEAF_HASHES.get(4);

    assertThat(MerkleTree.nodesToStoreOnAppend(4, leaf, existing))
        .containsExactly(new SubtreeNode(0, 4, leaf));
  }

  @Test
  void nodesToStoreOnAppend_eighthLeafCompletesEveryLevelUpToTheRoot() {
    List<byte[]> leaves = CtVectors.LEAF_HASHES;
    InMemorySubtreeHashes existing = InMemorySubtreeHashes.of(leaves.subList(0, 7));

    assertThat(MerkleTree.nodesToStoreOnAppend(7, leaves.get(7), existing))
        .containsExactly(
            new SubtreeNode(0, 7, leaves.get(7)),
            new SubtreeNode(1, 3, Rfc6962.rootOf(leaves.subList(6, 8))),
            new SubtreeNode(2, 1, Rfc6962.rootOf(leaves.subList(4, 8))),
            new SubtreeNode(3, 0, CtVectors.root(8)));
  }

  @Test
  void nodesToStoreOnAppend_storesExactlyThePerfectSubtreesOfTheTree() {
    Map<String, byte[]> stored = new HashMap<>();
    SubtreeHashes storage = (level, index) -> stored.get(level + "/" + index);
    for (int leafIndex = 0; leafIndex < 100; leafIndex++) {
      for (SubtreeNode node :
          MerkleTree.nodesToStoreOnAppend(leafIndex, LEAVES.get(leafIndex), storage)) {
        assertThat(stored.put(node.level() + "/" + node.index(), node.hash()))
            .as("node (%d, %d) stored twice", node.level(), node.index())
            .isNull();
      }
    }

    // Node (level, index) of a 100-leaf tree is complete iff (index + 1) * 2^level <= 100.
    for (int level = 0; level < 8; level++) {
      for (long index = 0; index < 100; index++) {
        long firstLeaf = index << level;
        long end = (index + 1) << level;
        if (end <= 100) {
          assertThat(storage.hash(level, index))
              .as("node (%d, %d)", level, index)
              .isEqualTo(Rfc6962.rootOf(LEAVES.subList((int) firstLeaf, (int) end)));
        } else {
          assertThat(storage.hash(level, index)).as("node (%d, %d)", level, index).isNull();
        }
      }
    }
  }

  @Test
  void nodesToStoreOnAppend_leftSiblingMissingFromStorage() {
    InMemorySubtreeHashes sixLeaves = InMemorySubtreeHashes.of(CtVectors.LEAF_HASHES.subList(0, 6));

    assertThatThrownBy(
            () -> MerkleTree.nodesToStoreOnAppend(7, CtVectors.LEAF_HASHES.get(7), sixLeaves))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Subtree (level 0, index 6) is not in storage, but appending leaf 7 needs it.");
  }

  @Test
  void nodesToStoreOnAppend_leafHashOfTheWrongLength() {
    assertThatThrownBy(() -> MerkleTree.nodesToStoreOnAppend(0, new byte[20], CT_LOG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The leaf hash is 20 bytes long; a SHA-256 hash is 32.");
  }

  // ---- against the reference recursions ----

  @Test
  void root_fromStoredSubtreesMatchesTheReferenceRecursion() {
    treeSizes()
        .forEach(
            n ->
                assertThat(MerkleTree.root(n, LOG))
                    .as("root of the tree of size %d", n)
                    .isEqualTo(Rfc6962.rootOf(LEAVES.subList(0, n))));
  }

  @Test
  void inclusionProof_fromStoredSubtreesMatchesTheReferencePath() {
    for (int[] pair : proofPairs(0, 6962)) {
      int m = pair[0];
      int n = pair[1];

      assertThat(hex(MerkleTree.inclusionProof(m, n, LOG)))
          .as("path for leaf %d in the tree of size %d", m, n)
          .containsExactlyElementsOf(hex(ReferenceProofs.path(m, LEAVES.subList(0, n))));
    }
  }

  @Test
  void consistencyProof_fromStoredSubtreesMatchesTheReferenceProof() {
    for (int[] pair : proofPairs(1, 9162)) {
      int m = pair[0];
      int n = pair[1];

      assertThat(hex(MerkleTree.consistencyProof(m, n, LOG)))
          .as("proof from tree size %d to %d", m, n)
          .containsExactlyElementsOf(hex(ReferenceProofs.proof(m, LEAVES.subList(0, n))));
    }
  }

  // (m, n) with m from firstM to n - 1 + firstM: every pair for n up to 32, then one random m for
  // each larger size.
  private static List<int[]> proofPairs(int firstM, long seed) {
    Random random = new Random(seed);
    List<int[]> pairs = new ArrayList<>();
    treeSizes()
        .forEach(
            n -> {
              if (n <= 32) {
                IntStream.range(0, n).forEach(i -> pairs.add(new int[] {firstM + i, n}));
              } else {
                pairs.add(new int[] {firstM + random.nextInt(n), n});
              }
            });
    return pairs;
  }

  // ---- O(log n) lookups ----
  // The timeouts end a run that walks every leaf of these trees instead of hanging the build.

  private static final long[] HUGE_SIZES = {
    (1L << 40) + 12_345, (1L << 62) - 1, 1L << 62, Long.MAX_VALUE, 1_000_003
  };

  @Test
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  void root_looksUpOneStoredSubtreePerSetBitOfTheSize() {
    for (long n : HUGE_SIZES) {
      CountingSubtreeHashes storage = new CountingSubtreeHashes();

      MerkleTree.root(n, storage);

      assertThat(storage.lookups)
          .as("lookups for the root of size %d", n)
          .isEqualTo(Long.bitCount(n));
    }
  }

  @Test
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  void inclusionProof_looksUpAtMostTwiceTheTreeHeight() {
    for (long n : HUGE_SIZES) {
      for (long m : LongStream.of(0, 1, n / 3, n / 2, n - 2, n - 1).toArray()) {
        CountingSubtreeHashes storage = new CountingSubtreeHashes();

        List<byte[]> proof = MerkleTree.inclusionProof(m, n, storage);

        assertThat(storage.lookups)
            .as("lookups for leaf %d in the tree of size %d", m, n)
            .isLessThanOrEqualTo(2L * bitLength(n));
        assertThat(proof).hasSizeLessThanOrEqualTo(bitLength(n));
      }
    }
  }

  @Test
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  void consistencyProof_looksUpAtMostTwiceTheTreeHeightPlusOne() {
    for (long n : HUGE_SIZES) {
      for (long m : LongStream.of(1, 2, 3, n / 3, n / 2 + 1, n - 1, n).toArray()) {
        CountingSubtreeHashes storage = new CountingSubtreeHashes();

        List<byte[]> proof = MerkleTree.consistencyProof(m, n, storage);

        assertThat(storage.lookups)
            .as("lookups for the proof from tree size %d to %d", m, n)
            .isLessThanOrEqualTo(2L * bitLength(n) + 1);
        assertThat(proof).hasSizeLessThanOrEqualTo(bitLength(n) + 1);
      }
    }
  }

  // ---- bad arguments and bad storage ----

  @Test
  void root_negativeTreeSize() {
    assertThatThrownBy(() -> MerkleTree.root(-1, CT_LOG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Tree size -1 is negative.");
  }

  @Test
  void root_subtreeMissingFromStorage() {
    InMemorySubtreeHashes tenLeaves = InMemorySubtreeHashes.of(LEAVES.subList(0, 10));

    // Size 12 is the perfect subtrees (3, 0) over leaves 0..7 and (2, 2) over leaves 8..11.
    assertThatThrownBy(() -> MerkleTree.root(12, tenLeaves))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Subtree (level 2, index 2) is not in storage, but the root of the tree of size 12"
                + " needs it.");
  }

  @Test
  void root_storageHoldsAHashOfTheWrongLength() {
    SubtreeHashes truncating = (level, index) -> new byte[31];

    assertThatThrownBy(() -> MerkleTree.root(8, truncating))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Storage holds 31 bytes for subtree (level 3, index 0); a SHA-256 hash is 32.");
  }

  @Test
  void inclusionProof_leafIndexEqualToTreeSize() {
    assertThatThrownBy(() -> MerkleTree.inclusionProof(8, 8, CT_LOG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Leaf index 8 is outside the tree of size 8; there is no inclusion proof for it.");
  }

  @Test
  void inclusionProof_negativeLeafIndex() {
    assertThatThrownBy(() -> MerkleTree.inclusionProof(-1, 8, CT_LOG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Leaf index -1 is outside the tree of size 8; there is no inclusion proof for it.");
  }

  @Test
  void inclusionProof_negativeTreeSize() {
    assertThatThrownBy(() -> MerkleTree.inclusionProof(0, -8, CT_LOG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Tree size -8 is negative.");
  }

  @Test
  void consistencyProof_fromTheEmptyTree() {
    assertThatThrownBy(() -> MerkleTree.consistencyProof(0, 8, CT_LOG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Old tree size 0 is not positive; a consistency proof starts from a tree of at least"
                + " one leaf.");
  }

  @Test
  void consistencyProof_newSizeSmallerThanOldSize() {
    assertThatThrownBy(() -> MerkleTree.consistencyProof(6, 5, CT_LOG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("New tree size 5 is smaller than old tree size 6; a log only grows.");
  }

  // ---- helpers ----

  private static int bitLength(long n) {
    return 64 - Long.numberOfLeadingZeros(n);
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HexFormat.of()::formatHex).toList();
  }

  /** Answers any node of any tree with a distinct synthetic hash, and counts the lookups. */
  private static final class CountingSubtreeHashes implements SubtreeHashes {
    long lookups;

    @Override
    public byte[] hash(int level, long index) {
      lookups++;
      return Rfc6962.leafHash(ByteBuffer.allocate(12).putInt(level).putLong(index).array());
    }
  }
}
