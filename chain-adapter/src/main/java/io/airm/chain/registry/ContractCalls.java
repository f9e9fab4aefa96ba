package io.airm.chain.registry;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** What every contract class here does with web3j: read-only loading, calls, deployment. */
final class ContractCalls {
  /** anvil's and Hardhat's chain id. */
  private static final long LOCAL_CHAIN_ID = 31337;

  private ContractCalls() {}

  /** The generated wrappers' {@code deploy(web3j, manager, gas, constructor args…)}. */
  @FunctionalInterface
  interface DeployCall<C extends Contract> {
    RemoteCall<C> deploy(Web3j web3j, TransactionManager manager, ContractGasProvider gas);
  }

  /** The generated wrappers' {@code load(address, web3j, manager, gas)}. */
  @FunctionalInterface
  interface Loader<C extends Contract> {
    C load(String address, Web3j web3j, TransactionManager manager, ContractGasProvider gas);
  }

  /** The wrapper at {@code address} for eth_call reads and call-data encoding; it never signs. */
  static <C extends Contract> C readOnly(ChainClient chain, Address address, Loader<C> loader) {
    if (chain == null || address == null) {
      throw new IllegalArgumentException("A contract needs a chain client and an address");
    }
    return loader.load(
        address.value(),
        chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), Address.ZERO.value()),
        new DefaultGasProvider());
  }

  /** Runs an eth_call (or any web3j remote call), naming the contract and the call on failure. */
  static <T> T call(String contract, String what, RemoteCall<T> call) {
    try {
      return call.send();
    } catch (Exception e) {
      throw new ChainException(contract + " " + what + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Deploys a contract from {@code deployer} with a fixed gas limit and fees from {@code fees};
   * waits for the receipt, polling every 100 ms for up to two minutes on a local chain (id 31337),
   * every second for up to thirty minutes elsewhere: a public chain's blocks are slower and its RPC
   * providers limit request rates, and giving up early would make a rerun deploy twice.
   */
  static <C extends Contract> Deployment deploy(
      ChainClient chain,
      Credentials deployer,
      FeePolicy fees,
      long gasLimit,
      String contract,
      DeployCall<C> deployCall) {
    long chainId = chain.chainId();
    var receipts =
        chainId == LOCAL_CHAIN_ID
            ? new PollingTransactionReceiptProcessor(chain.web3j(), 100, 1200)
            : new PollingTransactionReceiptProcessor(chain.web3j(), 1000, 1800);
    var manager = new RawTransactionManager(chain.web3j(), deployer, chainId, receipts);
    BigInteger maxFee = fees.maxFeePerGas(chain.latestBaseFee());
    var gas =
        new StaticEIP1559GasProvider(
            chainId, maxFee, fees.maxPriorityFeePerGas(maxFee), BigInteger.valueOf(gasLimit));
    C deployed = call(contract, "deployment", deployCall.deploy(chain.web3j(), manager, gas));
    TransactionReceipt receipt =
        deployed
            .getTransactionReceipt()
            .orElseThrow(
                () ->
                    new ChainException(
                        "web3j returned no receipt for the " + contract + " deployment"));
    return new Deployment(
        Address.parse(deployed.getContractAddress()),
        receipt.getBlockNumber().longValueExact(),
        Bytes32.parse(receipt.getTransactionHash()));
  }

  /**
   * A uint64 timestamp as Java seconds. Values past {@code Long.MAX_VALUE} (year 292 billion) read
   * as {@code Long.MAX_VALUE}: for a deadline or expiry that still means "never".
   */
  static long seconds(BigInteger value) {
    return value.bitLength() < 64 ? value.longValueExact() : Long.MAX_VALUE;
  }

  /** Checks that {@code value} fits an unsigned ABI integer of {@code bits}, naming it if not. */
  static BigInteger unsigned(String name, BigInteger value, int bits) {
    if (value == null || value.signum() < 0 || value.bitLength() > bits) {
      throw new IllegalArgumentException(name + " must fit in uint" + bits + ", not " + value);
    }
    return value;
  }

  /** {@link #unsigned(String, BigInteger, int)} for a Java long, which must not be negative. */
  static BigInteger unsigned(String name, long value, int bits) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, not " + value);
    }
    return unsigned(name, BigInteger.valueOf(value), bits);
  }
}
