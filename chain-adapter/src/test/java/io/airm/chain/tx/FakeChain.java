package io.airm.chain.tx;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

/**
 * A chain in memory that keeps the rules the pipeline depends on: one pool slot per nonce, a
 * replacement needs both fees 10% higher, blocks mine the pool in nonce order.
 */
final class FakeChain implements ChainRpc {
  static final BigInteger BASE_FEE = BigInteger.valueOf(1_000_000_000L);

  record Pooled(SignedTransaction tx, BigInteger maxFee, BigInteger tip) {}

  private final Map<Address, BigInteger> minedNonce = new HashMap<>();
  private final Map<Address, TreeMap<BigInteger, Pooled>> pool = new HashMap<>();
  private final Map<Bytes32, Receipt> receipts = new HashMap<>();
  private final List<SignedTransaction> broadcasts = new ArrayList<>();
  private long head;
  private boolean automine = true;
  private boolean unreachable;
  private String refuseNext;
  private Consumer<SignedTransaction> onBroadcast = tx -> {};

  synchronized void automine(boolean on) {
    automine = on;
  }

  synchronized void unreachable(boolean down) {
    unreachable = down;
  }

  synchronized void refuseNext(String message) {
    refuseNext = message;
  }

  synchronized void onBroadcast(Consumer<SignedTransaction> hook) {
    onBroadcast = hook;
  }

  synchronized List<SignedTransaction> broadcasts() {
    return List.copyOf(broadcasts);
  }

  synchronized Optional<Pooled> pooled(Address sender, BigInteger nonce) {
    return Optional.ofNullable(pool.getOrDefault(sender, new TreeMap<>()).get(nonce));
  }

  /** Forgets the pool, as a restarted node does. */
  synchronized void clearPool() {
    pool.clear();
  }

  /** Another wallet with the same key uses {@code sender}'s next nonce, in a new block. */
  synchronized void useNonceElsewhere(Address sender) {
    BigInteger nonce = minedNonce.getOrDefault(sender, BigInteger.ZERO);
    pool.getOrDefault(sender, new TreeMap<>()).remove(nonce);
    minedNonce.put(sender, nonce.add(BigInteger.ONE));
    head++;
  }

  /** Mines one block holding every pooled transaction whose nonce is next. */
  synchronized void mine() {
    head++;
    for (var entry : pool.entrySet()) {
      BigInteger next = minedNonce.getOrDefault(entry.getKey(), BigInteger.ZERO);
      Pooled p;
      while ((p = entry.getValue().remove(next)) != null) {
        receipts.put(
            p.tx().hash(), new Receipt(p.tx().hash(), head, blockHash(head), true, 21_000));
        next = next.add(BigInteger.ONE);
      }
      minedNonce.put(entry.getKey(), next);
    }
  }

  synchronized void emptyBlocks(int n) {
    head += n;
  }

  private static Bytes32 blockHash(long number) {
    return Bytes32.parse(String.format("0x%064x", number));
  }

  @Override
  public long chainId() {
    return 31337;
  }

  @Override
  public synchronized long blockNumber() {
    return head;
  }

  @Override
  public BigInteger latestBaseFee() {
    return BASE_FEE;
  }

  @Override
  public synchronized BigInteger pendingNonce(Address account) {
    BigInteger next = minedNonce.getOrDefault(account, BigInteger.ZERO);
    while (pooled(account, next).isPresent()) {
      next = next.add(BigInteger.ONE);
    }
    return next;
  }

  @Override
  public synchronized BigInteger latestNonce(Address account) {
    return minedNonce.getOrDefault(account, BigInteger.ZERO);
  }

  @Override
  public BigInteger estimateGas(Address from, Address to, String data) {
    return BigInteger.valueOf(21_000);
  }

  @Override
  public synchronized BroadcastOutcome broadcast(SignedTransaction tx) {
    onBroadcast.accept(tx);
    if (unreachable) {
      throw new ChainException("Could not reach the fake chain", new IOException("refused"));
    }
    if (refuseNext != null) {
      String message = refuseNext;
      refuseNext = null;
      throw new ChainException("The fake chain refused " + tx.hash() + ": " + message);
    }
    broadcasts.add(tx);
    RawTransaction raw = TransactionDecoder.decode(tx.rawHex());
    Transaction1559 fees = (Transaction1559) raw.getTransaction();
    if (tx.nonce().compareTo(latestNonce(tx.from())) < 0) {
      return BroadcastOutcome.NONCE_ALREADY_USED;
    }
    TreeMap<BigInteger, Pooled> slots = pool.computeIfAbsent(tx.from(), s -> new TreeMap<>());
    Pooled existing = slots.get(tx.nonce());
    if (existing != null && !existing.tx().hash().equals(tx.hash())) {
      if (!atLeastTenPercentMore(fees.getMaxFeePerGas(), existing.maxFee())
          || !atLeastTenPercentMore(fees.getMaxPriorityFeePerGas(), existing.tip())) {
        throw new ChainException("replacement transaction underpriced");
      }
    }
    slots.put(tx.nonce(), new Pooled(tx, fees.getMaxFeePerGas(), fees.getMaxPriorityFeePerGas()));
    if (automine) {
      mine();
    }
    return BroadcastOutcome.ACCEPTED;
  }

  private static boolean atLeastTenPercentMore(BigInteger fee, BigInteger old) {
    return fee.multiply(BigInteger.TEN).compareTo(old.multiply(BigInteger.valueOf(11))) >= 0;
  }

  /** Drops {@code hash} from the pool, as anvil_dropTransaction does. */
  synchronized void drop(Bytes32 hash) {
    pool.values().forEach(slots -> slots.values().removeIf(p -> p.tx().hash().equals(hash)));
  }

  @Override
  public synchronized Optional<Receipt> receipt(Bytes32 txHash) {
    return Optional.ofNullable(receipts.get(txHash));
  }
}
