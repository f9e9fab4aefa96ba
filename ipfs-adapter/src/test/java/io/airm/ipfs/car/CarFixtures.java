package io.airm.ipfs.car;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsImporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** DAGs and CARs shared by the CAR tests. */
final class CarFixtures {

  private CarFixtures() {}

  /** Small chunks and fan-out so that a few kilobytes make a DAG three levels deep. */
  static final ImportOptions DEEP_V0 =
      ImportOptions.kuboDefaultsV0().withChunkSize(256).withMaxLinks(4);

  static final ImportOptions DEEP_V1 = ImportOptions.kuboCidV1().withChunkSize(256).withMaxLinks(4);

  static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static Cid importInto(InMemoryBlockStore store, byte[] content, ImportOptions options) {
    try {
      return UnixFsImporter.importFile(new ByteArrayInputStream(content), options, store).root();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] car(InMemoryBlockStore store, Cid root) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CarWriter.write(store, root, out);
    return out.toByteArray();
  }

  /** The blocks of a CAR in file order, verified. */
  static List<Block> blocksOf(byte[] car) {
    List<Block> blocks = new ArrayList<>();
    try {
      CarReader.parse(new ByteArrayInputStream(car), blocks::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return blocks;
  }
}
