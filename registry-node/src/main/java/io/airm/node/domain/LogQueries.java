package io.airm.node.domain;

import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.Rfc6962;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the public questions about the log: its head, its leaves in pages, and RFC 6962 proofs.
 * Requests are validated here, each refusal naming the bad parameter.
 */
public final class LogQueries {
  /** The most leaves one page of entries holds. */
  public static final int MAX_PAGE = 1000;

  private final TransparencyLog log;
  private final WorkStore works;
  private final AnchorStore anchors;

  public LogQueries(TransparencyLog log, WorkStore works, AnchorStore anchors) {
    this.log = log;
    this.works = works;
    this.anchors = anchors;
  }

  /** The log's size and root, and the newest checkpoint on chain. */
  public LogHead head() {
    long size = log.size();
    Bytes32 root = size == 0 ? Bytes32.of(Rfc6962.emptyRoot()) : log.root(size);
    return new LogHead(size, root, anchors.newestOnChain());
  }

  /**
   * The leaves from {@code start}, at most {@code count} of them (fewer at the end of the log),
   * each with the work registered at its index.
   *
   * @throws RegistryException INVALID_REQUEST for a negative start or a count outside 1 to {@value
   *     #MAX_PAGE}, NOT_FOUND for a start at or past the end, CORRUPT_LOG if a leaf below the log's
   *     size is missing from storage
   */
  public List<LogRecord> entries(long start, int count) {
    if (start < 0) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST, "start must be a leaf index of 0 or more, not " + start);
    }
    if (count < 1 || count > MAX_PAGE) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "count must be between 1 and " + MAX_PAGE + " leaves, not " + count);
    }
    long size = log.size();
    if (start >= size) {
      throw new RegistryException(
          ErrorKind.NOT_FOUND,
          "The log has "
              + size
              + " leaves (indices 0 to "
              + (size - 1)
              + "); start "
              + start
              + " is past its end");
    }
    long end = Math.min(size, start + count);
    List<LogEntry> entries = log.entries(start, end);
    Map<Long, Work> byIndex = new HashMap<>();
    for (Work work : works.findByLogIndex(start, end)) {
      byIndex.put(work.logIndex(), work);
    }
    List<LogRecord> records = new ArrayList<>(entries.size());
    long expected = start;
    for (LogEntry entry : entries) {
      if (entry.index() != expected) {
        throw missing(expected, size);
      }
      Optional<Work> work =
          entry.type() == LogLeaf.WORK_REGISTRATION
              ? Optional.ofNullable(byIndex.get(entry.index()))
              : Optional.empty();
      records.add(new LogRecord(entry, work));
      expected++;
    }
    if (expected != end) {
      throw missing(expected, size);
    }
    return records;
  }

  private static RegistryException missing(long index, long size) {
    return new RegistryException(
        ErrorKind.CORRUPT_LOG,
        "The log is damaged: it holds no leaf at index " + index + ", below its size " + size);
  }

  /** The RFC 6962 consistency proof from tree size {@code first} to {@code second}. */
  public List<Bytes32> consistencyProof(long first, long second) {
    if (first < 0 || second < first) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "A consistency proof needs 0 <= first <= second, not first "
              + first
              + " and second "
              + second);
    }
    requireTreeSize("second", second);
    if (first == 0 || first == second) {
      return List.of(); // every tree extends the empty one, and itself (RFC 9162 §2.1.4)
    }
    return log.consistencyProof(first, second);
  }

  /** The RFC 6962 inclusion proof of leaf {@code index} in the tree of size {@code treeSize}. */
  public InclusionProof inclusionProof(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "A proof needs 0 <= index < treeSize, not index " + index + " and treeSize " + treeSize);
    }
    requireTreeSize("treeSize", treeSize);
    return new InclusionProof(
        index,
        treeSize,
        log.leafHash(index),
        log.inclusionProof(index, treeSize),
        log.root(treeSize));
  }

  private void requireTreeSize(String name, long treeSize) {
    long size = log.size();
    if (treeSize < 1 || treeSize > size) {
      throw new RegistryException(
          ErrorKind.NOT_FOUND,
          "The log has "
              + size
              + " leaves; there is no tree of size "
              + treeSize
              + " ("
              + name
              + ")");
    }
  }
}
