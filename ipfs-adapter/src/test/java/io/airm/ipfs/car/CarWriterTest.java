package io.airm.ipfs.car;

import static io.airm.ipfs.car.CarFixtures.DEEP_V0;
import static io.airm.ipfs.car.CarFixtures.DEEP_V1;
import static io.airm.ipfs.car.CarFixtures.blocksOf;
import static io.airm.ipfs.car.CarFixtures.car;
import static io.airm.ipfs.car.CarFixtures.importInto;
import static io.airm.ipfs.car.CarFixtures.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.dagpb.PbLink;
import io.airm.ipfs.dagpb.PbNode;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarWriterTest {

  @Test
  void header_isTheCanonicalDagCborMapOfRootsThenVersion() {
    Block block = Block.raw(new byte[] {1, 2, 3});
    InMemoryBlockStore store = new InMemoryBlockStore();
    store.put(block);

    byte[] car = car(store, block.cid());

    String cid = HexFormat.of().formatHex(block.cid().bytes());
    String expectedHeader =
        "3a" // varint: 58 bytes of dag-cbor follow
            + "a2" // map(2)
            + "65726f6f7473" // "roots"
            + "81" // array(1)
            + "d82a" // tag(42)
            + "5825" // bytes(37)
            + "00" // identity multibase prefix
            + cid
            + "6776657273696f6e" // "version"
            + "01"; // 1
    assertThat(HexFormat.of().formatHex(car)).startsWith(expectedHeader);
    String expectedSection = "27" + cid + "010203"; // varint(36 + 3), CID, data
    assertThat(HexFormat.of().formatHex(car)).isEqualTo(expectedHeader + expectedSection);
  }

  @Test
  void blocks_areInDepthFirstPreOrder() {
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root = importInto(store, randomBytes(5000, 1), DEEP_V1);

    List<Cid> written = blocksOf(car(store, root)).stream().map(Block::cid).toList();

    List<Cid> expected = new ArrayList<>();
    preOrder(store, root, expected);
    assertThat(written).hasSizeGreaterThan(20 + 5).containsExactlyElementsOf(expected);
    assertThat(written.get(0)).isEqualTo(root);
  }

  @Test
  void roundTrip_emptyFile() throws IOException {
    assertRoundTrip(new byte[0], ImportOptions.kuboDefaultsV0(), 1);
  }

  @Test
  void roundTrip_singleBlockV0() throws IOException {
    assertRoundTrip(randomBytes(100, 2), ImportOptions.kuboDefaultsV0(), 1);
  }

  @Test
  void roundTrip_emptyRawBlock() {
    Block empty = Block.raw(new byte[0]);
    InMemoryBlockStore source = new InMemoryBlockStore();
    source.put(empty);
    InMemoryBlockStore target = new InMemoryBlockStore();

    List<Cid> roots =
        CarReader.importInto(new ByteArrayInputStream(car(source, empty.cid())), target);

    assertThat(roots).containsExactly(empty.cid());
    assertThat(target.get(empty.cid()).length()).isZero();
  }

  @Test
  void roundTrip_multiLevelV0() throws IOException {
    assertRoundTrip(randomBytes(5000, 3), DEEP_V0, 27);
  }

  @Test
  void roundTrip_multiLevelV1WithRawLeaves() throws IOException {
    assertRoundTrip(randomBytes(5000, 4), DEEP_V1, 27);
  }

  @Test
  void repeatedBlocks_areWrittenOnce() {
    // Twenty identical chunks: twenty links to one leaf.
    byte[] chunk = randomBytes(256, 5);
    byte[] content = new byte[256 * 20];
    for (int i = 0; i < 20; i++) {
      System.arraycopy(chunk, 0, content, i * 256, 256);
    }
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root = importInto(store, content, DEEP_V1);

    List<Cid> written = blocksOf(car(store, root)).stream().map(Block::cid).toList();

    assertThat(written).doesNotHaveDuplicates().hasSize(store.count());
  }

  @Test
  void missingBlock_failsNamingIt() {
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root = importInto(store, randomBytes(2000, 6), DEEP_V1);
    Cid leaf = PbNode.decode(store.get(root).data()).links().get(0).hash();
    store.delete(leaf);

    assertThatThrownBy(() -> CarWriter.write(store, root, new ByteArrayOutputStream()))
        .isInstanceOf(BlockNotFoundException.class)
        .hasMessageContaining(leaf.toString());
  }

  private static void assertRoundTrip(byte[] content, ImportOptions options, int minimumBlocks)
      throws IOException {
    InMemoryBlockStore source = new InMemoryBlockStore();
    Cid root = importInto(source, content, options);
    InMemoryBlockStore target = new InMemoryBlockStore();

    List<Cid> roots = CarReader.importInto(new ByteArrayInputStream(car(source, root)), target);

    assertThat(roots).containsExactly(root);
    assertThat(target.count()).isEqualTo(source.count()).isGreaterThanOrEqualTo(minimumBlocks);
    assertThat(new UnixFsReader(target).open(root).readAllBytes()).isEqualTo(content);
  }

  private static void preOrder(InMemoryBlockStore store, Cid cid, List<Cid> out) {
    out.add(cid);
    if (cid.codec() == Multicodec.DAG_PB) {
      for (PbLink link : PbNode.decode(store.get(cid).data()).links()) {
        preOrder(store, link.hash(), out);
      }
    }
  }
}
