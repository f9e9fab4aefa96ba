package io.airm.chain.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubtreeNodeTest {

  private static final byte[] HASH = CtVectors.root(8);

  @Test
  void equalsComparesTheHashBytes() {
    SubtreeNode node = new SubtreeNode(3, 0, HASH);

    assertThat(node).isEqualTo(new SubtreeNode(3, 0, HASH.clone()));
    assertThat(node).hasSameHashCodeAs(new SubtreeNode(3, 0, HASH.clone()));
    assertThat(node).isNotEqualTo(new SubtreeNode(3, 0, CtVectors.root(7)));
    assertThat(node).isNotEqualTo(new SubtreeNode(3, 1, HASH));
    assertThat(node).isNotEqualTo(new SubtreeNode(2, 0, HASH));
  }

  @Test
  void toStringShowsTheHashInHex() {
    assertThat(new SubtreeNode(3, 0, HASH))
        .hasToString(
            "SubtreeNode[level=3, index=0, "
                + "hash=5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328]");
  }

  @Test
  void hashIsCopiedInAndOut() {
    byte[] hash = HASH.clone();
    SubtreeNode node = new SubtreeNode(3, 0, hash);

    hash[0] ^= 1;
    node.hash()[1] ^= 1;

    assertThat(node.hash()).isEqualTo(HASH);
  }

  @Test
  void negativeLevel() {
    assertThatThrownBy(() -> new SubtreeNode(-1, 0, HASH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Subtree level -1 is outside 0..62, the levels of a tree of 2^63-1 leaves.");
  }

  @Test
  void negativeIndex() {
    assertThatThrownBy(() -> new SubtreeNode(0, -1, HASH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Subtree index -1 is negative.");
  }

  @Test
  void indexPastTheLargestLeaf() {
    assertThatThrownBy(() -> new SubtreeNode(62, 2, HASH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Subtree (level 62, index 2) would start past the largest leaf index, 2^63-1.");
  }

  @Test
  void hashOfTheWrongLength() {
    assertThatThrownBy(() -> new SubtreeNode(0, 0, new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The subtree hash is 16 bytes long; a SHA-256 hash is 32.");
  }
}
