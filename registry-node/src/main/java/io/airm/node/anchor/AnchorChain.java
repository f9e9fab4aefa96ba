package io.airm.node.anchor;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.tx.BroadcastOutcome;
import io.airm.chain.tx.Receipt;
import io.airm.chain.tx.SignedTransaction;
import java.math.BigInteger;
import java.util.Optional;

/**
 * What the anchoring worker needs from the chain (port); {@code Web3jAnchorChain} is the real one.
 */
public interface AnchorChain {
  /** The account that signs anchors. */
  Address sender();

  /** The sender's next nonce, counting its transactions still in the pool. */
  BigInteger nextNonce();

  /** Signs {@code anchor(treeSize, root)} with {@code nonce}; nothing is sent. */
  SignedTransaction signAnchor(long treeSize, Bytes32 root, BigInteger nonce);

  /** Broadcasts stored bytes; safe to repeat. */
  BroadcastOutcome broadcast(SignedTransaction transaction);

  /** The receipt of a mined transaction. */
  Optional<Receipt> receipt(Bytes32 txHash);

  /** The newest block number. */
  long blockNumber();

  /** The hash of the canonical block at {@code number}. */
  Optional<Bytes32> blockHash(long number);
}
