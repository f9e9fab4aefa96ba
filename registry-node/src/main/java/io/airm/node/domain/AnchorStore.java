package io.airm.node.domain;

import java.util.List;
import java.util.Optional;

/** Where anchor transactions are kept (port). */
public interface AnchorStore {
  /** Stores a newly signed anchor; this happens before it is ever broadcast. */
  void insert(Anchor anchor);

  /** Replaces the stored anchor of the same tree size (its status and block). */
  void update(Anchor anchor);

  /** The anchors not yet final nor failed, oldest first. */
  List<Anchor> unfinished();

  /** The on-chain (mined or final) anchor with the largest tree size. */
  Optional<Anchor> newestOnChain();

  /** The newest on-chain anchor covering leaf {@code logIndex}; only final ones if asked. */
  Optional<Anchor> newestCovering(long logIndex, boolean finalOnly);
}
