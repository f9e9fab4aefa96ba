package io.airm.chain.eip712;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The EIP-712 {@code WorkRegistration} message a creator signs. Its hashing is the contract's
 * {@code WorkRegistry.hashWorkRegistration}, byte for byte.
 *
 * @param creator the signer, who must be the creator
 * @param contentHash SHA-256 of the content bytes
 * @param cid the content's IPFS CID, as a string
 * @param metadataHash SHA-256 of the metadata document's bytes, or zero for none
 * @param licence an SPDX licence expression or a licence URI
 * @param aiTraining whether the licence permits training AI models on the work
 * @param parents work ids this work derives from or cites (provenance claims)
 * @param nonce any number the creator has not used before (unordered nonces)
 * @param deadline the unix time in seconds after which the signature is no longer accepted
 */
public record WorkRegistration(
    Address creator,
    Bytes32 contentHash,
    String cid,
    Bytes32 metadataHash,
    String licence,
    boolean aiTraining,
    List<Bytes32> parents,
    BigInteger nonce,
    BigInteger deadline) {

  /** The EIP-712 type string; its keccak256 is {@code WORK_REGISTRATION_TYPEHASH} on chain. */
  public static final String TYPE =
      "WorkRegistration(address creator,bytes32 contentHash,string cid,bytes32 metadataHash,"
          + "string licence,bool aiTraining,bytes32[] parents,uint256 nonce,uint256 deadline)";

  private static final byte[] TYPEHASH = Hash.sha3(TYPE.getBytes(StandardCharsets.UTF_8));
  private static final BigInteger UINT256_MAX =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  public WorkRegistration {
    if (creator == null || contentHash == null || metadataHash == null) {
      throw new IllegalArgumentException("creator, contentHash and metadataHash are required");
    }
    if (cid == null || licence == null) {
      throw new IllegalArgumentException(
          "cid and licence are required (they may be empty strings)");
    }
    parents = List.copyOf(parents == null ? List.of() : parents);
    requireUint256("nonce", nonce);
    requireUint256("deadline", deadline);
  }

  private static void requireUint256(String name, BigInteger value) {
    if (value == null || value.signum() < 0 || value.compareTo(UINT256_MAX) > 0) {
      throw new IllegalArgumentException(
          name + " must be an unsigned 256-bit integer, not " + value);
    }
  }

  /**
   * hashStruct(WorkRegistration): strings are hashed, and the bytes32[] is hashed as the
   * concatenation of its 32-byte elements (EIP-712 "Definition of encodeData").
   */
  public Bytes32 structHash() {
    ByteArrayOutputStream packedParents = new ByteArrayOutputStream();
    parents.forEach(parent -> packedParents.writeBytes(parent.bytes()));
    List<Type> fields =
        List.of(
            new org.web3j.abi.datatypes.generated.Bytes32(TYPEHASH),
            new org.web3j.abi.datatypes.Address(creator.value()),
            new org.web3j.abi.datatypes.generated.Bytes32(contentHash.bytes()),
            new org.web3j.abi.datatypes.generated.Bytes32(
                Hash.sha3(cid.getBytes(StandardCharsets.UTF_8))),
            new org.web3j.abi.datatypes.generated.Bytes32(metadataHash.bytes()),
            new org.web3j.abi.datatypes.generated.Bytes32(
                Hash.sha3(licence.getBytes(StandardCharsets.UTF_8))),
            new Bool(aiTraining),
            new org.web3j.abi.datatypes.generated.Bytes32(Hash.sha3(packedParents.toByteArray())),
            new Uint256(nonce),
            new Uint256(deadline));
    return Bytes32.of(
        Hash.sha3(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(fields))));
  }

  /** The EIP-712 digest under {@code domain}; the registry uses it as the work id. */
  public Bytes32 digest(Eip712Domain domain) {
    return domain.digest(structHash());
  }
}
