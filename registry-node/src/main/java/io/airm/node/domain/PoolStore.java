package io.airm.node.domain;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** Pools as the chain indexer saw them (port); written only by the indexer. */
public interface PoolStore {
  /** The pool with this id, once indexed. */
  Optional<Pool> find(BigInteger poolId);

  /** Pools by id, from {@code offset}. */
  List<Pool> list(long offset, int limit);
}
