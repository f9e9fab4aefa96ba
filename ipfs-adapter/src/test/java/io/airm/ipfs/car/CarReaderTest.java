package io.airm.ipfs.car;

import static io.airm.ipfs.car.CarFixtures.DEEP_V0;
import static io.airm.ipfs.car.CarFixtures.car;
import static io.airm.ipfs.car.CarFixtures.importInto;
import static io.airm.ipfs.car.CarFixtures.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.blockstore.FileSystemBlockStore;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.multiformats.Varint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarReaderTest {

  @TempDir Path directory;

  private final InMemoryBlockStore source = new InMemoryBlockStore();
  private final Cid root = importInto(source, randomBytes(5000, 10), DEEP_V0);
  private final byte[] good = car(source, root);

  @Test
  void goodCar_importsEveryBlockAndReturnsTheRoots() throws IOException {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory.resolve("store"));

    List<Cid> roots = CarReader.importInto(new ByteArrayInputStream(good), store, directory);

    assertThat(roots).containsExactly(root);
    try (Stream<Cid> stored = store.cids()) {
      assertThat(stored.count()).isEqualTo(source.count());
    }
    assertThat(stagingFiles()).isEmpty();
  }

  @Test
  void corruptBlock_isRefusedNamingItsCidAndNothingIsStored() throws IOException {
    // Flip one byte of the last block's data: its section ends at the end of the file.
    byte[] corrupt = good.clone();
    corrupt[corrupt.length - 1] ^= 0x01;
    Cid last = CarFixtures.blocksOf(good).get(source.count() - 1).cid();
    FileSystemBlockStore store = FileSystemBlockStore.open(directory.resolve("store"));

    assertThatThrownBy(
            () -> CarReader.importInto(new ByteArrayInputStream(corrupt), store, directory))
        .isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining(last.toString())
        .hasMessageContaining("CAR section at byte offset");
    try (Stream<Cid> stored = store.cids()) {
      assertThat(stored).isEmpty();
    }
    assertThat(stagingFiles()).isEmpty();
  }

  @Test
  void truncatedCar_isRefusedAtEveryCutAndNothingIsStored() {
    // A cut exactly between sections leaves a valid, shorter CAR; every other cut is truncation.
    Set<Integer> boundaries = new HashSet<>();
    int offset = 1 + 0x3a - 2; // a CIDv0 root is 2 bytes shorter than the 0x3a header of a CIDv1
    boundaries.add(offset);
    for (Block block : CarFixtures.blocksOf(good)) {
      int length = block.cid().bytes().length + block.length();
      offset += Varint.size(length) + length;
      boundaries.add(offset);
    }
    assertThat(offset).isEqualTo(good.length);
    for (int cut = 1; cut < good.length; cut++) {
      if (boundaries.contains(cut)) {
        continue;
      }
      InMemoryBlockStore store = new InMemoryBlockStore();
      byte[] truncated = Arrays.copyOf(good, cut);
      int at = cut;

      // Staging through the file system is slow, so only some cuts go through a full import.
      boolean nearBoundary = boundaries.contains(cut - 1) || boundaries.contains(cut + 1);
      if (nearBoundary || cut % 64 == 0) {
        assertThatThrownBy(
                () -> CarReader.importInto(new ByteArrayInputStream(truncated), store, directory),
                "cut at %d",
                at)
            .isInstanceOf(InvalidCarException.class)
            .hasMessageContaining("truncated");
        assertThat(store.count()).as("blocks stored from a CAR cut at %d", cut).isZero();
      } else {
        assertThatThrownBy(
                () -> CarReader.verify(new ByteArrayInputStream(truncated)), "cut at %d", at)
            .isInstanceOf(InvalidCarException.class)
            .hasMessageContaining("truncated");
      }
    }
  }

  @Test
  void emptyStream_isRefused() {
    assertThatThrownBy(() -> CarReader.verify(new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(InvalidCarException.class)
        .hasMessage("The CAR is empty: it has no header.");
  }

  @Test
  void headerOnly_hasRootsAndNoBlocks() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CarWriter.writeHeader(List.of(root), out);
    InMemoryBlockStore store = new InMemoryBlockStore();

    assertThat(CarReader.importInto(new ByteArrayInputStream(out.toByteArray()), store, directory))
        .containsExactly(root);
    assertThat(store.count()).isZero();
  }

  @Test
  void header_version2_isRefused() {
    // The CARv2 pragma: {"version": 2}.
    assertHeaderRefused("a16776657273696f6e02", "declares version 2, but only CARv1");
  }

  @Test
  void header_notAMap_isRefused() {
    assertHeaderRefused("8101", "CBOR major type 4 at byte 0 where a map should be");
  }

  @Test
  void header_withoutRoots_isRefused() {
    assertHeaderRefused("a16776657273696f6e01", "has no \"roots\"");
  }

  @Test
  void header_withUnknownKey_isRefused() {
    assertHeaderRefused("a1636b657901", "has the key \"key\"");
  }

  @Test
  void header_rootWithoutMultibasePrefix_isRefused() {
    String cid = HexFormat.of().formatHex(root.bytes());
    assertHeaderRefused(
        "a265726f6f747381d82a5822" + cid + "6776657273696f6e01",
        "does not start with the 0x00 multibase prefix");
  }

  @Test
  void header_withTrailingBytes_isRefused() {
    assertHeaderRefused("a16776657273696f6e0100", "1 trailing byte(s)");
  }

  @Test
  void header_lengthZero_isRefused() {
    assertThatThrownBy(() -> CarReader.verify(new ByteArrayInputStream(new byte[] {0})))
        .isInstanceOf(InvalidCarException.class)
        .hasMessageContaining("header length is 0 bytes");
  }

  @Test
  void nonMinimalVarint_isRefused() {
    // 0x80 0x00 is zero in two bytes, which the unsigned-varint spec forbids.
    assertThatThrownBy(
            () -> CarReader.verify(new ByteArrayInputStream(new byte[] {(byte) 0x80, 0})))
        .isInstanceOf(InvalidCarException.class)
        .hasMessageContaining("not minimally encoded");
  }

  @Test
  void sectionShorterThanItsCid_isRefused() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CarWriter.writeHeader(List.of(root), out);
    Block block = Block.raw(new byte[] {7});
    out.write(Varint.encode(10)); // a CIDv1 alone is 36 bytes
    out.write(block.cid().bytes());
    out.write(7);

    assertThatThrownBy(() -> CarReader.verify(new ByteArrayInputStream(out.toByteArray())))
        .isInstanceOf(InvalidCarException.class)
        .hasMessageContaining("fewer than its 36-byte CID " + block.cid());
  }

  private void assertHeaderRefused(String headerHex, String message) {
    byte[] header = HexFormat.of().parseHex(headerHex);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Varint.encode(header.length));
    out.writeBytes(header);
    InMemoryBlockStore store = new InMemoryBlockStore();

    assertThatThrownBy(
            () ->
                CarReader.importInto(new ByteArrayInputStream(out.toByteArray()), store, directory))
        .isInstanceOf(InvalidCarException.class)
        .hasMessageContaining(message);
    assertThat(store.count()).isZero();
  }

  private List<Path> stagingFiles() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().startsWith("car-import-")).toList();
    }
  }
}
