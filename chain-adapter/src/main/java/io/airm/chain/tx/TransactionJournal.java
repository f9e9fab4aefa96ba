package io.airm.chain.tx;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of every transaction a key signs, and that key's nonce authority. An entry is
 * recorded before its first broadcast, so that after a crash the same bytes go out again and a
 * nonce is never signed twice for different purposes. Implementations are thread-safe and every
 * method that returns has made its change durable.
 */
public interface TransactionJournal extends AutoCloseable {
  /** Records a newly signed transaction; durable when this returns. */
  void record(JournalEntry entry);

  /**
   * Moves the transaction {@code hash} to {@code status}, with its receipt when mined.
   *
   * @throws io.airm.chain.ChainException if no such transaction is journaled
   */
  void update(Bytes32 hash, TxStatus status, Optional<Receipt> receipt);

  /** The transaction {@code hash}, if journaled. */
  Optional<JournalEntry> find(Bytes32 hash);

  /**
   * Every transaction of {@code sender} whose nonce is still open, siblings included: those with at
   * least one sibling {@link TxStatus#isOpen() open} and none mined, ordered by nonce then signing.
   */
  List<JournalEntry> pending(Address sender);

  /**
   * One more than the highest nonce journaled for {@code sender} (rejected entries excepted), or
   * zero when none is. The pipeline reconciles it with the chain's latest nonce at start.
   */
  BigInteger nextNonce(Address sender);

  @Override
  void close();
}
