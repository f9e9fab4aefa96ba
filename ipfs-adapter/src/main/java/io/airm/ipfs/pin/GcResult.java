package io.airm.ipfs.pin;

import io.airm.ipfs.cid.Cid;
import java.util.List;
import java.util.Objects;

/**
 * What a garbage collection removed.
 *
 * @param removed the blocks deleted, each named by a raw CIDv1 of its multihash (the store keeps no
 *     codec)
 * @param bytesFreed the total size of the deleted blocks
 * @param kept the number of blocks reachable from a pin, all of which were kept
 */
public record GcResult(List<Cid> removed, long bytesFreed, long kept) {

  /** Copies the list and checks the counts. */
  public GcResult {
    removed = List.copyOf(Objects.requireNonNull(removed, "removed"));
    if (bytesFreed < 0 || kept < 0) {
      throw new IllegalArgumentException(
          "Freed bytes and kept blocks cannot be negative, but got " + bytesFreed + " and " + kept);
    }
  }
}
