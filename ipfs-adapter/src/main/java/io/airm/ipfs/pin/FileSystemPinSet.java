package io.airm.ipfs.pin;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.blockstore.BlockStoreException;
import io.airm.ipfs.blockstore.FileSystemBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.cid.Multihash;
import io.airm.ipfs.dagpb.PbLink;
import io.airm.ipfs.dagpb.PbNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recursive pins on a {@link FileSystemBlockStore}, persisted in the file {@code PINS} in the
 * store's directory: one CID per line, rewritten atomically (temporary file, fsync, rename) on
 * every change, so a crash leaves either the old or the new set.
 *
 * <p>Concurrency: {@link #gc()} runs entirely inside {@link FileSystemBlockStore#exclusively}, so
 * no {@code put}, {@code delete} or {@link #pin} runs while it marks and sweeps; a block written
 * "during" GC is written after it and is not deleted. A caller that writes a DAG and then pins it
 * should do both under {@link FileSystemBlockStore#guardAgainstGc()}, so that GC cannot collect the
 * blocks between the write and the pin (as Kubo's {@code add} holds its pin lock). GC excludes
 * writers in this JVM only; another process writing the same directory is not excluded.
 */
public final class FileSystemPinSet implements PinSet {

  static final String PINS_FILE = "PINS";

  private static final Logger LOG = LoggerFactory.getLogger(FileSystemPinSet.class);

  /** Serialises read-modify-write of the pin file across every instance over one directory. */
  private static final ConcurrentMap<Path, Object> MUTEXES = new ConcurrentHashMap<>();

  private final FileSystemBlockStore store;
  private final Path pinsFile;
  private final Object mutex;

  private FileSystemPinSet(FileSystemBlockStore store) {
    this.store = store;
    this.pinsFile = store.root().resolve(PINS_FILE);
    this.mutex = MUTEXES.computeIfAbsent(store.root(), root -> new Object());
  }

  /** The pin set of {@code store}, empty if it has never had a pin. */
  public static FileSystemPinSet of(FileSystemBlockStore store) {
    return new FileSystemPinSet(Objects.requireNonNull(store, "store"));
  }

  @Override
  public void pin(Cid root) {
    Objects.requireNonNull(root, "root");
    try (FileSystemBlockStore.Guard guard = store.guardAgainstGc()) {
      reachable(root, "pin");
      synchronized (mutex) {
        Set<Cid> pins = readPins();
        if (pins.stream().noneMatch(p -> p.multihash().equals(root.multihash()))) {
          pins.add(root);
          writePins(pins);
          LOG.info("Pinned {} in {}", root, store.root());
        }
      }
    }
  }

  @Override
  public boolean unpin(Cid root) {
    Objects.requireNonNull(root, "root");
    synchronized (mutex) {
      Set<Cid> pins = readPins();
      boolean removed = pins.removeIf(p -> p.multihash().equals(root.multihash()));
      if (removed) {
        writePins(pins);
        LOG.info("Unpinned {} in {}", root, store.root());
      }
      return removed;
    }
  }

  @Override
  public Set<Cid> pins() {
    synchronized (mutex) {
      return Collections.unmodifiableSet(readPins());
    }
  }

  @Override
  public GcResult gc() {
    return store.exclusively(
        () -> {
          // Mark: every multihash reachable from a pin. Sweep: every stored block not marked.
          Set<Multihash> live = new HashSet<>();
          for (Cid root : pins()) {
            live.addAll(reachable(root, "keep"));
          }
          List<Cid> garbage;
          try (Stream<Cid> stored = store.cids()) {
            garbage = stored.filter(cid -> !live.contains(cid.multihash())).toList();
          }
          long freed = 0;
          List<Cid> removed = new ArrayList<>();
          for (Cid cid : garbage) {
            long size = store.size(cid);
            if (store.delete(cid)) {
              removed.add(cid);
              freed += size;
            }
          }
          LOG.info(
              "Garbage collection of {} removed {} blocks ({} bytes) and kept {}",
              store.root(),
              removed.size(),
              freed,
              live.size());
          return new GcResult(removed, freed, live.size());
        });
  }

  /** The multihashes of every block under {@code root}, reading each to find its links. */
  private Set<Multihash> reachable(Cid root, String action) {
    Set<Multihash> seen = new HashSet<>();
    Deque<Cid> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Cid cid = pending.pop();
      if (!seen.add(cid.multihash())) {
        continue;
      }
      Block block =
          store.find(cid).orElseThrow(() -> new IncompleteDagException(root, cid, action));
      if (cid.codec() == Multicodec.DAG_PB) {
        for (PbLink link : PbNode.decode(block.data()).links()) {
          pending.push(link.hash());
        }
      }
    }
    return seen;
  }

  private Set<Cid> readPins() {
    List<String> lines;
    try {
      lines = Files.readAllLines(pinsFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new LinkedHashSet<>();
    } catch (IOException e) {
      throw new BlockStoreException(
          "The pin set " + pinsFile + " cannot be read: " + e.getMessage(), e);
    }
    Set<Cid> pins = new LinkedHashSet<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        pins.add(Cid.parse(line.strip()));
      }
    }
    return pins;
  }

  private void writePins(Set<Cid> pins) {
    StringBuilder text = new StringBuilder();
    for (Cid pin : pins) {
      text.append(pin).append('\n');
    }
    Path directory = pinsFile.getParent();
    Path temp = directory.resolve("pins-" + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(
          temp, pinsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException e) {
        LOG.debug("Cannot fsync directory {}: {}", directory, e.toString());
      }
    } catch (IOException e) {
      throw new BlockStoreException(
          "The pin set " + pinsFile + " cannot be written: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        LOG.debug("Cannot delete {}: {}", temp, e.toString());
      }
    }
  }
}
