package io.airm.node.domain;

import java.util.List;
import java.util.Optional;

/**
 * Where anchor transactions are kept (port). A store shared by several nodes accepts writes only
 * from the node holding the {@link Leadership}, and throws {@link Leadership.NotLeaderException} to
 * any other.
 */
public interface AnchorStore {
  /** Stores a newly signed anchor; this happens before it is ever broadcast. */
  void insert(Anchor anchor);

  /** Replaces the stored anchor with the same transaction hash (its status and block). */
  void update(Anchor anchor);

  /** The anchors not yet final nor failed, oldest first. */
  List<Anchor> unfinished();

  /** The on-chain (mined or final) anchor with the largest tree size. */
  Optional<Anchor> newestOnChain();

  /** The newest on-chain anchor covering leaf {@code logIndex}; only final ones if asked. */
  Optional<Anchor> newestCovering(long logIndex, boolean finalOnly);
}
