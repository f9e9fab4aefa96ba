package io.airm.chain.events;

import io.airm.chain.eth.Address;
import java.util.List;

/**
 * What an {@link EventIndexer} follows and how cautiously.
 *
 * @param contracts the contracts whose logs are indexed (at least one)
 * @param startBlock the first block to index, typically the deployment block; at least 1, since the
 *     genesis block carries no logs and the block before the start anchors the first fork check
 * @param confirmations how many blocks must follow a block before it is indexed (0 follows the
 *     head, for tests)
 * @param maxBlockRange the most blocks one {@code eth_getLogs} call covers
 * @param hashWindow how many recent blocks' hashes are kept; a reorganisation deeper than this is
 *     refused with {@link ReorgTooDeepException}
 */
public record IndexerConfig(
    List<Address> contracts,
    long startBlock,
    int confirmations,
    int maxBlockRange,
    int hashWindow) {
  /** Blocks per {@code eth_getLogs} unless configured. */
  public static final int DEFAULT_MAX_BLOCK_RANGE = 1_000;

  /** Recent block hashes kept unless configured. */
  public static final int DEFAULT_HASH_WINDOW = 256;

  /** Confirmation depth unless configured. */
  public static final int DEFAULT_CONFIRMATIONS = 12;

  public IndexerConfig {
    if (contracts == null
        || contracts.isEmpty()
        || contracts.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("indexer.contracts must name at least one contract");
    }
    contracts = List.copyOf(contracts.stream().distinct().toList());
    if (startBlock < 1) {
      throw new IllegalArgumentException(
          "indexer.startBlock must be at least 1 (the genesis block has no logs), not "
              + startBlock);
    }
    if (confirmations < 0) {
      throw new IllegalArgumentException(
          "indexer.confirmations must be zero or more, not " + confirmations);
    }
    if (maxBlockRange < 1) {
      throw new IllegalArgumentException(
          "indexer.maxBlockRange must be at least 1, not " + maxBlockRange);
    }
    if (hashWindow < 1) {
      throw new IllegalArgumentException(
          "indexer.hashWindow must be at least 1, not " + hashWindow);
    }
  }

  /** Follows {@code contracts} from {@code startBlock} with the default depth, range and window. */
  public static IndexerConfig of(List<Address> contracts, long startBlock) {
    return new IndexerConfig(
        contracts, startBlock, DEFAULT_CONFIRMATIONS, DEFAULT_MAX_BLOCK_RANGE, DEFAULT_HASH_WINDOW);
  }

  /** This configuration with {@code confirmations} instead. */
  public IndexerConfig withConfirmations(int confirmations) {
    return new IndexerConfig(contracts, startBlock, confirmations, maxBlockRange, hashWindow);
  }

  /** This configuration with {@code maxBlockRange} instead. */
  public IndexerConfig withMaxBlockRange(int maxBlockRange) {
    return new IndexerConfig(contracts, startBlock, confirmations, maxBlockRange, hashWindow);
  }

  /** This configuration with {@code hashWindow} instead. */
  public IndexerConfig withHashWindow(int hashWindow) {
    return new IndexerConfig(contracts, startBlock, confirmations, maxBlockRange, hashWindow);
  }
}
