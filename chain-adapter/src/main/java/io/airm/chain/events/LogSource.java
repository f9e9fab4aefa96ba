package io.airm.chain.events;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.util.List;
import java.util.Optional;

/** The chain as an indexer reads it: the head, canonical block hashes, and contract logs. */
public interface LogSource {
  /** The number of the newest block. */
  long headNumber();

  /** The hash of the canonical block at {@code number}, or empty if the chain is shorter. */
  Optional<Bytes32> blockHash(long number);

  /**
   * The logs that {@code contracts} emitted in the canonical blocks {@code fromBlock} through
   * {@code toBlock}, in chain order.
   */
  List<ChainEvent> logs(List<Address> contracts, long fromBlock, long toBlock);
}
