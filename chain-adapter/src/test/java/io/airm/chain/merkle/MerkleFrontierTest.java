package io.airm.chain.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleFrontierTest {

  private static List<byte[]> randomLeafHashes(Random random, int n) {
    List<byte[]> leaves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] data = new byte[random.nextInt(100)];
      random.nextBytes(data);
      leaves.add(Rfc6962.leafHash(data));
    }
    return leaves;
  }

  @Test
  void root_ofNoLeaves_isTheEmptyRoot() {
    assertThat(new MerkleFrontier().root()).isEqualTo(CtVectors.EMPTY_ROOT);
  }

  @Test
  void root_matchesTheCtReferenceRootOfEveryPrefix() {
    MerkleFrontier frontier = new MerkleFrontier();
    for (int size = 1; size <= 8; size++) {
      frontier.append(CtVectors.LEAF_HASHES.get(size - 1));

      assertThat(frontier.root()).as("root after %d leaves", size).isEqualTo(CtVectors.root(size));
    }
  }

  @Test
  void root_matchesTheReferenceMthAfterEveryLeaf_upTo600() {
    List<byte[]> leaves = randomLeafHashes(new Random(6962), 600);
    MerkleFrontier frontier = new MerkleFrontier();
    for (int size = 1; size <= leaves.size(); size++) {
      frontier.append(leaves.get(size - 1));

      assertThat(frontier.size()).isEqualTo(size);
      assertThat(frontier.root())
          .as("root after %d leaves", size)
          .isEqualTo(Rfc6962.rootOf(leaves.subList(0, size)));
    }
  }

  @Test
  void root_matchesTheReferenceMth_forRandomSizes() {
    Random random = new Random(20260101);
    for (int round = 0; round < 40; round++) {
      int size = 1 + random.nextInt(5_000);
      List<byte[]> leaves = randomLeafHashes(random, size);
      MerkleFrontier frontier = new MerkleFrontier();
      leaves.forEach(frontier::append);

      assertThat(frontier.root())
          .as("root of %d random leaves", size)
          .isEqualTo(Rfc6962.rootOf(leaves));
    }
  }

  @Test
  void root_isTheTreeHeadTheStoredLogComputes_atPowersOfTwoAndTheirNeighbours() {
    List<byte[]> leaves = randomLeafHashes(new Random(7), 1025);
    InMemorySubtreeHashes log = InMemorySubtreeHashes.empty();
    MerkleFrontier frontier = new MerkleFrontier();
    for (byte[] leaf : leaves) {
      log.append(leaf);
      frontier.append(leaf);
      long size = frontier.size();
      if (Long.bitCount(size) == 1
          || Long.bitCount(size + 1) == 1
          || Long.bitCount(size - 1) == 1) {
        assertThat(frontier.root()).isEqualTo(MerkleTree.root(size, log));
      }
    }
  }

  @Test
  void append_keepsACopy_andRootReturnsACopy() {
    byte[] leaf = CtVectors.LEAF_HASHES.get(2).clone();
    MerkleFrontier frontier = new MerkleFrontier();
    frontier.append(leaf);
    leaf[0] ^= 1;
    frontier.root()[0] ^= 1;

    assertThat(frontier.root()).isEqualTo(CtVectors.LEAF_HASHES.get(2));
  }

  @Test
  void append_rejectsAHashOfTheWrongLength() {
    MerkleFrontier frontier = new MerkleFrontier();

    assertThatThrownBy(() -> frontier.append(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("31 bytes");
    assertThat(frontier.size()).isZero();
  }
}
