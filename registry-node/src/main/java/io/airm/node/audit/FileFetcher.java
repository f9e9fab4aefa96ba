package io.airm.node.audit;

import io.airm.ipfs.cid.Cid;

/** Fetches a whole UnixFS file (or raw block) by CID, verified against it. */
@FunctionalInterface
public interface FileFetcher {
  /**
   * The bytes of the file {@code cid}.
   *
   * @throws io.airm.ipfs.IpfsException if it cannot be fetched, or what was fetched does not verify
   */
  byte[] fetch(Cid cid);
}
