package io.airm.node.domain;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code anchor(treeSize, root)} transaction of a checkpoint, as stored before broadcast and
 * updated as the chain moves.
 */
public record Anchor(
    long treeSize,
    Bytes32 root,
    Bytes32 txHash,
    String rawTx,
    Address sender,
    BigInteger nonce,
    AnchorStatus status,
    OptionalLong blockNumber,
    Optional<Bytes32> blockHash,
    OptionalLong gasUsed) {

  public Anchor {
    if (treeSize <= 0 || root == null || txHash == null || rawTx == null || status == null) {
      throw new IllegalArgumentException("An anchor needs a tree size, root, tx and status");
    }
  }

  /** The same transaction with another status. */
  public Anchor withStatus(AnchorStatus newStatus) {
    return new Anchor(
        treeSize, root, txHash, rawTx, sender, nonce, newStatus, blockNumber, blockHash, gasUsed);
  }

  /** The same transaction, mined in {@code block} (or reverted there). */
  public Anchor minedIn(AnchorStatus newStatus, long block, Bytes32 hash, long gas) {
    return new Anchor(
        treeSize,
        root,
        txHash,
        rawTx,
        sender,
        nonce,
        newStatus,
        OptionalLong.of(block),
        Optional.of(hash),
        OptionalLong.of(gas));
  }

  /** The same transaction, back in the pool: its block was reorganised away. */
  public Anchor unmined() {
    return new Anchor(
        treeSize,
        root,
        txHash,
        rawTx,
        sender,
        nonce,
        AnchorStatus.SENT,
        OptionalLong.empty(),
        Optional.empty(),
        OptionalLong.empty());
  }

  /** Whether the checkpoint is on chain (mined or final). */
  public boolean isOnChain() {
    return status == AnchorStatus.MINED || status == AnchorStatus.FINAL;
  }

  /** Whether this checkpoint covers the leaf at {@code logIndex}. */
  public boolean covers(long logIndex) {
    return logIndex < treeSize;
  }
}
