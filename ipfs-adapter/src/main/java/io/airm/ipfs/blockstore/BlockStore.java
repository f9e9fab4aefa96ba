package io.airm.ipfs.blockstore;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.BlockSink;
import io.airm.ipfs.block.BlockSource;
import io.airm.ipfs.cid.Cid;

/**
 * A local store of blocks, keyed as Kubo keys them: by multihash, so a CIDv0 and its CIDv1 (or a
 * raw and a dag-pb CID of the same bytes) find the same block.
 *
 * <p>Implementations are safe for concurrent use, and {@link #put} is idempotent.
 */
public interface BlockStore extends BlockSource, BlockSink {

  /** Stores a block; storing a block that is already present is a no-op. */
  @Override
  void put(Block block);

  /** True if a block with the CID's multihash is stored (its bytes are not re-checked). */
  boolean has(Cid cid);

  /**
   * The length in bytes of the stored block, without reading it.
   *
   * @throws BlockNotFoundException if the block is not stored
   */
  long size(Cid cid);

  /** Removes the block, returning whether it was stored. */
  boolean delete(Cid cid);
}
