package io.airm.ipfs.pin;

import io.airm.ipfs.cid.Cid;
import java.util.Set;

/**
 * Recursive pins on a block store: a pinned root keeps its whole DAG (dag-pb links, raw leaves)
 * safe from {@link #gc()}.
 */
public interface PinSet {

  /**
   * Pins {@code root} recursively, after checking that every block of its DAG is stored. Pinning a
   * root that is already pinned is a no-op.
   *
   * @throws IncompleteDagException naming the missing block if the DAG is not complete
   */
  void pin(Cid root);

  /** Removes the pin on {@code root} (by multihash), returning whether there was one. */
  boolean unpin(Cid root);

  /** The pinned roots. */
  Set<Cid> pins();

  /**
   * Deletes every block not reachable from a pin.
   *
   * @throws IncompleteDagException if a pinned DAG has lost a block; nothing is deleted then
   */
  GcResult gc();
}
