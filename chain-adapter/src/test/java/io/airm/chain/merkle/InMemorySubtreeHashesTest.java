package io.airm.chain.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySubtreeHashesTest {

  @Test
  void append_returnsConsecutiveLeafIndices() {
    InMemorySubtreeHashes log = InMemorySubtreeHashes.empty();

    assertThat(log.append(CtVectors.LEAF_HASHES.get(0))).isZero();
    assertThat(log.append(CtVectors.LEAF_HASHES.get(1))).isEqualTo(1);
    assertThat(log.append(CtVectors.LEAF_HASHES.get(2))).isEqualTo(2);
    assertThat(log.size()).isEqualTo(3);
  }

  @Test
  void root_tracksTheCtReferenceRootAfterEveryAppend() {
    InMemorySubtreeHashes log = InMemorySubtreeHashes.empty();
    assertThat(log.root()).isEqualTo(CtVectors.EMPTY_ROOT);

    for (int i = 0; i < 8; i++) {
      log.append(CtVectors.LEAF_HASHES.get(i));

      assertThat(log.root()).as("root after %d appends", i + 1).isEqualTo(CtVectors.root(i + 1));
    }
  }

  @Test
  void hash_ofASubtreeNotYetCompleteIsNull() {
    InMemorySubtreeHashes log = InMemorySubtreeHashes.of(CtVectors.LEAF_HASHES.subList(0, 3));

    assertThat(log.hash(1, 0)).isEqualTo(CtVectors.root(2));
    assertThat(log.hash(1, 1)).isNull();
    assertThat(log.hash(0, 3)).isNull();
    assertThat(log.hash(2, 0)).isNull();
    assertThat(log.hash(-1, 0)).isNull();
    assertThat(log.hash(0, -1)).isNull();
  }

  @Test
  void proofs_cannotChangeTheLogThroughTheirArrays() {
    InMemorySubtreeHashes log = InMemorySubtreeHashes.of(CtVectors.LEAF_HASHES);

    List<byte[]> proof = MerkleTree.inclusionProof(0, 8, log);
    proof.forEach(hash -> hash[0] ^= 1);
    byte[] root = log.root();
    root[0] ^= 1;

    assertThat(log.root()).isEqualTo(CtVectors.root(8));
  }

  @Test
  void append_cannotBeChangedThroughTheCallersArray() {
    byte[] leaf = CtVectors.LEAF_HASHES.get(0).clone();
    InMemorySubtreeHashes log = InMemorySubtreeHashes.empty();

    log.append(leaf);
    leaf[0] ^= 1;

    assertThat(log.root()).isEqualTo(CtVectors.root(1));
  }
}
