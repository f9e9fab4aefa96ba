package io.airm.chain.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.merkle.CtVectors.ConsistencyVector;
import io.airm.chain.merkle.CtVectors.InclusionVector;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MerkleVerifierTest {

  /** One call to a verifier, with the arguments it is given. */
  interface Check {
    void verify();
  }

  /** The arguments of one inclusion check; bad cases change one field of a good one. */
  record Inclusion(byte[] leafHash, long leafIndex, long treeSize, List<byte[]> proof, byte[] root)
      implements Check {

    static Inclusion of(InclusionVector v) {
      return new Inclusion(
          CtVectors.LEAF_HASHES.get((int) v.leafIndex()),
          v.leafIndex(),
          v.treeSize(),
          v.proof(),
          CtVectors.root(v.treeSize()));
    }

    Inclusion withLeafHash(byte[] leafHash) {
      return new Inclusion(leafHash, leafIndex, treeSize, proof, root);
    }

    Inclusion withLeafIndex(long leafIndex) {
      return new Inclusion(leafHash, leafIndex, treeSize, proof, root);
    }

    Inclusion withTreeSize(long treeSize) {
      return new Inclusion(leafHash, leafIndex, treeSize, proof, root);
    }

    Inclusion withProof(List<byte[]> proof) {
      return new Inclusion(leafHash, leafIndex, treeSize, proof, root);
    }

    Inclusion withRoot(byte[] root) {
      return new Inclusion(leafHash, leafIndex, treeSize, proof, root);
    }

    @Override
    public void verify() {
      MerkleVerifier.verifyInclusion(leafHash, leafIndex, treeSize, proof, root);
    }

    @Override
    public String toString() {
      return "leaf "
          + leafIndex
          + " of "
          + treeSize
          + ", leaf hash "
          + hex(leafHash)
          + ", root "
          + hex(root)
          + ", proof "
          + hexes(proof);
    }
  }

  /** The arguments of one consistency check; bad cases change one field of a good one. */
  record Consistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof)
      implements Check {

    static Consistency of(ConsistencyVector v) {
      return new Consistency(
          v.oldSize(),
          v.newSize(),
          CtVectors.root(v.oldSize()),
          CtVectors.root(v.newSize()),
          v.proof());
    }

    Consistency withOldSize(long oldSize) {
      return new Consistency(oldSize, newSize, oldRoot, newRoot, proof);
    }

    Consistency withNewSize(long newSize) {
      return new Consistency(oldSize, newSize, oldRoot, newRoot, proof);
    }

    Consistency withOldRoot(byte[] oldRoot) {
      return new Consistency(oldSize, newSize, oldRoot, newRoot, proof);
    }

    Consistency withNewRoot(byte[] newRoot) {
      return new Consistency(oldSize, newSize, oldRoot, newRoot, proof);
    }

    Consistency withProof(List<byte[]> proof) {
      return new Consistency(oldSize, newSize, oldRoot, newRoot, proof);
    }

    @Override
    public void verify() {
      MerkleVerifier.verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof);
    }

    @Override
    public String toString() {
      return "sizes "
          + oldSize
          + " to "
          + newSize
          + ", roots "
          + hex(oldRoot)
          + " and "
          + hex(newRoot)
          + ", proof "
          + hexes(proof);
    }
  }

  // Leaf 5 of the CT reference tree of size 8, and the proof from size 6 to 8.
  private static final Inclusion LEAF_5_OF_8 = Inclusion.of(CtVectors.INCLUSION_PROOFS.get(2));
  private static final Consistency SIZE_6_TO_8 =
      Consistency.of(CtVectors.CONSISTENCY_PROOFS.get(2));

  private static final byte[] SOME_HASH =
      CtVectors.hex("abacaba000000000000000000000000000000000000000000060061e00123456");

  // ---- inclusion: known answers ----

  @Test
  void verifyInclusion_ctReferenceProofsVerify() {
    for (InclusionVector v : CtVectors.INCLUSION_PROOFS) {
      Inclusion good = Inclusion.of(v);

      assertThatCode(good::verify)
          .as("leaf %d in the tree of size %d", v.leafIndex(), v.treeSize())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void rootFromInclusionProof_returnsTheRootTheProofLeadsTo() {
    Inclusion good = LEAF_5_OF_8;

    assertThat(
            MerkleVerifier.rootFromInclusionProof(
                good.leafHash(), good.leafIndex(), good.treeSize(), good.proof()))
        .isEqualTo(CtVectors.root(8));
  }

  @Test
  void rootFromInclusionProof_ofTheOnlyLeafIsTheLeafHash() {
    byte[] leaf = CtVectors.LEAF_HASHES.get(0);

    assertThat(MerkleVerifier.rootFromInclusionProof(leaf, 0, 1, List.of())).isEqualTo(leaf);
  }

  // ---- inclusion: one field wrong ----

  @Test
  void verifyInclusion_rootHashMismatch() {
    Inclusion bad = LEAF_5_OF_8.withRoot(CtVectors.root(7));

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Inclusion proof for leaf 5 in the tree of size 8 does not verify: it computes root "
                + "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328, but the "
                + "expected root is "
                + "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c.");
  }

  @Test
  void verifyInclusion_proofHashWithOneByteFlipped() {
    for (int i = 0; i < LEAF_5_OF_8.proof().size(); i++) {
      Inclusion bad = LEAF_5_OF_8.withProof(flipByte(LEAF_5_OF_8.proof(), i, 0));

      assertThatThrownBy(bad::verify)
          .as("proof hash %d flipped", i)
          .isInstanceOf(MerkleProofException.class)
          .hasMessageContaining("does not verify: it computes root ");
    }
  }

  @Test
  void verifyInclusion_anotherLeafHash() {
    Inclusion bad = LEAF_5_OF_8.withLeafHash(CtVectors.LEAF_HASHES.get(4));

    assertThatThrownBy(bad::verify).isInstanceOf(MerkleProofException.class);
  }

  @Test
  void verifyInclusion_wrongLeafIndex() {
    for (long index : new long[] {4, 6, 5 ^ 2}) {
      Inclusion bad = LEAF_5_OF_8.withLeafIndex(index);

      assertThatThrownBy(bad::verify)
          .as("leaf index %d", index)
          .isInstanceOf(MerkleProofException.class)
          .hasMessageStartingWith("Inclusion proof for leaf " + index + " in the tree of size 8");
    }
  }

  @Test
  void verifyInclusion_treeSizeDoubledOrHalved() {
    for (long size : new long[] {16, 4}) {
      Inclusion bad = LEAF_5_OF_8.withTreeSize(size);

      assertThatThrownBy(bad::verify)
          .as("tree size %d", size)
          .isInstanceOf(MerkleProofException.class);
    }
  }

  @Test
  void verifyInclusion_proofFromAnotherTreeSizeAgainstThatSizesRoot() {
    for (long size : new long[] {6, 7}) {
      Inclusion bad = LEAF_5_OF_8.withTreeSize(size).withRoot(CtVectors.root(size));

      assertThatThrownBy(bad::verify)
          .as("tree size %d", size)
          .isInstanceOf(MerkleProofException.class);
    }
  }

  @Test
  void verifyInclusion_sizeAndRootMustComeFromOneTreeHead() {
    // The path of leaf 0 in the 3-leaf tree has the shape of its path in a 4-leaf tree, so with
    // the 3-leaf root it also "verifies" for size 4: only a signed tree head binds size to root.
    Inclusion leaf0Of3 =
        Inclusion.of(new InclusionVector(0, 3, CtVectors.LEAF_HASHES.subList(1, 3)));

    assertThatCode(leaf0Of3::verify).doesNotThrowAnyException();
    assertThatCode(leaf0Of3.withTreeSize(4)::verify).doesNotThrowAnyException();
    assertThatThrownBy(leaf0Of3.withTreeSize(4).withRoot(CtVectors.root(4))::verify)
        .isInstanceOf(MerkleProofException.class);
  }

  @Test
  void verifyInclusion_truncatedProof() {
    Inclusion bad = LEAF_5_OF_8.withProof(LEAF_5_OF_8.proof().subList(0, 2));

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Inclusion proof for leaf 5 in the tree of size 8 is too short: it has 2 hashes, fewer"
                + " than the path to root.");
  }

  @Test
  void verifyInclusion_extendedProof() {
    Inclusion bad = LEAF_5_OF_8.withProof(append(LEAF_5_OF_8.proof(), CtVectors.root(8)));

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Inclusion proof for leaf 5 in the tree of size 8 is too long: it has 4 hashes, more"
                + " than the path to root.");
  }

  @Test
  void verifyInclusion_proofWithAHashPrepended() {
    Inclusion bad = LEAF_5_OF_8.withProof(prepend(SOME_HASH, LEAF_5_OF_8.proof()));

    assertThatThrownBy(bad::verify).isInstanceOf(MerkleProofException.class);
  }

  @Test
  void verifyInclusion_leafIndexEqualToTreeSize() {
    Inclusion bad = LEAF_5_OF_8.withLeafIndex(8);

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Inclusion proof for leaf 8 in the tree of size 8 cannot verify: the leaves of that"
                + " tree are 0 to 7.");
  }

  @Test
  void verifyInclusion_negativeLeafIndex() {
    Inclusion bad = LEAF_5_OF_8.withLeafIndex(-1);

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessageContaining("the leaves of that tree are 0 to 7");
  }

  @Test
  void verifyInclusion_emptyTree() {
    Inclusion bad = LEAF_5_OF_8.withLeafIndex(0).withTreeSize(0).withProof(List.of());

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Inclusion proof for leaf 0 in the tree of size 0 cannot verify: that tree has no"
                + " leaves.");
  }

  @Test
  void verifyInclusion_proofHashOfTheWrongLength() {
    List<byte[]> proof = new ArrayList<>(LEAF_5_OF_8.proof());
    proof.set(1, new byte[0]);
    Inclusion bad = LEAF_5_OF_8.withProof(proof);

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Inclusion proof for leaf 5 in the tree of size 8 cannot verify: its hash 1 is 0 bytes"
                + " long; a SHA-256 hash is 32.");
  }

  @Test
  void verifyInclusion_rootOfTheWrongLength() {
    Inclusion bad = LEAF_5_OF_8.withRoot(new byte[33]);

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage("The expected root is 33 bytes long; a SHA-256 hash is 32.");
  }

  @Test
  void verifyInclusion_leafHashOfTheWrongLength() {
    Inclusion bad = LEAF_5_OF_8.withLeafHash(CtVectors.LEAF_DATA.get(7));

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage("The leaf hash is 16 bytes long; a SHA-256 hash is 32.");
  }

  // ---- consistency: known answers ----

  @Test
  void verifyConsistency_ctReferenceProofsVerify() {
    for (ConsistencyVector v : CtVectors.CONSISTENCY_PROOFS) {
      Consistency good = Consistency.of(v);

      assertThatCode(good::verify)
          .as("from tree size %d to %d", v.oldSize(), v.newSize())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void verifyConsistency_equalSizesWithEqualRootsAndNoProof() {
    Consistency good =
        SIZE_6_TO_8.withOldSize(8).withOldRoot(CtVectors.root(8)).withProof(List.of());

    assertThatCode(good::verify).doesNotThrowAnyException();
  }

  @Test
  void verifyConsistency_fromTheEmptyTree() {
    Consistency good =
        SIZE_6_TO_8.withOldSize(0).withOldRoot(CtVectors.EMPTY_ROOT).withProof(List.of());

    assertThatCode(good::verify).doesNotThrowAnyException();
  }

  // ---- consistency: one field wrong ----

  @Test
  void verifyConsistency_oldRootHashMismatch() {
    Consistency bad = SIZE_6_TO_8.withOldRoot(CtVectors.root(5));

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Consistency proof from tree size 6 to 8 does not verify: it computes old root "
                + "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef, but the "
                + "expected old root is "
                + "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4.");
  }

  @Test
  void verifyConsistency_newRootHashMismatch() {
    Consistency bad = SIZE_6_TO_8.withNewRoot(CtVectors.root(7));

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Consistency proof from tree size 6 to 8 does not verify: it computes new root "
                + "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328, but the "
                + "expected new root is "
                + "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c.");
  }

  @Test
  void verifyConsistency_rootsSwapped() {
    Consistency bad = SIZE_6_TO_8.withOldRoot(CtVectors.root(8)).withNewRoot(CtVectors.root(6));

    assertThatThrownBy(bad::verify).isInstanceOf(MerkleProofException.class);
  }

  @Test
  void verifyConsistency_proofHashWithOneByteFlipped() {
    for (int i = 0; i < SIZE_6_TO_8.proof().size(); i++) {
      Consistency bad = SIZE_6_TO_8.withProof(flipByte(SIZE_6_TO_8.proof(), i, 31));

      assertThatThrownBy(bad::verify)
          .as("proof hash %d flipped", i)
          .isInstanceOf(MerkleProofException.class)
          .hasMessageContaining("does not verify: it computes ");
    }
  }

  @Test
  void verifyConsistency_wrongOldSize() {
    for (long size : new long[] {5, 7, 6 ^ 2}) {
      Consistency bad = SIZE_6_TO_8.withOldSize(size);

      assertThatThrownBy(bad::verify)
          .as("old size %d", size)
          .isInstanceOf(MerkleProofException.class)
          .hasMessageStartingWith("Consistency proof from tree size " + size + " to 8");
    }
  }

  @Test
  void verifyConsistency_newSizeDoubledOrHalved() {
    for (long size : new long[] {16, 4}) {
      Consistency bad = SIZE_6_TO_8.withNewSize(size);

      assertThatThrownBy(bad::verify)
          .as("new size %d", size)
          .isInstanceOf(MerkleProofException.class);
    }
  }

  @Test
  void verifyConsistency_proofToAnotherNewSizeAgainstThatSizesRoot() {
    Consistency bad = SIZE_6_TO_8.withNewSize(7).withNewRoot(CtVectors.root(7));

    assertThatThrownBy(bad::verify).isInstanceOf(MerkleProofException.class);
  }

  @Test
  void verifyConsistency_truncatedProof() {
    Consistency bad = SIZE_6_TO_8.withProof(SIZE_6_TO_8.proof().subList(0, 2));

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Consistency proof from tree size 6 to 8 is too short: it has 2 hashes, fewer than it"
                + " needs.");
  }

  @Test
  void verifyConsistency_extendedProof() {
    Consistency bad = SIZE_6_TO_8.withProof(append(SIZE_6_TO_8.proof(), CtVectors.root(8)));

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Consistency proof from tree size 6 to 8 is too long: it has 4 hashes, more than it"
                + " needs.");
  }

  @Test
  void verifyConsistency_proofWithTheOldRootPrepended() {
    Consistency bad = SIZE_6_TO_8.withProof(prepend(CtVectors.root(6), SIZE_6_TO_8.proof()));

    assertThatThrownBy(bad::verify).isInstanceOf(MerkleProofException.class);
  }

  @Test
  void verifyConsistency_emptyProofBetweenDifferentSizes() {
    Consistency bad = SIZE_6_TO_8.withProof(List.of());

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Consistency proof from tree size 6 to 8 is empty; only a proof between equal tree"
                + " sizes is.");
  }

  @Test
  void verifyConsistency_equalSizesWithDifferentRoots() {
    Consistency bad = SIZE_6_TO_8.withOldSize(8).withProof(List.of());

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Consistency proof from tree size 8 to 8 does not verify: equal tree sizes need equal"
                + " roots, but the old root is "
                + "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef and the new"
                + " root is 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328.");
  }

  @Test
  void verifyConsistency_equalSizesWithAProof() {
    Consistency bad = SIZE_6_TO_8.withOldSize(8).withOldRoot(CtVectors.root(8));

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage("Consistency proof from tree size 8 to 8 must be empty, but it has 3 hashes.");
  }

  @Test
  void verifyConsistency_fromTheEmptyTreeWithANonEmptyRoot() {
    Consistency bad = SIZE_6_TO_8.withOldSize(0).withProof(List.of());

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Consistency proof from tree size 0 to 8 does not verify: the old root is "
                + "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef, but the root"
                + " of the empty tree is "
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.");
  }

  @Test
  void verifyConsistency_treeShrinks() {
    Consistency bad = SIZE_6_TO_8.withNewSize(5);

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Consistency proof from tree size 6 to 5 cannot verify: the sizes must satisfy 0 <="
                + " old size <= new size.");
  }

  @Test
  void verifyConsistency_negativeOldSize() {
    Consistency bad = SIZE_6_TO_8.withOldSize(-6);

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessageContaining("0 <= old size <= new size");
  }

  @Test
  void verifyConsistency_proofHashOfTheWrongLength() {
    List<byte[]> proof = new ArrayList<>(SIZE_6_TO_8.proof());
    proof.set(2, new byte[64]);
    Consistency bad = SIZE_6_TO_8.withProof(proof);

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage(
            "Consistency proof from tree size 6 to 8 cannot verify: its hash 2 is 64 bytes long; a"
                + " SHA-256 hash is 32.");
  }

  @Test
  void verifyConsistency_newRootOfTheWrongLength() {
    Consistency bad = SIZE_6_TO_8.withNewRoot(new byte[31]);

    assertThatThrownBy(bad::verify)
        .isInstanceOf(MerkleProofException.class)
        .hasMessage("The new root is 31 bytes long; a SHA-256 hash is 32.");
  }

  // ---- every honest proof verifies, every tampering fails ----

  private static final List<byte[]> LEAVES = ReferenceProofs.leafHashes(1025);
  private static final InMemorySubtreeHashes LOG = InMemorySubtreeHashes.of(LEAVES);

  // Every size up to 24 with every leaf and old size; then a random one for each size up to 600
  // and each side of 256, 512 and 1024.
  private static List<long[]> sizePairs() {
    List<long[]> pairs = new ArrayList<>();
    for (int n = 1; n <= 24; n++) {
      for (int m = 1; m <= n; m++) {
        pairs.add(new long[] {m, n});
      }
    }
    Random random = new Random(6962);
    IntStream.concat(
            IntStream.rangeClosed(25, 600),
            IntStream.of(255, 256, 257, 511, 512, 513, 1023, 1024, 1025))
        .forEach(n -> pairs.add(new long[] {1 + random.nextInt(n), n}));
    return pairs;
  }

  @Test
  void everyHonestInclusionProofVerifies_andEachTamperingFails() {
    List<Check> verified = new ArrayList<>();
    for (long[] pair : sizePairs()) {
      long n = pair[1];
      long m = pair[0] - 1;
      byte[] root = MerkleTree.root(n, LOG);
      Inclusion good =
          new Inclusion(LEAVES.get((int) m), m, n, MerkleTree.inclusionProof(m, n, LOG), root);

      good.verify(); // The exception, if any, names the leaf and the tree size.
      assertThat(MerkleVerifier.rootFromInclusionProof(good.leafHash(), m, n, good.proof()))
          .as("root computed for leaf %d in the tree of size %d", m, n)
          .isEqualTo(root);

      List<Inclusion> bad = new ArrayList<>();
      for (int i = 0; i < good.proof().size(); i++) {
        bad.add(good.withProof(flipByte(good.proof(), i, i)));
      }
      bad.add(good.withLeafIndex(m - 1));
      bad.add(good.withLeafIndex(m + 1));
      bad.add(good.withLeafIndex(m ^ 2));
      bad.add(good.withTreeSize(n * 2));
      bad.add(good.withTreeSize(n / 2));
      for (long size : new long[] {n - 1, n + 1}) {
        if (size > m && size <= LEAVES.size()) {
          bad.add(good.withTreeSize(size).withRoot(MerkleTree.root(size, LOG)));
        }
      }
      bad.add(good.withLeafHash(LEAVES.get((int) ((m + 1) % LEAVES.size()))));
      bad.add(good.withRoot(Rfc6962.nodeHash(root, root)));
      if (!good.proof().isEmpty()) {
        bad.add(good.withProof(good.proof().subList(0, good.proof().size() - 1)));
      }
      bad.add(good.withProof(append(good.proof(), root)));
      bad.add(good.withProof(prepend(SOME_HASH, good.proof())));

      collectThoseThatVerify(bad, verified);
    }
    assertThat(verified).as("tampered proofs that verified anyway").isEmpty();
  }

  @Test
  void everyHonestConsistencyProofVerifies_andEachTamperingFails() {
    List<Check> verified = new ArrayList<>();
    for (long[] pair : sizePairs()) {
      long m = pair[0];
      long n = pair[1];
      Consistency good =
          new Consistency(
              m,
              n,
              MerkleTree.root(m, LOG),
              MerkleTree.root(n, LOG),
              MerkleTree.consistencyProof(m, n, LOG));

      good.verify(); // The exception, if any, names both tree sizes.

      List<Consistency> bad = new ArrayList<>();
      for (int i = 0; i < good.proof().size(); i++) {
        bad.add(good.withProof(flipByte(good.proof(), i, 31 - i)));
      }
      bad.add(good.withOldRoot(Rfc6962.nodeHash(good.oldRoot(), good.oldRoot())));
      bad.add(good.withNewRoot(Rfc6962.nodeHash(good.newRoot(), good.newRoot())));
      if (m != n) {
        bad.add(good.withOldRoot(good.newRoot()).withNewRoot(good.oldRoot()));
        bad.add(good.withOldSize(m - 1));
        bad.add(good.withOldSize(m + 1));
        bad.add(good.withOldSize(m ^ 2));
        bad.add(good.withNewSize(n * 2));
        bad.add(good.withNewSize(n / 2));
        for (long size : new long[] {m - 1, m + 1}) {
          if (size >= 0 && size != m && size <= n) {
            bad.add(good.withOldSize(size).withOldRoot(MerkleTree.root(size, LOG)));
          }
        }
        for (long size : new long[] {n - 1, n + 1}) {
          if (size >= m && size <= LEAVES.size()) {
            bad.add(good.withNewSize(size).withNewRoot(MerkleTree.root(size, LOG)));
          }
        }
        bad.add(good.withProof(List.of()));
        bad.add(good.withProof(good.proof().subList(0, good.proof().size() - 1)));
        bad.add(good.withProof(prepend(good.oldRoot(), good.proof())));
        bad.add(good.withProof(prepend(good.proof().get(0), good.proof())));
      }
      bad.add(good.withProof(append(good.proof(), good.newRoot())));
      bad.add(good.withProof(append(good.proof(), SOME_HASH)));

      collectThoseThatVerify(bad, verified);
    }
    assertThat(verified).as("tampered proofs that verified anyway").isEmpty();
  }

  // ---- helpers ----

  private static List<byte[]> flipByte(List<byte[]> proof, int hash, int bytePosition) {
    List<byte[]> flipped = new ArrayList<>(proof);
    byte[] copy = proof.get(hash).clone();
    copy[bytePosition % copy.length] ^= 0x10;
    flipped.set(hash, copy);
    return flipped;
  }

  private static List<byte[]> append(List<byte[]> proof, byte[] hash) {
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(hash);
    return longer;
  }

  private static List<byte[]> prepend(byte[] hash, List<byte[]> proof) {
    List<byte[]> longer = new ArrayList<>();
    longer.add(hash);
    longer.addAll(proof);
    return longer;
  }

  // Tampered calls that verify anyway, where they should have thrown MerkleProofException; any
  // other exception fails the test at once.
  private static void collectThoseThatVerify(List<? extends Check> tampered, List<Check> verified) {
    for (Check check : tampered) {
      try {
        check.verify();
        verified.add(check);
      } catch (MerkleProofException expected) {
        // The tampering was caught.
      }
    }
  }

  private static List<String> hexes(List<byte[]> hashes) {
    return hashes.stream().map(MerkleVerifierTest::hex).toList();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
