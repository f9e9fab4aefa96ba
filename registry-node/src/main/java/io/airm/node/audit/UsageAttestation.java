package io.airm.node.audit;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A usage attestation as SETTLEMENT.md §1 specifies it, hashed as EIP-712 typed data; its digest
 * under the {@code UsageAttestations} domain is the attestation id a log leaf of type 0x02 carries.
 *
 * <p>This is the type of the specification, without the log index and leaf hash that {@link
 * io.airm.chain.eip712.AttestationMessage} still carries: a leaf cannot commit to a digest over its
 * own hash.
 */
public record UsageAttestation(
    Bytes32 modelId,
    String modelVersion,
    Bytes32 worksRoot,
    long workCount,
    Bytes32 evidenceDigest,
    Address attester,
    BigInteger nonce,
    BigInteger deadline) {

  /** The EIP-712 type string of SETTLEMENT.md §1. */
  public static final String TYPE =
      "Attestation(bytes32 modelId,string modelVersion,bytes32 worksRoot,uint32 workCount,"
          + "bytes32 evidenceDigest,address attester,uint256 nonce,uint256 deadline)";

  /** The EIP-712 domain name of the {@code UsageAttestations} contract. */
  public static final String DOMAIN_NAME = "AIRM UsageAttestations";

  private static final byte[] TYPEHASH = Hash.sha3(TYPE.getBytes(StandardCharsets.UTF_8));

  public UsageAttestation {
    if (modelId == null
        || modelVersion == null
        || worksRoot == null
        || evidenceDigest == null
        || attester == null) {
      throw new IllegalArgumentException("Every field of an attestation is required");
    }
    if (workCount < 0 || workCount > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("workCount must fit in uint32, not " + workCount);
    }
    if (nonce == null || nonce.signum() < 0 || deadline == null || deadline.signum() < 0) {
      throw new IllegalArgumentException("nonce and deadline must be unsigned integers");
    }
  }

  /** The domain of the {@code UsageAttestations} contract at {@code contract}. */
  public static Eip712Domain domain(BigInteger chainId, Address contract) {
    return new Eip712Domain(DOMAIN_NAME, "1", chainId, contract);
  }

  /** hashStruct(Attestation): the version string is hashed (EIP-712 encodeData). */
  public Bytes32 structHash() {
    List<Type> fields =
        List.of(
            new org.web3j.abi.datatypes.generated.Bytes32(TYPEHASH),
            new org.web3j.abi.datatypes.generated.Bytes32(modelId.bytes()),
            new org.web3j.abi.datatypes.generated.Bytes32(
                Hash.sha3(modelVersion.getBytes(StandardCharsets.UTF_8))),
            new org.web3j.abi.datatypes.generated.Bytes32(worksRoot.bytes()),
            new Uint32(workCount),
            new org.web3j.abi.datatypes.generated.Bytes32(evidenceDigest.bytes()),
            new org.web3j.abi.datatypes.Address(attester.value()),
            new Uint256(nonce),
            new Uint256(deadline));
    return Bytes32.of(
        Hash.sha3(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(fields))));
  }

  /** The attestation id: the EIP-712 digest the attester signs under {@code domain}. */
  public Bytes32 digest(Eip712Domain domain) {
    return domain.digest(structHash());
  }
}
