package io.airm.ipfs.blockstore;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.InvalidCidException;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.multiformats.Base32;
import io.airm.ipfs.multiformats.InvalidEncodingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block store in a directory, laid out as Kubo's flatfs datastore lays out {@code
 * $IPFS_PATH/blocks}.
 *
 * <p>Each block is the file {@code <shard>/<key>.data}, where the key is the block's multihash in
 * upper-case base32 without padding (Kubo's {@code dshelp.MultihashToDsKey}) and the shard is the
 * two characters before the key's last one ({@code /repo/flatfs/shard/v1/next-to-last/2}); the last
 * character is skipped because it carries only a few bits of the hash. A {@code SHARDING} file
 * records the scheme, as flatfs does.
 *
 * <p>A write goes to a uniquely named temporary file in the shard directory, is forced to disk, and
 * is renamed over the final name, so no reader ever sees a partial block and concurrent writers of
 * the same block simply replace identical bytes. Every read hashes the bytes again and refuses a
 * block that no longer matches its CID.
 *
 * <p>Garbage collection needs writers to stand still: {@link #put}, {@link #delete} and any {@link
 * #guardAgainstGc() guard} hold the shared side of a lock, and {@link #exclusively} the exclusive
 * side. The lock is one per directory within this JVM (every {@link #open} of the same directory
 * shares it); another process writing the same directory is not excluded.
 */
public final class FileSystemBlockStore implements BlockStore {

  /** The flatfs shard-function id, the content of the {@code SHARDING} file. */
  static final String SHARDING_ID = "/repo/flatfs/shard/v1/next-to-last/2";

  private static final String SHARDING_FILE = "SHARDING";
  private static final String BLOCK_SUFFIX = ".data";
  private static final Logger LOG = LoggerFactory.getLogger(FileSystemBlockStore.class);

  /** One lock per store directory, so that two instances over one directory exclude each other. */
  private static final ConcurrentMap<Path, ReadWriteLock> LOCKS = new ConcurrentHashMap<>();

  private final Path root;
  private final ReadWriteLock lock;

  private FileSystemBlockStore(Path root) {
    this.root = root;
    this.lock = LOCKS.computeIfAbsent(root, r -> new ReentrantReadWriteLock());
  }

  /** A hold on the store that keeps {@link #exclusively} (and so garbage collection) waiting. */
  public interface Guard extends AutoCloseable {
    /** Releases the hold. */
    @Override
    void close();
  }

  /**
   * Opens the store in {@code directory}, creating it and its {@code SHARDING} file if needed.
   *
   * @throws BlockStoreException if the directory cannot be created, or is sharded another way
   */
  public static FileSystemBlockStore open(Path directory) {
    Path root = directory.toAbsolutePath().normalize();
    Path sharding = root.resolve(SHARDING_FILE);
    try {
      Files.createDirectories(root);
      if (!Files.exists(sharding)) {
        writeAtomically(
            root,
            sharding,
            out -> out.write((SHARDING_ID + "\n").getBytes(StandardCharsets.UTF_8)));
      }
      String found = Files.readString(sharding, StandardCharsets.UTF_8).trim();
      if (!found.equals(SHARDING_ID)) {
        throw new BlockStoreException(
            "The block store directory "
                + root
                + " is sharded as '"
                + found
                + "', but this store only reads '"
                + SHARDING_ID
                + "'.");
      }
    } catch (IOException e) {
      throw new BlockStoreException(
          "The block store directory " + root + " cannot be opened: " + e.getMessage(), e);
    }
    return new FileSystemBlockStore(root);
  }

  /** The directory the store lives in. */
  public Path root() {
    return root;
  }

  /** The file that holds (or would hold) the block {@code cid}. */
  Path pathOf(Cid cid) {
    String key = Base32.encodeUpper(cid.multihash().bytes());
    String shard = key.substring(key.length() - 3, key.length() - 1);
    return root.resolve(shard).resolve(key + BLOCK_SUFFIX);
  }

  @Override
  public void put(Block block) {
    Objects.requireNonNull(block, "block");
    Path target = pathOf(block.cid());
    try (Guard guard = guardAgainstGc()) {
      // Idempotent: a complete copy is already there. A file of another length can only be
      // damage (writes are atomic), so it is replaced.
      try {
        if (Files.size(target) == block.length()) {
          return;
        }
      } catch (NoSuchFileException e) {
        // Not stored yet (or deleted just now): write it.
      }
      Files.createDirectories(target.getParent());
      writeAtomically(target.getParent(), target, block::writeTo);
    } catch (IOException e) {
      throw new BlockStoreException(
          "Block " + block.cid() + " cannot be written to " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Block> find(Cid cid) {
    Path path = pathOf(cid);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BlockStoreException(
          "Block " + cid + " cannot be read from " + path + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(Block.of(cid, bytes));
    } catch (CorruptBlockException e) {
      LOG.warn("Block {} in {} is corrupt; refusing to return it", cid, path);
      throw new CorruptBlockException(cid, e.actual(), path.toString());
    }
  }

  @Override
  public Block get(Cid cid) {
    return find(cid)
        .orElseThrow(
            () ->
                new BlockNotFoundException(
                    cid, "the block store at " + root + " (no file " + pathOf(cid) + ")"));
  }

  @Override
  public boolean has(Cid cid) {
    return Files.exists(pathOf(cid));
  }

  @Override
  public long size(Cid cid) {
    Path path = pathOf(cid);
    try {
      return Files.size(path);
    } catch (NoSuchFileException e) {
      throw new BlockNotFoundException(
          cid, "the block store at " + root + " (no file " + path + ")");
    } catch (IOException e) {
      throw new BlockStoreException(
          "The size of block " + cid + " in " + path + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean delete(Cid cid) {
    Path path = pathOf(cid);
    try (Guard guard = guardAgainstGc()) {
      return Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new BlockStoreException(
          "Block " + cid + " cannot be deleted from " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Holds off {@link #exclusively} until closed, so that blocks written under the guard cannot be
   * collected before the caller has pinned them (Kubo's {@code PinLock}). Guards do not exclude
   * each other, and may be nested.
   */
  public Guard guardAgainstGc() {
    lock.readLock().lock();
    return lock.readLock()::unlock;
  }

  /**
   * Runs {@code action} while no {@link #put}, {@link #delete} or {@link #guardAgainstGc() guard}
   * is in progress in this JVM; those wait until it returns. Reads are not blocked. The action may
   * itself call {@link #put} and {@link #delete}.
   */
  public <T> T exclusively(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Every stored block, listed lazily from the shard directories; close the stream when done.
   *
   * <p>The store keeps only the multihash (as Kubo does), so each block is named by a CIDv1 with
   * the raw codec, which {@link #find} and {@link #has} accept like any CID of the same multihash.
   * Files that are not blocks (temporary files, {@code SHARDING}, other metadata) are skipped.
   *
   * @throws BlockStoreException if the directory cannot be listed
   */
  public Stream<Cid> cids() {
    try {
      Stream<Path> shards = Files.list(root).filter(FileSystemBlockStore::isShardDirectory);
      return shards
          .flatMap(FileSystemBlockStore::listShard)
          .map(FileSystemBlockStore::cidOfBlockFile)
          .flatMap(Optional::stream)
          .onClose(shards::close);
    } catch (IOException e) {
      throw new BlockStoreException(
          "The block store directory " + root + " cannot be listed: " + e.getMessage(), e);
    }
  }

  private static boolean isShardDirectory(Path path) {
    return path.getFileName().toString().length() == 2 && Files.isDirectory(path);
  }

  private static Stream<Path> listShard(Path shard) {
    try {
      return Files.list(shard);
    } catch (NoSuchFileException e) {
      return Stream.empty();
    } catch (IOException e) {
      throw new BlockStoreException(
          "The shard directory " + shard + " cannot be listed: " + e.getMessage(), e);
    }
  }

  private static Optional<Cid> cidOfBlockFile(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(BLOCK_SUFFIX)) {
      return Optional.empty();
    }
    String key = name.substring(0, name.length() - BLOCK_SUFFIX.length());
    try {
      byte[] multihash = Base32.decode(key.toLowerCase(Locale.ROOT));
      return Optional.of(
          Cid.decode(concat(new byte[] {1, (byte) Multicodec.RAW.code()}, multihash)));
    } catch (InvalidEncodingException | InvalidCidException e) {
      LOG.warn("Skipping {}: its name is not the key of a supported multihash", file);
      return Optional.empty();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public String toString() {
    return "the block store at " + root;
  }

  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} so that it either does not exist or is complete: a temporary file in the
   * same directory (so the rename cannot cross file systems), fsync, atomic rename, then an fsync
   * of the directory so that the rename itself survives a crash.
   */
  private static void writeAtomically(Path directory, Path target, Content content)
      throws IOException {
    // Unique per writer, and without the .data suffix so it is never mistaken for a block.
    Path temp = directory.resolve("put-" + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        // A platform whose atomic rename does not replace: another writer got there first, and
        // content-addressed files with the same name hold the same bytes.
        return;
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(
            "The file system under " + directory + " does not support atomic renames.", e);
      }
      syncDirectory(directory);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or sync a directory; the block itself is already on disk.
      LOG.debug("Cannot fsync directory {}: {}", directory, e.toString());
    }
  }
}
