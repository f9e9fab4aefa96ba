package io.airm.chain.events;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * One log emitted by a followed contract, as the chain returned it: raw topics and data, with the
 * block and transaction that carry it. Typed views (such as {@link CheckpointAnchored}) decode it.
 *
 * @param contract the emitting contract
 * @param blockNumber the block's number
 * @param blockHash the hash of the block the log was read from
 * @param txHash the transaction that emitted it
 * @param logIndex its position among the block's logs
 * @param topics topic 0 (the event signature hash, unless anonymous) then the indexed arguments
 * @param data the ABI-encoded non-indexed arguments, 0x-prefixed lower-case hex
 */
public record ChainEvent(
    Address contract,
    long blockNumber,
    Bytes32 blockHash,
    Bytes32 txHash,
    long logIndex,
    List<Bytes32> topics,
    String data) {
  private static final Pattern HEX_BYTES = Pattern.compile("0x([0-9a-f]{2})*");

  public ChainEvent {
    if (contract == null || blockHash == null || txHash == null || topics == null) {
      throw new IllegalArgumentException(
          "A chain event needs its contract, block hash, transaction hash and topics");
    }
    if (blockNumber < 0 || logIndex < 0) {
      throw new IllegalArgumentException(
          "The block number and log index of an event cannot be negative, not "
              + blockNumber
              + " and "
              + logIndex
              + " (tx "
              + txHash
              + ")");
    }
    if (topics.size() > 4) {
      throw new IllegalArgumentException(
          "A log has at most 4 topics, not " + topics.size() + " (tx " + txHash + ")");
    }
    if (data == null || !HEX_BYTES.matcher(data).matches()) {
      throw new IllegalArgumentException(
          "The data of a log must be 0x-prefixed lower-case hex bytes (tx " + txHash + ")");
    }
    topics = List.copyOf(topics);
  }

  /** The event carried by a log that {@code eth_getLogs} returned. */
  public static ChainEvent fromLog(Log log) {
    if (log.getBlockHash() == null || log.getBlockNumberRaw() == null) {
      throw new IllegalArgumentException(
          "Log " + log.getLogIndexRaw() + " of tx " + log.getTransactionHash() + " is pending");
    }
    String data = log.getData() == null ? "0x" : log.getData().toLowerCase(Locale.ROOT);
    return new ChainEvent(
        Address.parse(log.getAddress()),
        log.getBlockNumber().longValueExact(),
        Bytes32.parse(log.getBlockHash()),
        Bytes32.parse(log.getTransactionHash()),
        log.getLogIndex().longValueExact(),
        log.getTopics().stream().map(Bytes32::parse).toList(),
        data);
  }

  /** The block this event was read from. */
  public BlockRef block() {
    return new BlockRef(blockNumber, blockHash);
  }

  /** Topic 0: the event's signature hash, or empty for an anonymous event with no topics. */
  public Optional<Bytes32> signature() {
    return topics.isEmpty() ? Optional.empty() : Optional.of(topics.get(0));
  }

  /** The same log as web3j models it, for web3j's ABI decoders. */
  public Log toWeb3jLog() {
    Log log = new Log();
    log.setAddress(contract.value());
    log.setBlockNumber(Numeric.encodeQuantity(BigInteger.valueOf(blockNumber)));
    log.setBlockHash(blockHash.hex());
    log.setTransactionHash(txHash.hex());
    log.setLogIndex(Numeric.encodeQuantity(BigInteger.valueOf(logIndex)));
    log.setTopics(topics.stream().map(Bytes32::hex).toList());
    log.setData(data);
    return log;
  }
}
