package io.airm.node.content;

import io.airm.chain.eth.Bytes32;
import io.airm.ipfs.IpfsException;
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

/** Content in the embedded IPFS block store, imported exactly as Kubo would import it. */
public final class BlockStoreContent implements ContentStore {
  private final BlockStore blocks;

  public BlockStoreContent(BlockStore blocks) {
    this.blocks = blocks;
  }

  @Override
  public ContentIdentity identify(ContentSource content) {
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
    Cid parsed;
    try {
      parsed = Cid.parse(cid);
    } catch (IpfsException e) {
      throw new RegistryException(ErrorKind.INVALID_REQUEST, e.getMessage(), e);
    }
    if (!blocks.has(parsed)) {
      return Optional.empty();
    }
    return Optional.of(new UnixFsReader(blocks).open(parsed));
  }
}
