package io.airm.node.chain;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.BroadcastOutcome;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.Receipt;
import io.airm.chain.tx.SignedTransaction;
import io.airm.chain.tx.TransactionSigner;
import io.airm.node.anchor.AnchorChain;
import java.math.BigInteger;
import java.util.Optional;

/** The anchoring worker's chain, through web3j: the registry contract and the anchorer's key. */
public final class Web3jAnchorChain implements AnchorChain {
  private final ChainClient chain;
  private final WorkRegistryContract registry;
  private final TransactionSigner signer;

  public Web3jAnchorChain(
      ChainClient chain, WorkRegistryContract registry, TransactionSigner signer) {
    this.chain = chain;
    this.registry = registry;
    this.signer = signer;
  }

  @Override
  public Address sender() {
    return signer.address();
  }

  @Override
  public BigInteger nextNonce() {
    return chain.pendingNonce(signer.address());
  }

  @Override
  public SignedTransaction signAnchor(long treeSize, Bytes32 root, BigInteger nonce) {
    return signer.signCall(registry.address(), registry.encodeAnchor(treeSize, root), nonce);
  }

  @Override
  public BroadcastOutcome broadcast(SignedTransaction transaction) {
    return chain.broadcast(transaction);
  }

  @Override
  public Optional<Receipt> receipt(Bytes32 txHash) {
    return chain.receipt(txHash);
  }

  @Override
  public long blockNumber() {
    return chain.blockNumber();
  }

  @Override
  public Optional<Bytes32> blockHash(long number) {
    return chain.blockHash(number);
  }
}
