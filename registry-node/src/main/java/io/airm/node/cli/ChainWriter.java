package io.airm.node.cli;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.InMemoryTransactionJournal;
import io.airm.chain.tx.Receipt;
import io.airm.chain.tx.TransactionPipeline;
import io.airm.chain.tx.TransactionSigner;
import io.airm.chain.tx.TxOutcome;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Sends a key holder's transactions from the command line: one pipeline (fees, nonce, receipt
 * polling), each transaction waited for until mined, a revert or a drop reported as an error.
 */
final class ChainWriter implements AutoCloseable {
  private final ChainClient chain;
  private final TransactionPipeline pipeline;
  private final Address sender;

  ChainWriter(ChainClient chain, String privateKeyHex) {
    this.chain = chain;
    Credentials key = Credentials.create(privateKeyHex);
    this.sender = Address.parse(key.getAddress());
    this.pipeline =
        TransactionPipeline.create(
            chain,
            new TransactionSigner(chain, key, FeePolicy.defaults()),
            new InMemoryTransactionJournal(),
            TransactionPipeline.Settings.defaults(),
            Clock.systemUTC());
    pipeline.start();
  }

  Address sender() {
    return sender;
  }

  /** Sends and waits; the receipt of the mined transaction. */
  Receipt send(Address to, String data, BigInteger value, String purpose) {
    var pending = pipeline.submit(to, data, value, purpose);
    TxOutcome outcome;
    try {
      outcome = pending.outcome().get(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("Interrupted while waiting for " + purpose, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ChainException(purpose + ": no outcome: " + e, e);
    }
    if (outcome.kind() != TxOutcome.Kind.MINED) {
      throw new ChainException(
          purpose + ": the transaction " + pending.original() + " was " + outcome.kind());
    }
    Receipt receipt = outcome.receipt().orElseThrow();
    if (!receipt.succeeded()) {
      throw new ChainException(
          purpose + ": the transaction " + receipt.transactionHash() + " reverted");
    }
    return receipt;
  }

  /** The logs of a mined transaction. */
  List<ChainEvent> events(Bytes32 txHash) {
    try {
      var receipt =
          chain.web3j().ethGetTransactionReceipt(txHash.hex()).send().getTransactionReceipt();
      List<ChainEvent> events = new ArrayList<>();
      if (receipt.isPresent()) {
        for (Log log : receipt.get().getLogs()) {
          events.add(ChainEvent.fromLog(log));
        }
      }
      return events;
    } catch (IOException e) {
      throw new ChainException("Cannot read the receipt of " + txHash + ": " + e, e);
    }
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
