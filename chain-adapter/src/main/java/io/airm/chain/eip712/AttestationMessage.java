package io.airm.chain.eip712;

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
 * The EIP-712 {@code Attestation} message an AI company signs so that the registry can relay its
 * usage attestation to {@code UsageAttestations.attestBySig}; hashed exactly as the contract's
 * {@code hashAttestation}.
 *
 * @param modelId the model's id
 * @param modelVersion the model's version string
 * @param worksRoot the Merkle root of the ids of the works used
 * @param workCount how many works
 * @param evidenceDigest SHA-256 of the influence evidence stored in IPFS
 * @param attester the company's signing account (holds ATTESTER_ROLE)
 * @param nonce the attester's next nonce on the contract
 * @param deadline unix seconds after which the signature is refused
 */
public record AttestationMessage(
    Bytes32 modelId,
    String modelVersion,
    Bytes32 worksRoot,
    long workCount,
    Bytes32 evidenceDigest,
    Address attester,
    BigInteger nonce,
    BigInteger deadline) {

  /** The EIP-712 type string; its keccak256 is {@code ATTESTATION_TYPEHASH} on chain. */
  public static final String TYPE =
      "Attestation(bytes32 modelId,string modelVersion,bytes32 worksRoot,uint32 workCount,"
          + "bytes32 evidenceDigest,address attester,uint256 nonce,uint256 deadline)";

  /** The domain name of {@code UsageAttestations}. */
  public static final String DOMAIN_NAME = "AIRM UsageAttestations";

  private static final byte[] TYPEHASH = Hash.sha3(TYPE.getBytes(StandardCharsets.UTF_8));

  public AttestationMessage {
    if (modelId == null
        || worksRoot == null
        || evidenceDigest == null
        || attester == null
        || modelVersion == null) {
      throw new IllegalArgumentException("Every field of an attestation is required");
    }
    if (workCount < 0 || workCount > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("workCount must fit in uint32, not " + workCount);
    }
    if (nonce == null || nonce.signum() < 0 || deadline == null || deadline.signum() < 0) {
      throw new IllegalArgumentException("nonce and deadline must be unsigned");
    }
  }

  /** The domain of the {@code UsageAttestations} contract at {@code contract}. */
  public static Eip712Domain domain(long chainId, Address contract) {
    return new Eip712Domain(DOMAIN_NAME, "1", BigInteger.valueOf(chainId), contract);
  }

  /** hashStruct(Attestation); the version string is hashed (EIP-712 encodeData). */
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

  /** The digest the attester signs under {@code domain}. */
  public Bytes32 digest(Eip712Domain domain) {
    return domain.digest(structHash());
  }
}
