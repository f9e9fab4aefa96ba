package io.airm.chain.events;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.tx.ChainClient;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** Reads logs with {@code eth_getLogs} and block hashes with {@code eth_getBlockByNumber}. */
public final class Web3jLogSource implements LogSource {
  private final ChainClient chain;

  /** Reads from {@code chain}. */
  public Web3jLogSource(ChainClient chain) {
    if (chain == null) {
      throw new IllegalArgumentException("A chain client is required");
    }
    this.chain = chain;
  }

  @Override
  public long headNumber() {
    return chain.blockNumber();
  }

  @Override
  public Optional<Bytes32> blockHash(long number) {
    return chain.blockHash(number);
  }

  @Override
  public List<ChainEvent> logs(List<Address> contracts, long fromBlock, long toBlock) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)),
            contracts.stream().map(Address::value).toList());
    String what = "eth_getLogs of blocks " + fromBlock + " to " + toBlock + " at " + chain.rpcUrl();
    EthLog response;
    try {
      response = chain.web3j().ethGetLogs(filter).send();
    } catch (IOException e) {
      throw new ChainException("Could not reach the chain for " + what + ": " + e, e);
    }
    if (response.hasError()) {
      throw new ChainException(what + " failed: " + response.getError().getMessage());
    }
    List<ChainEvent> events = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      if (!(result.get() instanceof Log log)) {
        throw new ChainException(what + " returned a filter id instead of a log");
      }
      if (log.isRemoved()) {
        continue; // only a filter subscription reports removed logs; a range query should not
      }
      events.add(ChainEvent.fromLog(log));
    }
    return events;
  }
}
