package io.airm.chain.tx;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.ChainEvent;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * One JSON-RPC endpoint of an EVM chain. Every call either answers or throws a {@link
 * ChainException} that names the endpoint and the method; nothing here retries on its own.
 */
public final class ChainClient implements ChainRpc, AutoCloseable {
  private final String rpcUrl;
  private final Web3j web3j;

  private ChainClient(String rpcUrl, Web3j web3j) {
    this.rpcUrl = rpcUrl;
    this.web3j = web3j;
  }

  /** Connects to {@code rpcUrl} (http or https) with short timeouts suited to a local node. */
  public static ChainClient connect(String rpcUrl) {
    if (rpcUrl == null || !rpcUrl.matches("https?://.+")) {
      throw new ChainException("The chain RPC URL must be an http(s) URL, not " + rpcUrl);
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .writeTimeout(Duration.ofSeconds(30))
            .build();
    return new ChainClient(rpcUrl, Web3j.build(new HttpService(rpcUrl, http)));
  }

  /** The endpoint's URL. */
  public String rpcUrl() {
    return rpcUrl;
  }

  /** The web3j handle, for the generated contract wrappers in this module. */
  public Web3j web3j() {
    return web3j;
  }

  /** eth_chainId. */
  @Override
  public long chainId() {
    return call("eth_chainId", () -> web3j.ethChainId().send()).getChainId().longValueExact();
  }

  /** eth_blockNumber. */
  @Override
  public long blockNumber() {
    return call("eth_blockNumber", () -> web3j.ethBlockNumber().send())
        .getBlockNumber()
        .longValueExact();
  }

  /** The hash of the canonical block at {@code number}, if the chain has reached it. */
  public Optional<Bytes32> blockHash(long number) {
    EthBlock.Block block =
        call(
                "eth_getBlockByNumber",
                () ->
                    web3j
                        .ethGetBlockByNumber(
                            DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                        .send())
            .getBlock();
    return Optional.ofNullable(block).map(b -> Bytes32.parse(b.getHash()));
  }

  /** The base fee per gas of the latest block (zero on a chain without EIP-1559). */
  @Override
  public BigInteger latestBaseFee() {
    EthBlock.Block block =
        call(
                "eth_getBlockByNumber",
                () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
            .getBlock();
    return block == null || block.getBaseFeePerGasRaw() == null
        ? BigInteger.ZERO
        : block.getBaseFeePerGas();
  }

  /** The next nonce of {@code account}, counting transactions still in the pool. */
  @Override
  public BigInteger pendingNonce(Address account) {
    return call(
            "eth_getTransactionCount",
            () ->
                web3j
                    .ethGetTransactionCount(account.value(), DefaultBlockParameterName.PENDING)
                    .send())
        .getTransactionCount();
  }

  /** The nonce of {@code account} counting mined transactions only. */
  @Override
  public BigInteger latestNonce(Address account) {
    return call(
            "eth_getTransactionCount",
            () ->
                web3j
                    .ethGetTransactionCount(account.value(), DefaultBlockParameterName.LATEST)
                    .send())
        .getTransactionCount();
  }

  /** eth_estimateGas for a call of {@code data} on {@code to} from {@code from}. */
  @Override
  public BigInteger estimateGas(Address from, Address to, String data) {
    Transaction call = Transaction.createEthCallTransaction(from.value(), to.value(), data);
    return call("eth_estimateGas", () -> web3j.ethEstimateGas(call).send()).getAmountUsed();
  }

  /**
   * eth_estimateGas for a call of {@code data} on {@code to} from {@code from} sending {@code
   * value} wei.
   */
  @Override
  public BigInteger estimateGas(Address from, Address to, String data, BigInteger value) {
    Transaction call =
        Transaction.createFunctionCallTransaction(
            from.value(), null, null, null, to.value(), value, data);
    return call("eth_estimateGas", () -> web3j.ethEstimateGas(call).send()).getAmountUsed();
  }

  /** The balance of {@code account} in wei, at the latest block. */
  public BigInteger balance(Address account) {
    return call(
            "eth_getBalance",
            () -> web3j.ethGetBalance(account.value(), DefaultBlockParameterName.LATEST).send())
        .getBalance();
  }

  /** Whether a contract's code is deployed at {@code address}. */
  public boolean hasCode(Address address) {
    String code =
        call(
                "eth_getCode",
                () -> web3j.ethGetCode(address.value(), DefaultBlockParameterName.LATEST).send())
            .getCode();
    return code != null && code.length() > 2;
  }

  /**
   * Broadcasts the stored bytes of {@code tx}. Broadcasting the same bytes again is safe: the node
   * answers that it knows them, or that their nonce is used (mined, or replaced).
   */
  @Override
  public BroadcastOutcome broadcast(SignedTransaction tx) {
    EthSendTransaction sent;
    try {
      sent = web3j.ethSendRawTransaction(tx.rawHex()).send();
    } catch (IOException e) {
      throw new ChainException(
          "Could not reach " + rpcUrl + " to broadcast transaction " + tx.hash(), e);
    }
    if (!sent.hasError()) {
      return BroadcastOutcome.ACCEPTED;
    }
    String message = sent.getError().getMessage();
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (lower.contains("already known") || lower.contains("already imported")) {
      return BroadcastOutcome.ACCEPTED;
    }
    if (lower.contains("nonce too low") || lower.contains("nonce has already been used")) {
      return BroadcastOutcome.NONCE_ALREADY_USED;
    }
    throw new ChainException(
        "The chain at " + rpcUrl + " refused transaction " + tx.hash() + ": " + message);
  }

  /** The receipt of {@code txHash}, with its logs, once it is mined. */
  @Override
  public Optional<Receipt> receipt(Bytes32 txHash) {
    Optional<TransactionReceipt> receipt =
        call("eth_getTransactionReceipt", () -> web3j.ethGetTransactionReceipt(txHash.hex()).send())
            .getTransactionReceipt();
    return receipt.map(
        r ->
            new Receipt(
                Bytes32.parse(r.getTransactionHash()),
                r.getBlockNumber().longValueExact(),
                Bytes32.parse(r.getBlockHash()),
                r.isStatusOK(),
                r.getGasUsed().longValueExact(),
                r.getLogs().stream().map(ChainEvent::fromLog).toList()));
  }

  private <T extends Response<?>> T call(String method, RpcCall<T> rpc) {
    T response;
    try {
      response = rpc.send();
    } catch (IOException e) {
      throw new ChainException("Could not reach " + rpcUrl + " for " + method + ": " + e, e);
    }
    if (response.hasError()) {
      throw new ChainException(
          method + " at " + rpcUrl + " failed: " + response.getError().getMessage());
    }
    return response;
  }

  @Override
  public void close() {
    web3j.shutdown();
  }

  @FunctionalInterface
  private interface RpcCall<T> {
    T send() throws IOException;
  }
}
