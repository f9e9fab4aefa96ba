package io.airm.chain.tx;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * One signed transaction as the journal keeps it: its exact bytes (rebroadcast after a crash), what
 * it does (to sign a replacement), its fees (to bump them) and its status.
 *
 * @param hash the transaction hash
 * @param sender the signing account
 * @param nonce its nonce
 * @param to the called contract or paid account
 * @param value the wei sent
 * @param data the calldata, 0x hex
 * @param gasLimit the gas limit signed
 * @param fees the fees signed
 * @param rawHex the signed bytes, exactly as broadcast
 * @param purpose what the caller said it is for (free text, for operators)
 * @param replaces the hash of the first transaction of its nonce when this one replaces it; all
 *     siblings name the same original
 * @param signedAt when it was signed
 * @param status where it stands
 * @param receipt its receipt, once {@link TxStatus#MINED}
 */
public record JournalEntry(
    Bytes32 hash,
    Address sender,
    BigInteger nonce,
    Address to,
    BigInteger value,
    String data,
    BigInteger gasLimit,
    Eip1559Fees fees,
    String rawHex,
    String purpose,
    Optional<Bytes32> replaces,
    Instant signedAt,
    TxStatus status,
    Optional<Receipt> receipt) {
  public JournalEntry {
    if (hash == null
        || sender == null
        || nonce == null
        || to == null
        || value == null
        || data == null
        || gasLimit == null
        || fees == null
        || rawHex == null
        || purpose == null
        || replaces == null
        || signedAt == null
        || status == null
        || receipt == null) {
      throw new IllegalArgumentException("A journal entry needs every field (tx " + hash + ")");
    }
    if (status == TxStatus.MINED && receipt.isEmpty()) {
      throw new IllegalArgumentException("Mined transaction " + hash + " needs its receipt");
    }
  }

  /** A freshly signed transaction, {@link TxStatus#PENDING}. */
  public static JournalEntry signed(
      SignedTransaction tx,
      Address to,
      BigInteger value,
      String data,
      BigInteger gasLimit,
      Eip1559Fees fees,
      String purpose,
      Optional<Bytes32> replaces,
      Instant signedAt) {
    return new JournalEntry(
        tx.hash(),
        tx.from(),
        tx.nonce(),
        to,
        value,
        data,
        gasLimit,
        fees,
        tx.rawHex(),
        purpose,
        replaces,
        signedAt,
        TxStatus.PENDING,
        Optional.empty());
  }

  /** The hash that names its nonce's group of siblings: the original's. */
  public Bytes32 original() {
    return replaces.orElse(hash);
  }

  /** The bytes to broadcast. */
  public SignedTransaction signedTransaction() {
    return new SignedTransaction(hash, rawHex, sender, nonce);
  }

  /** This entry with another status and receipt. */
  public JournalEntry with(TxStatus newStatus, Optional<Receipt> newReceipt) {
    return new JournalEntry(
        hash,
        sender,
        nonce,
        to,
        value,
        data,
        gasLimit,
        fees,
        rawHex,
        purpose,
        replaces,
        signedAt,
        newStatus,
        newReceipt);
  }
}
