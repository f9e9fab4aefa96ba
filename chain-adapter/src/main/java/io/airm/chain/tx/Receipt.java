package io.airm.chain.tx;

import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.ChainEvent;
import java.util.List;

/**
 * What the chain says of a mined transaction.
 *
 * @param transactionHash the transaction
 * @param blockNumber the block that holds it
 * @param blockHash that block's hash
 * @param succeeded whether it ran to completion (status 1) rather than reverting
 * @param gasUsed the gas it used
 * @param logs the logs it emitted, in order; empty when it emitted none, and also when this receipt
 *     was read back from a {@link TransactionJournal}, which does not keep logs (ask {@link
 *     ChainClient#receipt} again to read them)
 */
public record Receipt(
    Bytes32 transactionHash,
    long blockNumber,
    Bytes32 blockHash,
    boolean succeeded,
    long gasUsed,
    List<ChainEvent> logs) {
  public Receipt {
    if (logs == null) {
      throw new IllegalArgumentException(
          "A receipt's logs may be empty but not missing (tx " + transactionHash + ")");
    }
    logs = List.copyOf(logs);
  }

  /** A receipt without logs. */
  public Receipt(
      Bytes32 transactionHash,
      long blockNumber,
      Bytes32 blockHash,
      boolean succeeded,
      long gasUsed) {
    this(transactionHash, blockNumber, blockHash, succeeded, gasUsed, List.of());
  }
}
