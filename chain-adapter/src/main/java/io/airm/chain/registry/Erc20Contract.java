package io.airm.chain.registry;

import io.airm.chain.contracts.DevToken;
import io.airm.chain.eth.Address;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteCall;

/**
 * An ERC-20 token at one address: balances and allowances by eth_call, the call data of {@code
 * approve} and {@code transfer}, and for the dev token ({@code contracts/src/dev/DevToken.sol})
 * {@code mint} and deployment. Any standard ERC-20 can be read through it; it is addressed through
 * the DevToken wrapper, whose ERC-20 functions are the standard ones.
 */
public final class Erc20Contract {
  private static final String NAME = "ERC-20";
  private static final long DEPLOY_GAS_LIMIT = 2_000_000L;

  private final ChainClient chain;
  private final Address address;
  private final DevToken contract;

  /** The token deployed at {@code address}; reads go through {@code chain}. */
  public Erc20Contract(ChainClient chain, Address address) {
    this.chain = chain;
    this.address = address;
    this.contract = ContractCalls.readOnly(chain, address, DevToken::load);
  }

  /**
   * Deploys a new DevToken ("AIRM Dev Token", ADT, 18 decimals, minting open to anyone) from {@code
   * deployer} and waits for the receipt. Dev and test chains only: the token is worthless by
   * design.
   */
  public static Deployment deployDevToken(ChainClient chain, Credentials deployer) {
    return ContractCalls.deploy(
        chain, deployer, FeePolicy.defaults(), DEPLOY_GAS_LIMIT, "DevToken", DevToken::deploy);
  }

  /** The token's address. */
  public Address address() {
    return address;
  }

  /** Whether code is deployed at this address. */
  public boolean isDeployed() {
    return chain.hasCode(address);
  }

  /** The balance of {@code account}, in the token's smallest unit. */
  public BigInteger balanceOf(Address account) {
    return call("balanceOf(" + account + ")", contract.balanceOf(account.value()));
  }

  /** How much {@code spender} may still transfer from {@code owner}. */
  public BigInteger allowance(Address owner, Address spender) {
    return call(
        "allowance(" + owner + ", " + spender + ")",
        contract.allowance(owner.value(), spender.value()));
  }

  /** The number of decimals the token's amounts are shown with. */
  public int decimals() {
    return call("decimals()", contract.decimals()).intValueExact();
  }

  /** The call data of {@code approve(spender, amount)}: the sender allows {@code spender}. */
  public String encodeApprove(Address spender, BigInteger amount) {
    return contract
        .approve(spender.value(), ContractCalls.unsigned("amount", amount, 256))
        .encodeFunctionCall();
  }

  /** The call data of {@code transfer(to, amount)} from the sender. */
  public String encodeTransfer(Address to, BigInteger amount) {
    return contract
        .transfer(to.value(), ContractCalls.unsigned("amount", amount, 256))
        .encodeFunctionCall();
  }

  /**
   * The call data of DevToken's {@code mint(to, amount)}, which anyone may send. A token without
   * that function reverts it.
   */
  public String encodeMint(Address to, BigInteger amount) {
    return contract
        .mint(to.value(), ContractCalls.unsigned("amount", amount, 256))
        .encodeFunctionCall();
  }

  private <T> T call(String what, RemoteCall<T> call) {
    return ContractCalls.call(NAME + " " + address, what, call);
  }
}
