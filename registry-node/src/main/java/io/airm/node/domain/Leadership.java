package io.airm.node.domain;

/**
 * Whether this node may run the chain-writing workers (anchoring, relaying, settling) now (port).
 * Several nodes may share one database; at most one holds the lease at a time.
 */
public interface Leadership {
  /** True while this node holds the lease. */
  boolean isLeader();

  /** A single node: always the leader. */
  static Leadership alone() {
    return () -> true;
  }
}
