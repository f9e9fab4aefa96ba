package io.airm.chain.eip712;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The EIP-712 domain of a registry: its name and version, the chain id and the registry contract
 * that verifies. A signature made for one domain never verifies in another.
 */
public record Eip712Domain(
    String name, String version, BigInteger chainId, Address verifyingContract) {
  /**
   * The domain name of {@code WorkRegistry}, as its constructor passes it to OpenZeppelin's EIP712.
   */
  public static final String WORK_REGISTRY_NAME = "AIRM WorkRegistry";

  /** The domain version of {@code WorkRegistry}. */
  public static final String WORK_REGISTRY_VERSION = "1";

  private static final byte[] DOMAIN_TYPEHASH =
      Hash.sha3(
          "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
              .getBytes(StandardCharsets.UTF_8));

  public Eip712Domain {
    if (name == null || version == null) {
      throw new IllegalArgumentException("An EIP-712 domain needs a name and a version");
    }
    if (chainId == null || chainId.signum() <= 0) {
      throw new IllegalArgumentException(
          "An EIP-712 domain needs a positive chain id, not " + chainId);
    }
    if (verifyingContract == null) {
      throw new IllegalArgumentException("An EIP-712 domain needs a verifying contract");
    }
  }

  /**
   * The domain of the {@code WorkRegistry} deployed at {@code registry} on chain {@code chainId}.
   */
  public static Eip712Domain workRegistry(long chainId, Address registry) {
    return new Eip712Domain(
        WORK_REGISTRY_NAME, WORK_REGISTRY_VERSION, BigInteger.valueOf(chainId), registry);
  }

  /** hashStruct(EIP712Domain), the domain separator of EIP-712. */
  public Bytes32 separator() {
    List<Type> fields =
        List.of(
            new org.web3j.abi.datatypes.generated.Bytes32(DOMAIN_TYPEHASH),
            new org.web3j.abi.datatypes.generated.Bytes32(
                Hash.sha3(name.getBytes(StandardCharsets.UTF_8))),
            new org.web3j.abi.datatypes.generated.Bytes32(
                Hash.sha3(version.getBytes(StandardCharsets.UTF_8))),
            new Uint256(chainId),
            new org.web3j.abi.datatypes.Address(verifyingContract.value()));
    return Bytes32.of(
        Hash.sha3(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(fields))));
  }

  /** The digest that is signed: keccak256(0x1901 || domainSeparator || structHash). */
  public Bytes32 digest(Bytes32 structHash) {
    byte[] message = new byte[66];
    message[0] = 0x19;
    message[1] = 0x01;
    System.arraycopy(separator().bytes(), 0, message, 2, 32);
    System.arraycopy(structHash.bytes(), 0, message, 34, 32);
    return Bytes32.of(Hash.sha3(message));
  }
}
