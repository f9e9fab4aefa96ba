package io.airm.node.domain;

import java.util.Optional;

/**
 * A leaf of the log with what the node stores about it: for a work registration's leaf, the work
 * registered at that index (empty if the node has lost it).
 */
public record LogRecord(LogEntry entry, Optional<Work> work) {
  public LogRecord {
    if (entry == null || work == null) {
      throw new IllegalArgumentException("A log record needs its entry");
    }
  }
}
