package io.airm.chain.registry;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.tx.Receipt;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.EventValues;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.tx.Contract;

/**
 * Decodes logs with the event definitions of the generated wrappers, so that no event layout is
 * written by hand here.
 */
final class EventLogs {
  private EventLogs() {}

  /** Topic 0 of {@code event}: the Keccak-256 hash of its signature. */
  static Bytes32 topic(Event event) {
    return Bytes32.parse(EventEncoder.encode(event));
  }

  /**
   * The indexed and data values of {@code log} if its topic 0 is {@code event}'s, else empty. A log
   * with the topic but a body that does not decode is refused, naming the event and the tx.
   */
  static Optional<Decoded> decode(ChainEvent log, Event event) {
    if (!log.signature().filter(topic(event)::equals).isPresent()) {
      return Optional.empty();
    }
    EventValues values;
    try {
      values = Contract.staticExtractEventParameters(event, log.toWeb3jLog());
    } catch (RuntimeException e) {
      throw malformed(log, event, e.getMessage());
    }
    if (values == null
        || values.getIndexedValues().size() != event.getIndexedParameters().size()
        || values.getNonIndexedValues().size() != event.getNonIndexedParameters().size()) {
      throw malformed(log, event, "wrong number of topics or data words");
    }
    return Optional.of(new Decoded(log, event, values));
  }

  /** The logs of {@code receipt} that {@code contract} emitted, decoded by {@code decoder}. */
  static <T> List<T> in(
      Receipt receipt, Address contract, Function<ChainEvent, Optional<T>> decoder) {
    return receipt.logs().stream()
        .filter(log -> log.contract().equals(contract))
        .flatMap(log -> decoder.apply(log).stream())
        .toList();
  }

  private static IllegalArgumentException malformed(ChainEvent log, Event event, String why) {
    return new IllegalArgumentException(
        "Log "
            + log.logIndex()
            + " of tx "
            + log.txHash()
            + " has the "
            + event.getName()
            + " topic but is not a valid "
            + event.getName()
            + " event: "
            + why);
  }

  /** The values of one decoded log, read by position with the type each position has. */
  static final class Decoded {
    private final ChainEvent log;
    private final Event event;
    private final EventValues values;

    private Decoded(ChainEvent log, Event event, EventValues values) {
      this.log = log;
      this.event = event;
      this.values = values;
    }

    Object indexed(int i) {
      return value(values.getIndexedValues().get(i));
    }

    Object data(int i) {
      return value(values.getNonIndexedValues().get(i));
    }

    BigInteger indexedUint(int i) {
      return (BigInteger) indexed(i);
    }

    Address indexedAddress(int i) {
      return Address.parse((String) indexed(i));
    }

    Bytes32 indexedBytes32(int i) {
      return Bytes32.of((byte[]) indexed(i));
    }

    BigInteger dataUint(int i) {
      return (BigInteger) data(i);
    }

    Address dataAddress(int i) {
      return Address.parse((String) data(i));
    }

    Bytes32 dataBytes32(int i) {
      return Bytes32.of((byte[]) data(i));
    }

    String dataString(int i) {
      return (String) data(i);
    }

    boolean dataBool(int i) {
      return (Boolean) data(i);
    }

    /** A uint256 that a Java long must hold; a larger one is refused like a malformed log. */
    long asLong(String name, BigInteger value) {
      if (value.bitLength() >= 64) {
        throw malformed(log, event, name + " " + value + " does not fit in a Java long");
      }
      return value.longValueExact();
    }

    private static Object value(Type<?> type) {
      return type.getValue();
    }
  }
}
