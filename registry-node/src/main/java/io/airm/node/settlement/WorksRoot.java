package io.airm.node.settlement;

import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.Rfc6962;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code worksRoot} of an attestation (SETTLEMENT.md §1): the RFC 6962 Merkle tree head of the
 * sorted work ids, each id's 32 bytes being one leaf.
 */
public final class WorksRoot {
  private WorksRoot() {}

  /**
   * The root over {@code sortedIds}: leaf hash {@code SHA-256(0x00 ‖ id)}, node hash {@code
   * SHA-256(0x01 ‖ l ‖ r)}; the empty list gives the empty tree's head, {@code SHA-256("")}.
   *
   * @throws SettlementFormatException if the ids are not sorted ascending without repeats
   */
  public static Bytes32 of(List<Bytes32> sortedIds) {
    List<byte[]> leafHashes = new ArrayList<>(sortedIds.size());
    for (int i = 0; i < sortedIds.size(); i++) {
      // Fixed-length lower-case hex compares as the unsigned bytes do.
      if (i > 0 && sortedIds.get(i - 1).hex().compareTo(sortedIds.get(i).hex()) >= 0) {
        throw new SettlementFormatException(
            "Work ids must be sorted ascending without repeats: "
                + sortedIds.get(i)
                + " follows "
                + sortedIds.get(i - 1));
      }
      leafHashes.add(Rfc6962.leafHash(sortedIds.get(i).bytes()));
    }
    return Bytes32.of(Rfc6962.rootOf(leafHashes));
  }
}
