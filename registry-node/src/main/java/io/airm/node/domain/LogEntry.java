package io.airm.node.domain;

import io.airm.chain.eth.Bytes32;
import java.util.Optional;

/**
 * One leaf of the log as stored: its index, its bytes and the leaf hash the log's tree uses.
 *
 * @param index the leaf's index
 * @param leafHash SHA-256(0x00 || leaf), as stored with the leaf
 */
public record LogEntry(long index, byte[] leaf, Bytes32 leafHash) {
  public LogEntry {
    if (index < 0 || leaf == null || leafHash == null) {
      throw new IllegalArgumentException("A log entry needs an index >= 0, its bytes and its hash");
    }
    leaf = leaf.clone();
  }

  /** The leaf's bytes (a copy). */
  @Override
  public byte[] leaf() {
    return leaf.clone();
  }

  /** The leaf's type byte ({@link LogLeaf#WORK_REGISTRATION}, ...), or -1 for an empty leaf. */
  public int type() {
    return leaf.length == 0 ? -1 : leaf[0] & 0xff;
  }

  /** The work or attestation id the leaf carries, if it is long enough to carry one. */
  public Optional<Bytes32> id() {
    return LogLeaf.id(leaf);
  }
}
