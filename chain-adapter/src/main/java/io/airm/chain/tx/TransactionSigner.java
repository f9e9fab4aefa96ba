package io.airm.chain.tx;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Builds and signs EIP-1559 contract calls for one key. It only signs: storing the result before
 * broadcasting it is the caller's job, which is what makes a crash harmless.
 */
public final class TransactionSigner {
  private final ChainRpc chain;
  private final Credentials key;
  private final FeePolicy fees;
  private final long chainId;

  /** A signer for {@code key} on {@code chain}; reads the chain id once. */
  public TransactionSigner(ChainClient chain, Credentials key, FeePolicy fees) {
    this((ChainRpc) chain, key, fees);
  }

  /** A signer for {@code key} on any {@link ChainRpc}; reads the chain id once. */
  public TransactionSigner(ChainRpc chain, Credentials key, FeePolicy fees) {
    this.chain = chain;
    this.key = key;
    this.fees = fees;
    this.chainId = chain.chainId();
  }

  /** The fee policy this signer follows. */
  public FeePolicy fees() {
    return fees;
  }

  /** The chain id signed into every transaction. */
  public long chainId() {
    return chainId;
  }

  /** The sender's address. */
  public Address address() {
    return Address.parse(key.getAddress());
  }

  /**
   * Signs a call of {@code data} on {@code to} with {@code nonce}: gas is estimated with a 25%
   * margin, fees follow the {@link FeePolicy} and its caps.
   */
  public SignedTransaction signCall(Address to, String data, BigInteger nonce) {
    BigInteger estimate = chain.estimateGas(address(), to, data);
    BigInteger gasLimit = estimate.multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4));
    BigInteger maxFee = fees.maxFeePerGas(chain.latestBaseFee());
    BigInteger tip = fees.maxPriorityFeePerGas(maxFee);
    RawTransaction raw =
        RawTransaction.createTransaction(
            chainId, nonce, gasLimit, to.value(), BigInteger.ZERO, data, tip, maxFee);
    // an EIP-1559 transaction carries its chain id inside the signed payload
    byte[] signed = TransactionEncoder.signMessage(raw, key);
    return new SignedTransaction(
        Bytes32.of(Hash.sha3(signed)), Numeric.toHexString(signed), address(), nonce);
  }

  /**
   * Signs exactly what it is given: a call of {@code data} on {@code to} sending {@code value} wei,
   * with {@code nonce}, {@code gasLimit} and {@code txFees}, which must keep within the {@link
   * FeePolicy} caps.
   */
  public SignedTransaction sign(
      Address to,
      String data,
      BigInteger value,
      BigInteger nonce,
      BigInteger gasLimit,
      Eip1559Fees txFees) {
    if (txFees.maxFeePerGas().compareTo(fees.maxFeeCapWei()) > 0) {
      throw new IllegalArgumentException(
          "The max fee "
              + txFees.maxFeePerGas()
              + " wei exceeds the fee policy's cap of "
              + fees.maxFeeCapWei()
              + " wei");
    }
    RawTransaction raw =
        RawTransaction.createTransaction(
            chainId,
            nonce,
            gasLimit,
            to.value(),
            value,
            data,
            txFees.maxPriorityFeePerGas(),
            txFees.maxFeePerGas());
    byte[] signed = TransactionEncoder.signMessage(raw, key);
    return new SignedTransaction(
        Bytes32.of(Hash.sha3(signed)), Numeric.toHexString(signed), address(), nonce);
  }
}
