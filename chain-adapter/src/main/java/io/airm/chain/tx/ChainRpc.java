package io.airm.chain.tx;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The JSON-RPC calls a {@link TransactionPipeline} needs, as a port: {@link ChainClient} is the
 * real one, tests use a fake chain. Every call either answers or throws a {@code ChainException}.
 */
public interface ChainRpc {
  /** eth_chainId. */
  long chainId();

  /** eth_blockNumber. */
  long blockNumber();

  /** The base fee per gas of the latest block (zero on a chain without EIP-1559). */
  BigInteger latestBaseFee();

  /** The next nonce of {@code account}, counting transactions still in the pool. */
  BigInteger pendingNonce(Address account);

  /** The nonce of {@code account} counting mined transactions only. */
  BigInteger latestNonce(Address account);

  /** eth_estimateGas for a call of {@code data} on {@code to} from {@code from}. */
  BigInteger estimateGas(Address from, Address to, String data);

  /**
   * eth_estimateGas for a call of {@code data} on {@code to} from {@code from} sending {@code
   * value} wei.
   */
  default BigInteger estimateGas(Address from, Address to, String data, BigInteger value) {
    return estimateGas(from, to, data);
  }

  /**
   * Broadcasts the stored bytes of {@code tx}. A refusal by the node throws a {@code
   * ChainException} without an {@link java.io.IOException} cause; an unreachable node throws one
   * with such a cause (the node may or may not have the bytes).
   */
  BroadcastOutcome broadcast(SignedTransaction tx);

  /** The receipt of {@code txHash}, once it is mined. */
  Optional<Receipt> receipt(Bytes32 txHash);
}
