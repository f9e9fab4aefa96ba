package io.airm.ipfs.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.blockstore.FileSystemBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multihash;
import io.airm.ipfs.dagpb.PbNode;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.ipfs.unixfs.UnixFsReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemPinSetTest {

  /** Small chunks and fan-out so that a few kilobytes make a DAG three levels deep. */
  private static final ImportOptions DEEP_V0 =
      ImportOptions.kuboDefaultsV0().withChunkSize(256).withMaxLinks(4);

  private static final ImportOptions DEEP_V1 =
      ImportOptions.kuboCidV1().withChunkSize(256).withMaxLinks(4);

  @TempDir Path directory;

  @Test
  void gc_keepsPinnedDagsEntirelyAndRemovesTheRest() throws IOException {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    byte[] contentV0 = randomBytes(5000, 1);
    byte[] contentV1 = randomBytes(3000, 2);
    Cid pinnedV0 = importFile(store, contentV0, DEEP_V0, new HashSet<>());
    Cid pinnedV1 = importFile(store, contentV1, DEEP_V1, new HashSet<>());
    Set<Multihash> garbage = new HashSet<>();
    importFile(store, randomBytes(4000, 3), DEEP_V1, garbage);
    long before = count(store);
    FileSystemPinSet pins = FileSystemPinSet.of(store);
    pins.pin(pinnedV0);
    pins.pin(pinnedV1);

    GcResult result = pins.gc();

    assertThat(result.removed().stream().map(Cid::multihash).collect(Collectors.toSet()))
        .hasSize(garbage.size())
        .isEqualTo(garbage);
    assertThat(count(store)).isEqualTo(before - garbage.size()).isEqualTo(result.kept());
    assertThat(new UnixFsReader(store).open(pinnedV0).readAllBytes()).isEqualTo(contentV0);
    assertThat(new UnixFsReader(store).open(pinnedV1).readAllBytes()).isEqualTo(contentV1);
    assertThat(result.bytesFreed()).isGreaterThan(4000);
    assertThat(pins.gc().removed()).isEmpty();
  }

  @Test
  void gc_keepsBlocksSharedWithAnUnpinnedDag() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Block shared = Block.raw(randomBytes(100, 4));
    store.put(shared);
    Cid pinned = importFile(store, randomBytes(1000, 5), DEEP_V1, new HashSet<>());
    FileSystemPinSet pins = FileSystemPinSet.of(store);
    pins.pin(pinned);
    pins.pin(shared.cid());

    pins.gc();

    assertThat(store.has(shared.cid())).isTrue();
  }

  @Test
  void unpinThenGc_removesEverything() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Cid root = importFile(store, randomBytes(2000, 6), DEEP_V0, new HashSet<>());
    FileSystemPinSet pins = FileSystemPinSet.of(store);
    pins.pin(root);

    assertThat(pins.unpin(root.toV1())).isTrue();
    assertThat(pins.unpin(root)).isFalse();
    pins.gc();

    assertThat(count(store)).isZero();
    assertThat(pins.pins()).isEmpty();
  }

  @Test
  void pins_arePersistedAndSurviveReopening() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Cid first = importFile(store, randomBytes(1000, 7), DEEP_V0, new HashSet<>());
    Cid second = importFile(store, randomBytes(1000, 8), DEEP_V1, new HashSet<>());
    FileSystemPinSet.of(store).pin(first);
    FileSystemPinSet.of(store).pin(second);
    FileSystemPinSet.of(store).pin(first); // again: a no-op

    FileSystemPinSet reopened = FileSystemPinSet.of(FileSystemBlockStore.open(directory));

    assertThat(reopened.pins()).containsExactly(first, second);
    assertThat(directory.resolve(FileSystemPinSet.PINS_FILE)).hasContent(first + "\n" + second);
    try (Stream<Cid> cids = store.cids()) {
      assertThat(cids).hasSize((int) count(store)); // PINS is not mistaken for a block
    }
  }

  @Test
  void pin_requiresEveryBlockOfTheDag() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Cid root = importFile(store, randomBytes(2000, 9), DEEP_V0, new HashSet<>());
    Cid child = PbNode.decode(store.get(root).data()).links().get(1).hash();
    Cid grandchild = PbNode.decode(store.get(child).data()).links().get(0).hash();
    store.delete(grandchild);
    FileSystemPinSet pins = FileSystemPinSet.of(store);

    assertThatThrownBy(() -> pins.pin(root))
        .isInstanceOf(IncompleteDagException.class)
        .hasMessage(
            "Cannot pin the DAG under "
                + root
                + ": its block "
                + grandchild
                + " is not in the store.");
    assertThat(pins.pins()).isEmpty();
  }

  @Test
  void gc_refusesToRunWhenAPinnedDagLostABlock() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Cid root = importFile(store, randomBytes(2000, 10), DEEP_V1, new HashSet<>());
    Block garbage = Block.raw(randomBytes(10, 11));
    store.put(garbage);
    FileSystemPinSet pins = FileSystemPinSet.of(store);
    pins.pin(root);
    Cid leaf = PbNode.decode(store.get(root).data()).links().get(0).hash();
    store.delete(leaf);

    assertThatThrownBy(pins::gc).isInstanceOf(IncompleteDagException.class);
    assertThat(store.has(garbage.cid())).isTrue();
  }

  @Test
  void cids_listsEveryStoredBlockByItsMultihash() {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    Set<Multihash> stored = new HashSet<>();
    importFile(store, randomBytes(3000, 12), DEEP_V0, stored);

    try (Stream<Cid> cids = store.cids()) {
      assertThat(cids.map(Cid::multihash).collect(Collectors.toSet())).isEqualTo(stored);
    }
  }

  @Test
  void gc_racingWritersThatPinUnderTheGuard_neverLosesABlock() throws Exception {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    FileSystemPinSet pins = FileSystemPinSet.of(store);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      Future<Integer> collector =
          pool.submit(
              () -> {
                int runs = 0;
                while (writing.get()) {
                  pins.gc();
                  runs++;
                }
                return runs;
              });
      List<Future<List<Cid>>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  List<Cid> roots = new ArrayList<>();
                  for (int i = 0; i < 15; i++) {
                    // Written and pinned under one guard: GC cannot fall between the two.
                    try (FileSystemBlockStore.Guard guard = store.guardAgainstGc()) {
                      Cid root =
                          importFile(
                              store,
                              randomBytes(1500, 1000L * writer + i),
                              DEEP_V1,
                              new HashSet<>());
                      pins.pin(root);
                      roots.add(root);
                    }
                    // Unpinned garbage, which GC may or may not have removed by the end.
                    store.put(Block.raw(randomBytes(50, -1000L * writer - i)));
                  }
                  return roots;
                }));
      }
      List<Cid> pinned = new ArrayList<>();
      for (Future<List<Cid>> writer : writers) {
        pinned.addAll(writer.get(60, TimeUnit.SECONDS));
      }
      writing.set(false);
      assertThat(collector.get(60, TimeUnit.SECONDS)).isPositive();

      pins.gc();

      assertThat(pins.pins()).hasSize(60).containsExactlyInAnyOrderElementsOf(pinned);
      for (int writer = 0; writer < 4; writer++) {
        for (int i = 0; i < 15; i++) {
          Cid root = pinned.get(writer * 15 + i);
          assertThat(new UnixFsReader(store).open(root).readAllBytes())
              .isEqualTo(randomBytes(1500, 1000L * writer + i));
        }
      }
      assertThat(pins.gc().removed()).isEmpty();
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
  }

  @Test
  void put_waitsForARunningGcAndItsBlockSurvives() throws Exception {
    FileSystemBlockStore store = FileSystemBlockStore.open(directory);
    FileSystemPinSet pins = FileSystemPinSet.of(store);
    Block block = Block.raw(randomBytes(10, 13));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> put =
          store.exclusively(
              () -> {
                // GC holds the store: a put started now must wait until it is done.
                Future<?> pending = pool.submit(() -> store.put(block));
                assertThat(pins.gc().removed()).isEmpty();
                assertThat(store.has(block.cid())).isFalse();
                return pending;
              });
      put.get(30, TimeUnit.SECONDS);

      assertThat(store.has(block.cid())).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  private static Cid importFile(
      FileSystemBlockStore store, byte[] content, ImportOptions options, Set<Multihash> written) {
    try {
      return UnixFsImporter.importFile(
              new ByteArrayInputStream(content),
              options,
              block -> {
                store.put(block);
                written.add(block.cid().multihash());
              })
          .root();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long count(FileSystemBlockStore store) {
    try (Stream<Cid> cids = store.cids()) {
      return cids.count();
    }
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
