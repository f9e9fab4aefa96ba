package io.airm.ipfs.dagpb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.cid.Cid;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PbNodeTest {

  private static final HexFormat HEX = HexFormat.of();

  /** The dag-pb block of "hello\n" as ipfs add writes it: Data{Type=File, Data, filesize=6}. */
  private static final String HELLO_BLOCK = "0a0c080212" + "0668656c6c6f0a" + "1806";

  private static final Cid CHILD = Cid.parse("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");

  @Test
  void helloBlock_hashesToKuboCid() {
    Block block = Block.create(0, io.airm.ipfs.cid.Multicodec.DAG_PB, HEX.parseHex(HELLO_BLOCK));

    assertThat(block.cid()).isEqualTo(CHILD);
    assertThat(PbNode.decode(HEX.parseHex(HELLO_BLOCK)).links()).isEmpty();
  }

  @Test
  void encode_writesLinksBeforeDataAndLinkFieldsInOrder() {
    PbNode node = new PbNode(List.of(PbLink.unnamed(CHILD, 14)), new byte[] {8, 2});

    String hex = HEX.formatHex(node.encode());

    // Links (field 2): Hash (1), Name (2, present and empty), Tsize (3); then Data (field 1).
    String link = "0a22" + HEX.formatHex(CHILD.bytes()) + "1200" + "180e";
    assertThat(hex).isEqualTo("1228" + link + "0a020802");
  }

  @Test
  void decode_roundTrips() {
    PbNode node =
        new PbNode(
            List.of(
                PbLink.unnamed(CHILD, 14),
                new PbLink(CHILD.toV1(), "naïve", null),
                new PbLink(CHILD, null, 0L)),
            null);

    assertThat(PbNode.decode(node.encode())).isEqualTo(node);
  }

  @Test
  void decode_distinguishesAbsentFromEmptyData() {
    PbNode absent = new PbNode(List.of(), null);
    PbNode empty = new PbNode(List.of(), new byte[0]);

    assertThat(absent.encode()).isEmpty();
    assertThat(HEX.formatHex(empty.encode())).isEqualTo("0a00");
    assertThat(PbNode.decode(empty.encode())).isEqualTo(empty).isNotEqualTo(absent);
  }

  @Test
  void decode_rejectsDataBeforeLinks() {
    byte[] linkFirst = new PbNode(List.of(PbLink.unnamed(CHILD, 1)), new byte[] {1}).encode();
    // Swap: Data (4 bytes: 0a 01 01 ... ) first, then the link.
    byte[] data = HEX.parseHex("0a0101");
    byte[] link = java.util.Arrays.copyOf(linkFirst, linkFirst.length - 3);
    byte[] swapped = new byte[linkFirst.length];
    System.arraycopy(data, 0, swapped, 0, 3);
    System.arraycopy(link, 0, swapped, 3, link.length);

    assertThatThrownBy(() -> PbNode.decode(swapped))
        .isInstanceOf(InvalidDagPbException.class)
        .hasMessageContaining("Link after its Data");
  }

  @Test
  void decode_rejectsUnknownField() {
    assertThatThrownBy(() -> PbNode.decode(HEX.parseHex("1a00")))
        .isInstanceOf(InvalidDagPbException.class)
        .hasMessageContaining("unknown field 3");
  }

  @Test
  void decode_rejectsLinkWithoutHash() {
    assertThatThrownBy(() -> PbNode.decode(HEX.parseHex("12021200")))
        .isInstanceOf(InvalidDagPbException.class)
        .hasMessageContaining("Link 0 of the dag-pb node has no Hash");
  }

  @Test
  void decode_rejectsLinkFieldsOutOfOrder() {
    String link = "1200" + "0a22" + HEX.formatHex(CHILD.bytes());
    assertThatThrownBy(() -> PbNode.decode(HEX.parseHex("1226" + link)))
        .isInstanceOf(InvalidDagPbException.class)
        .hasMessageContaining("field 1 after field 2");
  }

  @Test
  void decode_rejectsTruncatedInput() {
    byte[] block = HEX.parseHex(HELLO_BLOCK);
    byte[] truncated = java.util.Arrays.copyOf(block, block.length - 3);

    assertThatThrownBy(() -> PbNode.decode(truncated))
        .isInstanceOf(InvalidDagPbException.class)
        .hasMessageContaining("not valid protobuf")
        .hasMessageContaining("runs past the end");
  }

  @Test
  void decode_rejectsBadLinkCid() {
    assertThatThrownBy(() -> PbNode.decode(HEX.parseHex("1204" + "0a02" + "1220")))
        .isInstanceOf(InvalidDagPbException.class)
        .hasMessageContaining("Link 0 of the dag-pb node has an unusable Hash");
  }
}
