package io.airm.ipfs.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlockStoreTest {

  @TempDir Path directory;

  @Test
  void putThenGet_roundTrips() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Block block = Block.raw(randomBytes(1000, 1));

    store.put(block);

    assertThat(store.has(block.cid())).isTrue();
    assertThat(store.get(block.cid()).data()).isEqualTo(block.data());
    assertThat(store.size(block.cid())).isEqualTo(1000);
  }

  @Test
  void layout_isKubosFlatfsNextToLastTwo() {
    // The empty UnixFS directory, present in every Kubo repository under exactly this name.
    Cid emptyDirectory = Cid.parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);

    assertThat(store.pathOf(emptyDirectory))
        .isEqualTo(
            directory.resolve("X3/CIQFTFEEHEDF6KLBT32BFAGLXEZL4UWFNWM4LFTLMXQBCERZ6CMLX3Y.data"));
    assertThat(directory.resolve("SHARDING")).hasContent("/repo/flatfs/shard/v1/next-to-last/2");
  }

  @Test
  void get_findsTheBlockUnderEveryCidOfItsMultihash() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Block block = Block.create(0, Multicodec.DAG_PB, new byte[] {0x0a, 0x00});
    store.put(block);

    Block asV1 = store.get(block.cid().toV1());

    assertThat(asV1.cid()).isEqualTo(block.cid().toV1());
    assertThat(asV1.data()).isEqualTo(block.data());
  }

  @Test
  void put_isIdempotent() throws IOException {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Block block = Block.raw(randomBytes(100, 2));
    store.put(block);
    Path path = store.pathOf(block.cid());
    var modified = Files.getLastModifiedTime(path);

    store.put(block);

    assertThat(Files.getLastModifiedTime(path)).isEqualTo(modified);
    assertThat(store.get(block.cid())).isEqualTo(block);
    assertThat(filesUnder(directory)).hasSize(2); // SHARDING and the block
  }

  @Test
  void put_replacesATruncatedFile() throws IOException {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Block block = Block.raw(randomBytes(100, 3));
    store.put(block);
    Files.write(store.pathOf(block.cid()), new byte[10]);

    store.put(block);

    assertThat(store.get(block.cid()).data()).isEqualTo(block.data());
  }

  @Test
  void get_corruptFile_failsNamingTheCidAndThePath() throws IOException {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Block block = Block.raw("precious".getBytes(StandardCharsets.US_ASCII));
    store.put(block);
    Path path = store.pathOf(block.cid());
    Files.write(path, "tampered".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> store.get(block.cid()))
        .isInstanceOf(CorruptBlockException.class)
        .hasMessageStartingWith("Block " + block.cid() + " read from " + path + " is corrupt")
        .satisfies(
            e -> assertThat(((CorruptBlockException) e).location()).hasValue(path.toString()));
  }

  @Test
  void get_missingBlock_failsWithNotFound() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Cid missing = Block.raw(new byte[] {42}).cid();

    assertThat(store.find(missing)).isEmpty();
    assertThat(store.has(missing)).isFalse();
    assertThatThrownBy(() -> store.get(missing))
        .isInstanceOf(BlockNotFoundException.class)
        .hasMessageStartingWith(
            "Block " + missing + " was not found in the block store at " + directory)
        .satisfies(e -> assertThat(((BlockNotFoundException) e).cid()).isEqualTo(missing));
    assertThatThrownBy(() -> store.size(missing)).isInstanceOf(BlockNotFoundException.class);
  }

  @Test
  void delete_removesTheBlock() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Block block = Block.raw(new byte[] {1});
    store.put(block);

    assertThat(store.delete(block.cid())).isTrue();
    assertThat(store.delete(block.cid())).isFalse();
    assertThat(store.has(block.cid())).isFalse();
  }

  @Test
  void concurrentWriters_ofTheSameAndOfDifferentBlocks_leaveOnlyWholeBlocks() throws Exception {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      blocks.add(Block.raw(randomBytes(64 * 1024 + i, i)));
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int round = 0; round < 5; round++) {
                    for (Block block : blocks) {
                      store.put(block);
                      // A reader racing the writers sees a whole block or none.
                      store
                          .find(block.cid())
                          .ifPresent(found -> assertThat(found).isEqualTo(block));
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (Block block : blocks) {
      assertThat(store.get(block.cid()).data()).isEqualTo(block.data());
    }
    assertThat(filesUnder(directory))
        .as("no temporary files left behind")
        .allMatch(p -> p.getFileName().toString().endsWith(".data") || p.endsWith("SHARDING"))
        .hasSize(blocks.size() + 1);
  }

  @Test
  void reopen_seesEarlierBlocks() {
    Block block = Block.raw(new byte[] {7, 7, 7});
    FileSystemBlockStore.open(directory).put(block);

    assertThat(FileSystemBlockStore.open(directory).get(block.cid())).isEqualTo(block);
  }

  @Test
  void open_refusesADirectoryShardedAnotherWay() throws IOException {
    Files.writeString(directory.resolve("SHARDING"), "/repo/flatfs/shard/v1/prefix/2\n");

    assertThatThrownBy(() -> FileSystemBlockStore.open(directory))
        .isInstanceOf(BlockStoreException.class)
        .hasMessageContaining("is sharded as '/repo/flatfs/shard/v1/prefix/2'");
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
