package io.airm.chain.events;

import io.airm.chain.contracts.WorkRegistry;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.EventValues;
import org.web3j.tx.Contract;

/**
 * {@code WorkRegistry.CheckpointAnchored(uint64 indexed treeSize, bytes32 root, address indexed
 * anchorer)}, decoded with the event definition of the wrapper web3j generated from the ABI.
 *
 * @param treeSize the size of the Merkle tree whose root was anchored
 * @param root the anchored root
 * @param anchorer the account that anchored it
 * @param event the log it was decoded from
 */
public record CheckpointAnchored(long treeSize, Bytes32 root, Address anchorer, ChainEvent event) {
  /** Topic 0 of the event: the Keccak-256 hash of its signature. */
  public static final Bytes32 TOPIC =
      Bytes32.parse(EventEncoder.encode(WorkRegistry.CHECKPOINTANCHORED_EVENT));

  public CheckpointAnchored {
    if (treeSize < 0 || root == null || anchorer == null || event == null) {
      throw new IllegalArgumentException(
          "A checkpoint needs a tree size of zero or more, a root, an anchorer and its event");
    }
  }

  /** Whether {@code event} is a {@code CheckpointAnchored} log (by its topic 0). */
  public static boolean matches(ChainEvent event) {
    return event.signature().filter(TOPIC::equals).isPresent();
  }

  /**
   * The checkpoint {@code event} carries, or empty if it is another event. A log with this event's
   * topic but a malformed body is refused, naming its transaction.
   */
  public static Optional<CheckpointAnchored> decode(ChainEvent event) {
    if (!matches(event)) {
      return Optional.empty();
    }
    EventValues values;
    try {
      values =
          Contract.staticExtractEventParameters(
              WorkRegistry.CHECKPOINTANCHORED_EVENT, event.toWeb3jLog());
    } catch (RuntimeException e) {
      throw malformed(event, e.getMessage());
    }
    if (values == null
        || values.getIndexedValues().size() != 2
        || values.getNonIndexedValues().size() != 1) {
      throw malformed(event, "wrong number of topics or data words");
    }
    BigInteger treeSize = (BigInteger) values.getIndexedValues().get(0).getValue();
    String anchorer = (String) values.getIndexedValues().get(1).getValue();
    byte[] root = (byte[]) values.getNonIndexedValues().get(0).getValue();
    return Optional.of(
        new CheckpointAnchored(
            treeSize.longValueExact(), Bytes32.of(root), Address.parse(anchorer), event));
  }

  private static IllegalArgumentException malformed(ChainEvent event, String why) {
    return new IllegalArgumentException(
        "Log "
            + event.logIndex()
            + " of tx "
            + event.txHash()
            + " has the CheckpointAnchored topic but is not a valid CheckpointAnchored event: "
            + why);
  }
}
