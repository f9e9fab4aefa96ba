package io.airm.chain.tx;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** A journal held in memory only: for tests, and as the index behind the durable journals. */
public final class InMemoryTransactionJournal implements TransactionJournal {
  private final Map<Bytes32, JournalEntry> byHash = new HashMap<>();
  // sender -> nonce -> hashes of its siblings in signing order
  private final Map<Address, NavigableMap<BigInteger, List<Bytes32>>> bySender = new HashMap<>();

  @Override
  public synchronized void record(JournalEntry entry) {
    if (byHash.containsKey(entry.hash())) {
      throw new ChainException("Transaction " + entry.hash() + " is already journaled");
    }
    byHash.put(entry.hash(), entry);
    bySender
        .computeIfAbsent(entry.sender(), s -> new TreeMap<>())
        .computeIfAbsent(entry.nonce(), n -> new ArrayList<>())
        .add(entry.hash());
  }

  @Override
  public synchronized void update(Bytes32 hash, TxStatus status, Optional<Receipt> receipt) {
    JournalEntry entry = byHash.get(hash);
    if (entry == null) {
      throw new ChainException(
          "Transaction " + hash + " is not journaled, so cannot become " + status);
    }
    byHash.put(hash, entry.with(status, receipt));
  }

  @Override
  public synchronized Optional<JournalEntry> find(Bytes32 hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  @Override
  public synchronized List<JournalEntry> pending(Address sender) {
    List<JournalEntry> open = new ArrayList<>();
    for (List<Bytes32> siblings : bySender.getOrDefault(sender, new TreeMap<>()).values()) {
      List<JournalEntry> entries = siblings.stream().map(byHash::get).toList();
      boolean mined = entries.stream().anyMatch(e -> e.status() == TxStatus.MINED);
      boolean anyOpen = entries.stream().anyMatch(e -> e.status().isOpen());
      if (!mined && anyOpen) {
        entries.stream().filter(e -> e.status() != TxStatus.REJECTED).forEach(open::add);
      }
    }
    return open;
  }

  @Override
  public synchronized BigInteger nextNonce(Address sender) {
    NavigableMap<BigInteger, List<Bytes32>> nonces = bySender.get(sender);
    if (nonces != null) {
      for (var nonce : nonces.descendingMap().entrySet()) {
        boolean used =
            nonce.getValue().stream().anyMatch(h -> byHash.get(h).status() != TxStatus.REJECTED);
        if (used) {
          return nonce.getKey().add(BigInteger.ONE);
        }
      }
    }
    return BigInteger.ZERO;
  }

  /** Every journaled transaction, in no particular order (tests, reports). */
  public synchronized List<JournalEntry> all() {
    return List.copyOf(byHash.values());
  }

  @Override
  public void close() {
    // nothing to release
  }
}
