package io.airm.node.audit;

import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Bytes32;
import java.util.List;
import java.util.Optional;

/**
 * A node's public log as an auditor reads it (port): the head, the leaves in pages with the records
 * they commit to, consistency proofs, and usage attestations. Nothing read here is trusted.
 *
 * <p>A node that answers with an error status throws {@link
 * io.airm.node.client.RegistryClientException} with that status; one that cannot be reached throws
 * it with status 0.
 */
public interface NodeLog {
  /** {@code GET /v1/log}: the node's tree size and root. */
  Head head();

  /**
   * {@code GET /v1/log/entries}: up to {@code count} leaves from {@code start}, in the node's
   * order. An entry the auditor cannot read is returned as {@link Entry#malformed}, not thrown, so
   * that the audit reports leaves in index order.
   */
  List<Entry> entries(long start, int count);

  /**
   * {@code GET /v1/log/consistency}: the node's RFC 6962 proof from {@code first} to {@code
   * second}.
   */
  List<byte[]> consistencyProof(long first, long second);

  /** {@code GET /v1/attestations/{id}}: the signed attestation, or empty if the node has none. */
  Optional<AttestationRecord> attestation(Bytes32 attestationId);

  /** The node's tree head. */
  record Head(long treeSize, Bytes32 root) {}

  /**
   * One leaf as the node serves it.
   *
   * @param leafIndex the index the node gives it
   * @param leaf the leaf's bytes
   * @param leafHash the leaf hash the node claims
   * @param work for a work registration's leaf, the signed record the node holds for it
   * @param malformed why the entry could not be read, if it could not
   */
  record Entry(
      long leafIndex,
      byte[] leaf,
      Bytes32 leafHash,
      Optional<WorkRecord> work,
      Optional<String> malformed) {
    public Entry {
      leaf = leaf.clone();
    }

    /** An entry at {@code position} that could not be read, and why. */
    public static Entry malformed(long position, String why) {
      return new Entry(position, new byte[0], Bytes32.ZERO, Optional.empty(), Optional.of(why));
    }

    @Override
    public byte[] leaf() {
      return leaf.clone();
    }
  }

  /** What a creator signed, and the signature, as the node serves them. */
  record WorkRecord(WorkRegistration registration, EthSignature signature) {}

  /** A usage attestation and its attester's signature, as the node serves them. */
  record AttestationRecord(
      io.airm.chain.eip712.AttestationMessage attestation, EthSignature signature) {}
}
