package io.airm.node.domain;

import io.airm.chain.eth.Bytes32;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/** Where content lives, addressed by CID (port). */
public interface ContentStore {
  /** Reads the content once and names it: its SHA-256 and the CIDs Kubo would give it. */
  ContentIdentity identify(ContentSource content);

  /** Imports the content's blocks; the caller has checked that it has {@code expectedCid}. */
  void store(ContentSource content, String expectedCid);

  /** The file with this CID, streamed and verified block by block, if the node holds it. */
  Optional<InputStream> open(String cid);

  /**
   * The block with this CID, its bytes checked against the CID, if the node holds it.
   *
   * @throws RegistryException {@link ErrorKind#INVALID_REQUEST} if {@code cid} is not a CID, or
   *     {@link ErrorKind#CORRUPT_CONTENT} if the stored bytes do not hash to it
   */
  Optional<byte[]> block(String cid);

  /**
   * The length of the file with this CID, read from its (verified) root block, if the node holds
   * it.
   *
   * @throws RegistryException as {@link #block}, or {@link ErrorKind#CORRUPT_CONTENT} if the root
   *     is not a UnixFS file
   */
  OptionalLong fileSize(String cid);

  /** Content that can be read more than once (an upload spooled to disk). */
  @FunctionalInterface
  interface ContentSource {
    InputStream open() throws IOException;
  }

  /**
   * What content hashes to.
   *
   * @param sha256 SHA-256 of the bytes
   * @param cidV0 the CID of {@code ipfs add} with Kubo's defaults
   * @param cidV1 the CID of {@code ipfs add --cid-version=1} (raw leaves)
   * @param size the length in bytes
   */
  record ContentIdentity(Bytes32 sha256, String cidV0, String cidV1, long size) {
    /** Whether {@code cid} is one of the content's CIDs. */
    public boolean matches(String cid) {
      return cidV0.equals(cid) || cidV1.equals(cid);
    }
  }
}
