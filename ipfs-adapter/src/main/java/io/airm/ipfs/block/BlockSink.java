package io.airm.ipfs.block;

/**
 * Where produced blocks go: a block store, a CAR writer, a remote node, or nowhere.
 *
 * <p>An importer hands over each block as soon as it is complete, children before their parents.
 */
@FunctionalInterface
public interface BlockSink {

  /** Accepts a block; storing the same block twice must be harmless. */
  void put(Block block);

  /** A sink that drops every block, for a caller that only wants the CID. */
  static BlockSink discarding() {
    return block -> {};
  }
}
