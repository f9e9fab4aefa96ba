package io.airm.chain.events;

import io.airm.chain.eth.Bytes32;

/** A block identified by its number and hash: one point of one branch of the chain. */
public record BlockRef(long number, Bytes32 hash) {
  public BlockRef {
    if (number < 0) {
      throw new IllegalArgumentException("A block number cannot be negative, not " + number);
    }
    if (hash == null) {
      throw new IllegalArgumentException("The hash of block " + number + " is required");
    }
  }

  /** Block {@code number} with hash {@code hash}. */
  public static BlockRef of(long number, Bytes32 hash) {
    return new BlockRef(number, hash);
  }

  @Override
  public String toString() {
    return "#" + number + " " + hash;
  }
}
