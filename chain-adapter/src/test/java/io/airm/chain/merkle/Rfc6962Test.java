package io.airm.chain.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc6962Test {

  @Test
  void emptyRoot_isSha256OfTheEmptyString() {
    assertThat(Rfc6962.emptyRoot()).isEqualTo(CtVectors.EMPTY_ROOT);
  }

  @Test
  void emptyRoot_cannotBeChangedThroughTheReturnedArray() {
    Rfc6962.emptyRoot()[0] ^= 1;

    assertThat(Rfc6962.emptyRoot()).isEqualTo(CtVectors.EMPTY_ROOT);
  }

  @Test
  void leafHash_prefixesTheDataWithZero() {
    // The one-leaf tree over the empty string: SHA-256(0x00), not SHA-256("").
    assertThat(Rfc6962.leafHash(new byte[0])).isEqualTo(CtVectors.root(1));
  }

  @Test
  void nodeHash_prefixesTheChildrenWithOne() {
    byte[] left = CtVectors.LEAF_HASHES.get(0);
    byte[] right = CtVectors.LEAF_HASHES.get(1);

    assertThat(Rfc6962.nodeHash(left, right)).isEqualTo(CtVectors.root(2));
  }

  @Test
  void rootOf_matchesTheCtReferenceRootOfEveryPrefix() {
    for (int size = 0; size <= 8; size++) {
      assertThat(Rfc6962.rootOf(CtVectors.LEAF_HASHES.subList(0, size)))
          .as("root of the first %d CT reference leaves", size)
          .isEqualTo(CtVectors.root(size));
    }
  }

  @Test
  void rootOf_oneLeafIsThatLeafsHash_butACopy() {
    byte[] leaf = CtVectors.LEAF_HASHES.get(3).clone();

    byte[] root = Rfc6962.rootOf(List.of(leaf));
    root[0] ^= 1;

    assertThat(leaf).isEqualTo(CtVectors.LEAF_HASHES.get(3));
  }

  @Test
  void rootOf_rejectsALeafHashOfTheWrongLength() {
    List<byte[]> leaves = List.of(CtVectors.LEAF_HASHES.get(0), new byte[31]);

    assertThatThrownBy(() -> Rfc6962.rootOf(leaves))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The leaf hash 1 is 31 bytes long; a SHA-256 hash is 32.");
  }

  @Test
  void nodeHash_rejectsAChildOfTheWrongLength() {
    byte[] left = CtVectors.LEAF_HASHES.get(0);

    assertThatThrownBy(() -> Rfc6962.nodeHash(left, new byte[33]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The right child is 33 bytes long; a SHA-256 hash is 32.");
  }
}
