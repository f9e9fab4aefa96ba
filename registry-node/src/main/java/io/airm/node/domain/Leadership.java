package io.airm.node.domain;

/**
 * Whether this node is the one, among the nodes sharing a database, that writes to the chain
 * (anchors now, settles later). Every node serves the API; only the leader sends transactions, so
 * the anchorer key has one nonce authority and no tree size is anchored twice (port).
 */
public interface Leadership {
  /**
   * Whether this node holds the leadership now. The answer can be stale by the time it is used; a
   * store that must not be written by a former leader checks again in its own transaction and
   * throws {@link NotLeaderException}.
   */
  boolean isLeader();

  /** The leadership of a node that is alone on its database and so always leads. */
  static Leadership sole() {
    return () -> true;
  }

  /** A write that only the leader may make was refused because this node no longer leads. */
  final class NotLeaderException extends RuntimeException {
    public NotLeaderException(String message) {
      super(message);
    }
  }
}
