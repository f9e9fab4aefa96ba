package io.airm.chain.tx;

import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on a submitted transaction: its nonce, the hash of its first signature, and its outcome
 * once known. The future never completes exceptionally because of the chain: a timeout is {@link
 * TxOutcome.Kind#UNKNOWN}.
 */
public record PendingTransaction(
    BigInteger nonce, Bytes32 original, String purpose, CompletableFuture<TxOutcome> outcome) {}
