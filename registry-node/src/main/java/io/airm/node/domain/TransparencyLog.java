package io.airm.node.domain;

import io.airm.chain.eth.Bytes32;
import java.util.List;

/** Reads the append-only RFC 6962 log (port); appends happen only through {@link WorkStore}. */
public interface TransparencyLog {
  /** The number of leaves. */
  long size();

  /** The RFC 6962 root of the first {@code treeSize} leaves. */
  Bytes32 root(long treeSize);

  /** The RFC 6962 audit path of leaf {@code index} in the tree of size {@code treeSize}. */
  List<Bytes32> inclusionProof(long index, long treeSize);

  /** The RFC 6962 consistency proof between two tree sizes. */
  List<Bytes32> consistencyProof(long oldSize, long newSize);

  /** The leaf hash at {@code index}. */
  Bytes32 leafHash(long index);

  /**
   * The stored leaves with indices in [{@code start}, {@code end}), in index order, read in one
   * query; a leaf missing from storage is missing from the list.
   */
  List<LogEntry> entries(long start, long end);
}
