package io.airm.node.domain;

import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Bytes32;
import java.util.Arrays;
import java.util.Optional;

/**
 * The byte layout of the log's leaves. A work registration's leaf is 98 bytes:
 *
 * <pre>
 *   0x01                 leaf type: work registration, version 1
 *   workId      32 bytes the EIP-712 digest of the WorkRegistration (binds every signed field
 *                        and the domain: chain id and registry address)
 *   signature   65 bytes r || s || v of the creator's signature over workId
 * </pre>
 *
 * A usage attestation's leaf has the same layout with type {@code 0x02} and the attestation id (its
 * EIP-712 digest under the UsageAttestations domain) in place of the work id (SETTLEMENT.md §1).
 *
 * <p>The log hashes it as RFC 6962 does: leafHash = SHA-256(0x00 || leaf).
 */
public final class LogLeaf {
  /** The type byte of a work registration leaf. */
  public static final byte WORK_REGISTRATION = 0x01;

  /** The length of a work registration leaf. */
  public static final int WORK_REGISTRATION_LENGTH = 1 + 32 + 65;

  /** The type byte of a usage attestation leaf. */
  public static final byte ATTESTATION = 0x02;

  /** The length of a usage attestation leaf. */
  public static final int ATTESTATION_LENGTH = 1 + 32 + 65;

  private LogLeaf() {}

  /** The leaf of a work registration. */
  public static byte[] workRegistration(Bytes32 workId, EthSignature signature) {
    return leaf(WORK_REGISTRATION, workId, signature);
  }

  /** The leaf of a usage attestation. */
  public static byte[] attestation(Bytes32 attestationId, EthSignature signature) {
    return leaf(ATTESTATION, attestationId, signature);
  }

  private static byte[] leaf(byte type, Bytes32 id, EthSignature signature) {
    byte[] leaf = new byte[1 + 32 + 65];
    leaf[0] = type;
    System.arraycopy(id.bytes(), 0, leaf, 1, 32);
    System.arraycopy(signature.toBytes(), 0, leaf, 33, 65);
    return leaf;
  }

  /**
   * The id a typed leaf carries (the work id or attestation id, bytes 1 to 32), if the leaf is long
   * enough to hold one.
   */
  public static Optional<Bytes32> id(byte[] leaf) {
    if (leaf.length < 33) {
      return Optional.empty();
    }
    return Optional.of(Bytes32.of(Arrays.copyOfRange(leaf, 1, 33)));
  }
}
