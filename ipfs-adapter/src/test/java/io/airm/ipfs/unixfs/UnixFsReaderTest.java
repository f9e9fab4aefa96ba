package io.airm.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.BlockSource;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.dagpb.PbLink;
import io.airm.ipfs.dagpb.PbNode;
import io.airm.ipfs.dagpb.ProtoWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnixFsReaderTest {

  private static final int C = ImportOptions.KUBO_CHUNK_SIZE;

  static Stream<Arguments> files() {
    ImportOptions small = ImportOptions.kuboDefaultsV0().withChunkSize(7).withMaxLinks(3);
    return Stream.of(
        Arguments.of(ImportOptions.kuboDefaultsV0(), 0),
        Arguments.of(ImportOptions.kuboCidV1(), 0),
        Arguments.of(ImportOptions.kuboDefaultsV0(), 1),
        Arguments.of(ImportOptions.kuboCidV1(), C),
        Arguments.of(ImportOptions.kuboDefaultsV0(), C + 1),
        Arguments.of(ImportOptions.kuboCidV1(), 3 * C + 17),
        Arguments.of(small, 7 * 30 + 2),
        Arguments.of(small.withRawLeaves(true).withCidVersion(1), 7 * 81 + 1));
  }

  @ParameterizedTest(name = "{0}, {1} bytes")
  @MethodSource("files")
  void open_streamsBackWhatWasImported(ImportOptions options, int size) throws IOException {
    byte[] content = random(size);
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root = UnixFsImporter.importFile(new ByteArrayInputStream(content), options, store).root();
    UnixFsReader reader = new UnixFsReader(store);

    assertThat(reader.fileSize(root)).isEqualTo(size);
    try (InputStream in = reader.open(root)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(reader.copyTo(root, out)).isEqualTo(size);
    assertThat(out.toByteArray()).isEqualTo(content);
  }

  @Test
  void open_byteByByte_crossesEveryBlockBoundary() throws IOException {
    ImportOptions options = ImportOptions.kuboCidV1().withChunkSize(3).withMaxLinks(2);
    byte[] content = random(3 * 9 + 2);
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root = UnixFsImporter.importFile(new ByteArrayInputStream(content), options, store).root();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new UnixFsReader(store).open(root)) {
      int b;
      while ((b = in.read()) >= 0) {
        out.write(b);
      }
    }

    assertThat(out.toByteArray()).isEqualTo(content);
  }

  @Test
  void fileSize_readsOnlyTheRootBlock() throws IOException {
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root =
        UnixFsImporter.importFile(
                new ByteArrayInputStream(random(5 * C)), ImportOptions.kuboDefaultsV0(), store)
            .root();
    AtomicInteger fetches = new AtomicInteger();
    BlockSource counting =
        cid -> {
          fetches.incrementAndGet();
          return store.find(cid);
        };

    assertThat(new UnixFsReader(counting).fileSize(root)).isEqualTo(5L * C);
    assertThat(fetches).hasValue(1);
  }

  @Test
  void open_corruptLeaf_failsNamingTheLeaf() throws IOException {
    ImportOptions options = ImportOptions.kuboCidV1().withChunkSize(4);
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root =
        UnixFsImporter.importFile(new ByteArrayInputStream(random(12)), options, store).root();
    Cid secondLeaf = PbNode.decode(store.get(root).data()).links().get(1).hash();
    // A source that serves other bytes for the second leaf must still hand over a Block, and a
    // Block cannot be made from bytes that do not match its CID.
    BlockSource tampering =
        cid -> cid.equals(secondLeaf) ? Optional.of(Block.of(cid, new byte[4])) : store.find(cid);

    InputStream in = new UnixFsReader(tampering).open(root);
    assertThat(in.readNBytes(4)).hasSize(4);
    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining(secondLeaf.toString());
  }

  @Test
  void open_sourceAnsweringWithAnotherBlock_isCaught() throws IOException {
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root =
        UnixFsImporter.importFile(
                new ByteArrayInputStream(random(10)), ImportOptions.kuboCidV1(), store)
            .root();
    BlockSource liar = cid -> Optional.of(Block.raw(new byte[] {1, 2, 3}));

    assertThatThrownBy(() -> new UnixFsReader(liar).open(root))
        .isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining(root.toString());
  }

  @Test
  void open_missingLeaf_failsWithNotFound() throws IOException {
    ImportOptions options = ImportOptions.kuboDefaultsV0().withChunkSize(4);
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root =
        UnixFsImporter.importFile(new ByteArrayInputStream(random(12)), options, store).root();
    Cid lastLeaf = PbNode.decode(store.get(root).data()).links().get(2).hash();
    store.delete(lastLeaf);

    InputStream in = new UnixFsReader(store).open(root);
    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(BlockNotFoundException.class)
        .hasMessageContaining(lastLeaf.toString());
  }

  @Test
  void open_blocksizesThatLie_areRejected() {
    InMemoryBlockStore store = new InMemoryBlockStore();
    Block leaf = Block.raw(new byte[] {1, 2, 3});
    store.put(leaf);
    // The parent claims its only child holds 4 bytes; it holds 3.
    Block parent = dagPb(List.of(PbLink.unnamed(leaf.cid(), 3)), fileNode(null, 4L, 4L));
    store.put(parent);

    assertThatThrownBy(() -> new UnixFsReader(store).open(parent.cid()).readAllBytes())
        .isInstanceOf(InvalidUnixFsException.class)
        .hasMessageContaining("declares 4 bytes for its child 0")
        .hasMessageContaining("the child holds 3");
  }

  @Test
  void open_filesizeThatContradictsBlocksizes_isRejected() {
    InMemoryBlockStore store = new InMemoryBlockStore();
    Block leaf = Block.raw(new byte[] {1, 2, 3});
    store.put(leaf);
    Block parent = dagPb(List.of(PbLink.unnamed(leaf.cid(), 3)), fileNode(null, 5L, 3L));
    store.put(parent);

    assertThatThrownBy(() -> new UnixFsReader(store).fileSize(parent.cid()))
        .isInstanceOf(InvalidUnixFsException.class)
        .hasMessageContaining(parent.cid().toString())
        .hasMessageContaining("filesize of 5 bytes");
  }

  @Test
  void open_nodeWithOwnDataAndChildren_readsDataFirst() throws IOException {
    // UnixFS allows a File node to hold bytes before its children; go-unixfs reads them first.
    InMemoryBlockStore store = new InMemoryBlockStore();
    Block leaf = Block.raw(new byte[] {4, 5});
    store.put(leaf);
    Block parent =
        dagPb(List.of(PbLink.unnamed(leaf.cid(), 2)), fileNode(new byte[] {1, 2, 3}, 5L, 2L));
    store.put(parent);

    try (InputStream in = new UnixFsReader(store).open(parent.cid())) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3, 4, 5);
    }
  }

  @Test
  void open_legacyLeavesOfUnixFsTypeRaw_areRead() throws IOException {
    // Kubo before 0.5 wrote leaves as UnixFS Type=Raw (0) rather than File.
    InMemoryBlockStore store = new InMemoryBlockStore();
    Block leaf =
        dagPb(
            List.of(),
            new ProtoWriter(8).uint64(1, 0).bytes(2, new byte[] {9, 8}).uint64(3, 2).toByteArray());
    store.put(leaf);
    Block parent =
        dagPb(List.of(PbLink.unnamed(leaf.cid(), leaf.length())), fileNode(null, 2L, 2L));
    store.put(parent);

    try (InputStream in = new UnixFsReader(store).open(parent.cid())) {
      assertThat(in.readAllBytes()).containsExactly(9, 8);
    }
  }

  @Test
  void open_directory_isRefused() {
    InMemoryBlockStore store = new InMemoryBlockStore();
    byte[] directory = new ProtoWriter(4).uint64(1, 1).toByteArray();
    Block block = dagPb(List.of(), directory);
    store.put(block);

    assertThatThrownBy(() -> new UnixFsReader(store).open(block.cid()))
        .isInstanceOf(InvalidUnixFsException.class)
        .hasMessage(
            "Block " + block.cid() + " is a UnixFS Directory, not a File; only files can be read.");
  }

  @Test
  void open_dagPbThatIsNotUnixFs_isRefused() {
    InMemoryBlockStore store = new InMemoryBlockStore();
    Block block = dagPb(List.of(), new byte[] {(byte) 0xFF});
    store.put(block);

    assertThatThrownBy(() -> new UnixFsReader(store).open(block.cid()))
        .isInstanceOf(InvalidUnixFsException.class)
        .hasMessageContaining("is not a valid UnixFS node");
  }

  private static byte[] fileNode(byte[] data, Long filesize, long... blocksizes) {
    ProtoWriter out = new ProtoWriter(16);
    out.uint64(1, 2);
    if (data != null) {
      out.bytes(2, data);
    }
    if (filesize != null) {
      out.uint64(3, filesize);
    }
    for (long size : blocksizes) {
      out.uint64(4, size);
    }
    return out.toByteArray();
  }

  private static Block dagPb(List<PbLink> links, byte[] data) {
    return Block.create(0, Multicodec.DAG_PB, new PbNode(links, data).encode());
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
