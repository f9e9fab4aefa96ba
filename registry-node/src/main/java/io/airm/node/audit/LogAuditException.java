package io.airm.node.audit;

import java.util.OptionalLong;

/**
 * The log does not verify: a leaf, a checkpoint or a proof disagrees with what the chain or the
 * signatures say. The message names the leaf index or checkpoint tree size and both values.
 */
public final class LogAuditException extends RuntimeException {
  private final OptionalLong leafIndex;
  private final OptionalLong treeSize;

  private LogAuditException(String message, OptionalLong leafIndex, OptionalLong treeSize) {
    super(message);
    this.leafIndex = leafIndex;
    this.treeSize = treeSize;
  }

  /** A disagreement about leaf {@code index}. */
  static LogAuditException atLeaf(long index, String what) {
    return new LogAuditException(
        "leaf " + index + ": " + what, OptionalLong.of(index), OptionalLong.empty());
  }

  /** A disagreement about the checkpoint of tree size {@code treeSize}. */
  static LogAuditException atCheckpoint(long treeSize, String what) {
    return new LogAuditException(
        "checkpoint at tree size " + treeSize + ": " + what,
        OptionalLong.empty(),
        OptionalLong.of(treeSize));
  }

  /** A disagreement about the log as a whole (its head, the chain's list of checkpoints). */
  public static LogAuditException ofLog(String what) {
    return new LogAuditException(what, OptionalLong.empty(), OptionalLong.empty());
  }

  /** The leaf the disagreement is about, if it is about one. */
  public OptionalLong leafIndex() {
    return leafIndex;
  }

  /** The tree size of the checkpoint the disagreement is about, if it is about one. */
  public OptionalLong treeSize() {
    return treeSize;
  }
}
