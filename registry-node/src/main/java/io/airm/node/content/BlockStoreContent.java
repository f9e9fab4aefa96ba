package io.airm.node.content;

import io.airm.chain.eth.Bytes32;
import io.airm.ipfs.IpfsException;
import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.blockstore.BlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.ImportResult;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.ipfs.unixfs.UnixFsReader;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;

/** Content in the embedded IPFS block store, imported exactly as Kubo would import it. */
public final class BlockStoreContent implements ContentStore {
  private final BlockStore blocks;

  public BlockStoreContent(BlockStore blocks) {
    this.blocks = blocks;
  }

  @Override
  public ContentIdentity identify(ContentSource content) {
    return identifyLocally(content);
  }

  /** SHA-256 and both Kubo CIDs of the content, computed here in one streamed pass. */
  static ContentIdentity identifyLocally(ContentSource content) {
    try (InputStream in = content.open()) {
      var identity = UnixFsImporter.identify(in);
      return new ContentIdentity(
          Bytes32.parse("0x" + identity.sha256Hex()),
          identity.cidV0().toString(),
          identity.cidV1().toString(),
          identity.size());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the uploaded content", e);
    }
  }

  @Override
  public void store(ContentSource content, String expectedCid) {
    Cid expected = Cid.parse(expectedCid);
    ImportOptions options =
        expected.version() == 0 ? ImportOptions.kuboDefaultsV0() : ImportOptions.kuboCidV1();
    try (InputStream in = content.open()) {
      ImportResult result = UnixFsImporter.importFile(in, options, blocks);
      if (!result.root().equals(expected)) {
        throw new RegistryException(
            ErrorKind.CONTENT_MISMATCH,
            "The content imported as " + result.root() + ", not the signed cid " + expectedCid);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the uploaded content", e);
    }
  }

  @Override
  public Optional<InputStream> open(String cid) {
    Cid parsed = parse(cid);
    if (!blocks.has(parsed)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new UnixFsReader(blocks).open(parsed));
    } catch (IpfsException e) {
      throw corrupt(e);
    }
  }

  @Override
  public Optional<byte[]> block(String cid) {
    Cid parsed = parse(cid);
    try {
      return blocks.find(parsed).map(Block::data);
    } catch (CorruptBlockException e) {
      throw corrupt(e);
    }
  }

  @Override
  public OptionalLong fileSize(String cid) {
    Cid parsed = parse(cid);
    if (!blocks.has(parsed)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(new UnixFsReader(blocks).fileSize(parsed));
    } catch (IpfsException e) {
      throw corrupt(e);
    }
  }

  static Cid parse(String cid) {
    try {
      return Cid.parse(cid);
    } catch (IpfsException e) {
      throw new RegistryException(ErrorKind.INVALID_REQUEST, e.getMessage(), e);
    }
  }

  /** A stored DAG that is missing a block or fails verification: the node's copy is damaged. */
  static RegistryException corrupt(RuntimeException e) {
    String cause = e instanceof BlockNotFoundException ? "is incomplete" : "fails verification";
    return new RegistryException(
        ErrorKind.CORRUPT_CONTENT,
        "The node's copy of this content " + cause + ": " + e.getMessage(),
        e);
  }
}
