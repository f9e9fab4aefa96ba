package io.airm.ipfs.blockstore;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multihash;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A block store on the heap, for tests and for building small DAGs before sending them on. */
public final class InMemoryBlockStore implements BlockStore {

  private final ConcurrentMap<Multihash, Block> blocks = new ConcurrentHashMap<>();

  @Override
  public void put(Block block) {
    Objects.requireNonNull(block, "block");
    blocks.putIfAbsent(block.cid().multihash(), block);
  }

  @Override
  public Optional<Block> find(Cid cid) {
    Block block = blocks.get(cid.multihash());
    if (block == null || block.cid().equals(cid)) {
      return Optional.ofNullable(block);
    }
    // Stored under another CID of the same multihash (v0 vs v1, raw vs dag-pb): re-wrap so that
    // the block carries the CID asked for.
    return Optional.of(Block.of(cid, block.data()));
  }

  @Override
  public boolean has(Cid cid) {
    return blocks.containsKey(cid.multihash());
  }

  @Override
  public long size(Cid cid) {
    Block block = blocks.get(cid.multihash());
    if (block == null) {
      throw new BlockNotFoundException(cid, toString());
    }
    return block.length();
  }

  @Override
  public boolean delete(Cid cid) {
    return blocks.remove(cid.multihash()) != null;
  }

  /** The number of blocks stored. */
  public int count() {
    return blocks.size();
  }

  @Override
  public String toString() {
    return "in-memory block store";
  }
}
