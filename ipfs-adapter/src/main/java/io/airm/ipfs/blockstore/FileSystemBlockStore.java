package io.airm.ipfs.blockstore;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.multiformats.Base32;
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
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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
 */
public final class FileSystemBlockStore implements BlockStore {

  /** The flatfs shard-function id, the content of the {@code SHARDING} file. */
  static final String SHARDING_ID = "/repo/flatfs/shard/v1/next-to-last/2";

  private static final String SHARDING_FILE = "SHARDING";
  private static final String BLOCK_SUFFIX = ".data";
  private static final Logger LOG = LoggerFactory.getLogger(FileSystemBlockStore.class);

  private final Path root;

  private FileSystemBlockStore(Path root) {
    this.root = root;
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
    try {
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
    try {
      return Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new BlockStoreException(
          "Block " + cid + " cannot be deleted from " + path + ": " + e.getMessage(), e);
    }
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
