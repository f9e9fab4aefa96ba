package io.airm.ipfs.unixfs;

import io.airm.ipfs.block.BlockSink;
import io.airm.ipfs.cid.Multihash;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a file as {@code ipfs add} does: fixed-size chunks in a balanced UnixFS DAG.
 *
 * <p>The input is read once, one chunk at a time, and each block goes to the sink as soon as it is
 * complete, so memory stays at one chunk plus a few hundred links per tree level, whatever the file
 * size. The stream is read to its end and not closed.
 */
public final class UnixFsImporter {

  private static final Logger LOG = LoggerFactory.getLogger(UnixFsImporter.class);

  private UnixFsImporter() {}

  /**
   * Imports {@code in} with {@code options}, handing every block to {@code sink}.
   *
   * @throws IOException if reading {@code in} fails
   */
  public static ImportResult importFile(InputStream in, ImportOptions options, BlockSink sink)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sink, "sink");
    MessageDigest sha256 = Multihash.newSha256();
    BalancedDagBuilder builder = new BalancedDagBuilder(options, sink);
    byte[] chunk = new byte[options.chunkSize()];
    int length;
    while ((length = readChunk(in, chunk)) > 0) {
      sha256.update(chunk, 0, length);
      builder.add(chunk, length);
    }
    BalancedDagBuilder.Root root = builder.finish();
    ImportResult result =
        new ImportResult(
            root.cid(),
            root.fileSize(),
            HexFormat.of().formatHex(sha256.digest()),
            root.blockCount(),
            root.dagSize());
    LOG.debug(
        "Imported {} bytes as {} in {} blocks",
        result.fileSize(),
        result.root(),
        root.blockCount());
    return result;
  }

  /**
   * Computes the CID {@code in} would get with {@code options}, keeping no blocks.
   *
   * @throws IOException if reading {@code in} fails
   */
  public static ImportResult importFile(InputStream in, ImportOptions options) throws IOException {
    return importFile(in, options, BlockSink.discarding());
  }

  /**
   * Computes the SHA-256 of {@code in} and its CIDs with {@link ImportOptions#kuboDefaultsV0()} and
   * {@link ImportOptions#kuboCidV1()}, reading it once and keeping no blocks.
   *
   * @throws IOException if reading {@code in} fails
   */
  public static ContentIdentity identify(InputStream in) throws IOException {
    return identify(in, BlockSink.discarding(), BlockSink.discarding());
  }

  /**
   * Computes the SHA-256 of {@code in} and its CIDs with Kubo's CIDv0 defaults and with {@code
   * --cid-version=1}, reading it once and handing the blocks of each DAG to its own sink.
   *
   * @throws IOException if reading {@code in} fails
   */
  public static ContentIdentity identify(InputStream in, BlockSink v0Sink, BlockSink v1Sink)
      throws IOException {
    Objects.requireNonNull(in, "in");
    ImportOptions v0Options = ImportOptions.kuboDefaultsV0();
    ImportOptions v1Options = ImportOptions.kuboCidV1();
    MessageDigest sha256 = Multihash.newSha256();
    BalancedDagBuilder v0 = new BalancedDagBuilder(v0Options, Objects.requireNonNull(v0Sink));
    BalancedDagBuilder v1 = new BalancedDagBuilder(v1Options, Objects.requireNonNull(v1Sink));
    // Both option sets use the same chunk size, so one chunk feeds both builders.
    byte[] chunk = new byte[v0Options.chunkSize()];
    int length;
    while ((length = readChunk(in, chunk)) > 0) {
      sha256.update(chunk, 0, length);
      v0.add(chunk, length);
      v1.add(chunk, length);
    }
    BalancedDagBuilder.Root v0Root = v0.finish();
    BalancedDagBuilder.Root v1Root = v1.finish();
    return new ContentIdentity(
        HexFormat.of().formatHex(sha256.digest()), v0Root.fileSize(), v0Root.cid(), v1Root.cid());
  }

  /**
   * Fills {@code chunk} from {@code in}, returning fewer bytes only at the end of the stream, as
   * boxo's size splitter does with {@code io.ReadFull}: every chunk but the last is full, whatever
   * sizes the stream's reads return.
   */
  private static int readChunk(InputStream in, byte[] chunk) throws IOException {
    return in.readNBytes(chunk, 0, chunk.length);
  }
}
