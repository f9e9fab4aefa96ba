package io.airm.ipfs.block;

import io.airm.ipfs.cid.Cid;
import java.util.Optional;

/** Where blocks are read from, by CID: a block store, a CAR file, a remote node or gateway. */
@FunctionalInterface
public interface BlockSource {

  /**
   * The block named by {@code cid}, or empty if this source does not have it.
   *
   * @throws CorruptBlockException if the source holds bytes for the CID that do not hash to it
   */
  Optional<Block> find(Cid cid);

  /**
   * The block named by {@code cid}.
   *
   * @throws BlockNotFoundException if this source does not have it
   * @throws CorruptBlockException if the source holds bytes for the CID that do not hash to it
   */
  default Block get(Cid cid) {
    return find(cid).orElseThrow(() -> new BlockNotFoundException(cid, toString()));
  }
}
