package io.airm.chain.events;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Hash;

/** A chain in memory whose blocks the test mines and reorganises; every log has one topic. */
final class FakeChain implements LogSource {
  static final Address CONTRACT = Address.parse("0x" + "c0".repeat(20));
  static final Address OTHER = Address.parse("0x" + "0e".repeat(20));

  private record Block(Bytes32 hash, List<ChainEvent> logs) {}

  private final List<Block> blocks = new ArrayList<>();
  private final List<long[]> logQueries = new ArrayList<>();
  private int salt;
  private Runnable beforeLogs = () -> {};

  FakeChain() {
    blocks.add(new Block(hash("genesis"), List.of())); // block 0
  }

  /** Mines one block with a log of CONTRACT per label; returns its number. */
  long mine(String... labels) {
    long number = blocks.size();
    Bytes32 blockHash = hash(number + "/" + salt++ + "/" + String.join(",", labels));
    List<ChainEvent> logs = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      logs.add(
          new ChainEvent(
              CONTRACT,
              number,
              blockHash,
              hash("tx " + labels[i]),
              i,
              List.of(hash(labels[i])),
              "0x"));
    }
    blocks.add(new Block(blockHash, logs));
    return number;
  }

  void mineEmpty(int count) {
    for (int i = 0; i < count; i++) {
      mine();
    }
  }

  /** Drops the newest {@code depth} blocks, as a reorganisation does before the new branch. */
  void dropBlocks(int depth) {
    for (int i = 0; i < depth; i++) {
      blocks.remove(blocks.size() - 1);
    }
  }

  /** Runs {@code action} once, just before the next eth_getLogs is answered. */
  void beforeNextLogs(Runnable action) {
    beforeLogs =
        () -> {
          beforeLogs = () -> {};
          action.run();
        };
  }

  List<long[]> logQueries() {
    return logQueries;
  }

  static Bytes32 hash(String label) {
    return Bytes32.of(Hash.sha3(label.getBytes(StandardCharsets.UTF_8)));
  }

  static String label(ChainEvent event) {
    return event.topics().get(0).hex();
  }

  @Override
  public long headNumber() {
    return blocks.size() - 1;
  }

  @Override
  public Optional<Bytes32> blockHash(long number) {
    return number < blocks.size() ? Optional.of(blocks.get((int) number).hash()) : Optional.empty();
  }

  @Override
  public List<ChainEvent> logs(List<Address> contracts, long fromBlock, long toBlock) {
    List<ChainEvent> answer = new ArrayList<>();
    for (long n = fromBlock; n <= toBlock && n < blocks.size(); n++) {
      for (ChainEvent log : blocks.get((int) n).logs()) {
        if (contracts.contains(log.contract())) {
          answer.add(log);
        }
      }
    }
    logQueries.add(new long[] {fromBlock, toBlock});
    Runnable hook = beforeLogs;
    hook.run();
    return answer;
  }
}
