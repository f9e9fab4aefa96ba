package io.airm.node.anchor;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.tx.BroadcastOutcome;
import io.airm.chain.tx.Receipt;
import io.airm.chain.tx.SignedTransaction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A chain in memory: a pool, blocks mined on demand, reorgs and drops on demand. */
final class InMemoryAnchorChain implements AnchorChain {
  private static final Address SENDER = Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

  final List<SignedTransaction> signed = new ArrayList<>();
  final List<String> broadcasts = new ArrayList<>();
  final Map<Bytes32, SignedTransaction> pool = new LinkedHashMap<>();
  final Map<Bytes32, Receipt> receipts = new HashMap<>();
  final List<Bytes32> blockHashes = new ArrayList<>();
  final Map<Bytes32, Long> anchoredSizes = new HashMap<>();
  long minedNonce = 0;
  int failBroadcasts = 0;
  Runnable beforeBroadcast = () -> {};
  Runnable beforeSign = () -> {};
  private int reorgs = 0;

  InMemoryAnchorChain() {
    blockHashes.add(hash("genesis"));
  }

  @Override
  public Address sender() {
    return SENDER;
  }

  @Override
  public BigInteger nextNonce() {
    return BigInteger.valueOf(minedNonce + pool.size());
  }

  @Override
  public SignedTransaction signAnchor(long treeSize, Bytes32 root, BigInteger nonce) {
    beforeSign.run();
    String raw = "0x" + Long.toHexString(treeSize) + root.hex().substring(2) + nonce.toString(16);
    SignedTransaction tx = new SignedTransaction(hash(raw), raw, SENDER, nonce);
    anchoredSizes.put(tx.hash(), treeSize);
    signed.add(tx);
    return tx;
  }

  @Override
  public BroadcastOutcome broadcast(SignedTransaction transaction) {
    beforeBroadcast.run();
    if (failBroadcasts > 0) {
      failBroadcasts--;
      throw new ChainException("connection refused (simulated outage)");
    }
    broadcasts.add(transaction.rawHex());
    if (receipts.containsKey(transaction.hash())
        || transaction.nonce().longValueExact() < minedNonce) {
      return BroadcastOutcome.NONCE_ALREADY_USED;
    }
    pool.put(transaction.hash(), transaction);
    return BroadcastOutcome.ACCEPTED;
  }

  @Override
  public Optional<Receipt> receipt(Bytes32 txHash) {
    return Optional.ofNullable(receipts.get(txHash));
  }

  @Override
  public long blockNumber() {
    return blockHashes.size() - 1;
  }

  @Override
  public Optional<Bytes32> blockHash(long number) {
    return number < blockHashes.size()
        ? Optional.of(blockHashes.get((int) number))
        : Optional.empty();
  }

  /** Mines one block with everything in the pool. */
  void mine() {
    long number = blockHashes.size();
    Bytes32 blockHash = hash("block " + number + " reorgs " + reorgs);
    blockHashes.add(blockHash);
    for (SignedTransaction tx : pool.values()) {
      receipts.put(tx.hash(), new Receipt(tx.hash(), number, blockHash, true, 45_000));
      minedNonce++;
    }
    pool.clear();
  }

  /** Replaces the blocks from {@code number} on with empty ones; their transactions go back. */
  void reorgFrom(long number) {
    reorgs++;
    List<Map.Entry<Bytes32, Receipt>> undone = new ArrayList<>();
    for (Map.Entry<Bytes32, Receipt> e : receipts.entrySet()) {
      if (e.getValue().blockNumber() >= number) {
        undone.add(e);
      }
    }
    undone.forEach(e -> receipts.remove(e.getKey()));
    minedNonce -= undone.size();
    int height = blockHashes.size();
    while (blockHashes.size() > number) {
      blockHashes.remove(blockHashes.size() - 1);
    }
    while (blockHashes.size() < height) {
      blockHashes.add(hash("block " + blockHashes.size() + " reorgs " + reorgs));
    }
  }

  /** Drops the pool, and lets another transaction take the nonce. */
  void dropPoolAndUseNonce() {
    minedNonce += pool.size();
    pool.clear();
    blockHashes.add(hash("block " + blockHashes.size() + " other tx"));
  }

  static Bytes32 hash(String text) {
    try {
      return Bytes32.of(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
