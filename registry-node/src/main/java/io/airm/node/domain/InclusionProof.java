package io.airm.node.domain;

import io.airm.chain.eth.Bytes32;
import java.util.List;

/**
 * An RFC 6962 inclusion proof of one leaf in a checkpoint.
 *
 * @param leafIndex the leaf's index
 * @param treeSize the checkpoint's tree size
 * @param leafHash SHA-256(0x00 || leaf)
 * @param hashes the audit path, bottom up
 * @param root the checkpoint's root, as the node computes it (an auditor reads it from the chain)
 */
public record InclusionProof(
    long leafIndex, long treeSize, Bytes32 leafHash, List<Bytes32> hashes, Bytes32 root) {
  public InclusionProof {
    hashes = List.copyOf(hashes);
  }
}
