package io.airm.node.content;

import io.airm.ipfs.IpfsException;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.kubo.AddOptions;
import io.airm.ipfs.kubo.KuboBlockSource;
import io.airm.ipfs.kubo.KuboCidMismatchException;
import io.airm.ipfs.kubo.KuboClient;
import io.airm.ipfs.kubo.KuboException;
import io.airm.ipfs.unixfs.UnixFsReader;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Content kept on a Kubo node instead of the embedded block store: added with the options that
 * reproduce the signed CID, pinned if configured, and read back block by block with every block
 * checked against its CID. A Kubo node that is down, hangs, returns wrong bytes or names content by
 * another CID is a 502 at the HTTP edge, and nothing is registered.
 */
public final class KuboContent implements ContentStore {
  private final KuboClient kubo;
  private final boolean pin;

  /**
   * @param kubo the node's client
   * @param pin whether every stored work is pinned there (so its garbage collector keeps it)
   */
  public KuboContent(KuboClient kubo, boolean pin) {
    this.kubo = kubo;
    this.pin = pin;
  }

  @Override
  public ContentIdentity identify(ContentSource content) {
    return BlockStoreContent.identifyLocally(content);
  }

  @Override
  public void store(ContentSource content, String expectedCid) {
    Cid expected = BlockStoreContent.parse(expectedCid);
    AddOptions options =
        (expected.version() == 0 ? AddOptions.kuboDefaults() : AddOptions.cidV1()).withPin(pin);
    Cid added;
    try (InputStream in = content.open()) {
      added = kubo.add(in, options);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the uploaded content", e);
    } catch (KuboCidMismatchException e) {
      throw new RegistryException(
          ErrorKind.CORRUPT_CONTENT, "The Kubo node mis-named the content: " + e.getMessage(), e);
    } catch (KuboException e) {
      throw unavailable(e);
    }
    if (!added.equals(expected)) {
      throw new RegistryException(
          ErrorKind.CORRUPT_CONTENT,
          "The Kubo node stored the content as " + added + ", not the signed cid " + expectedCid);
    }
  }

  @Override
  public Optional<InputStream> open(String cid) {
    Cid root = BlockStoreContent.parse(cid);
    if (block(cid).isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(kubo.cat(root));
    } catch (KuboException e) {
      throw unavailable(e);
    }
  }

  @Override
  public Optional<byte[]> block(String cid) {
    Cid parsed = BlockStoreContent.parse(cid);
    try {
      return Optional.of(kubo.blockGet(parsed).data());
    } catch (BlockNotFoundException e) {
      return Optional.empty();
    } catch (CorruptBlockException e) {
      throw BlockStoreContent.corrupt(e);
    } catch (KuboException e) {
      throw unavailable(e);
    }
  }

  @Override
  public OptionalLong fileSize(String cid) {
    Cid parsed = BlockStoreContent.parse(cid);
    if (block(cid).isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(new UnixFsReader(new KuboBlockSource(kubo)).fileSize(parsed));
    } catch (KuboException e) {
      throw unavailable(e);
    } catch (IpfsException e) {
      throw BlockStoreContent.corrupt(e);
    }
  }

  private static RegistryException unavailable(KuboException e) {
    return new RegistryException(
        ErrorKind.UPSTREAM_FAILED, "The Kubo node failed: " + e.getMessage(), e);
  }
}
