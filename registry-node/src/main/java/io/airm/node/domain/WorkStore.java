package io.airm.node.domain;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** Where registrations live (port). */
public interface WorkStore {
  /**
   * Writes the work and appends its leaf to the log in ONE database transaction, so a work is never
   * without its leaf nor a leaf without its work.
   *
   * @return the stored work, with its log index
   * @throws DuplicateWorkException if the work id or the creator's nonce is already stored
   */
  Work insert(NewWork work);

  /** The work with this id. */
  Optional<Work> find(Bytes32 workId);

  /** The id of the work the creator registered with this nonce, if any. */
  Optional<Bytes32> findByCreatorNonce(Address creator, BigInteger nonce);

  /**
   * The works whose leaves have indices in [{@code start}, {@code end}), in log order, read with a
   * fixed number of queries whatever the range.
   */
  List<Work> findByLogIndex(long start, long end);

  /**
   * The creator's works at log indices below {@code beforeLogIndex}, newest (highest log index)
   * first, at most {@code limit} of them.
   */
  List<Work> findByCreator(Address creator, long beforeLogIndex, int limit);

  /** Whether a work with this id is registered. */
  boolean exists(Bytes32 workId);

  /** How many works the creator registered at log indices below {@code treeSize}. */
  long countByCreatorBefore(Address creator, long treeSize);

  /** A concurrent insert stored the same work id or nonce first. */
  final class DuplicateWorkException extends RuntimeException {
    public DuplicateWorkException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
