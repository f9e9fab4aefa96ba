package io.airm.node.cli;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.tx.ChainClient;
import io.airm.node.client.Allocation;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.RegistryProblemException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airm claim POOL --key HEX}: a creator claims their allocation on chain. */
@Command(
    name = "claim",
    description =
        "Claims the key's allocation in POOL: reads the amount and Merkle proof from the node,"
            + " checks them with RewardDistributor.verifyClaim, then sends the claim.")
final class ClaimCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The pool id")
  BigInteger pool;

  @Option(names = "--key", required = true, description = "The creator's key (hex or env:NAME)")
  String key;

  @Option(names = "--node", defaultValue = "http://127.0.0.1:8080", description = "Node URL")
  String node;

  @Option(names = "--rpc", description = "Chain RPC (default: the node's)")
  String rpc;

  @Option(names = "--distributor", description = "RewardDistributor (default: the node's)")
  String distributor;

  @Override
  public Integer call() {
    String privateKey = Keys.resolve(key);
    Address account = Address.parse(Credentials.create(privateKey).getAddress());
    Allocation allocation;
    try {
      allocation = RegistryClient.connect(node).poolAllocation(pool, account);
    } catch (RegistryProblemException e) {
      System.err.println("No claim: the node answered " + e.status() + ": " + e.detail());
      return 1;
    }
    long index = allocation.index();
    BigInteger amount = allocation.amount();
    List<Bytes32> proof = allocation.proof();
    NodeContracts contracts =
        NodeContracts.resolve(
            node,
            Optional.ofNullable(rpc),
            Optional.of("0x" + "0".repeat(40)),
            Optional.ofNullable(distributor));
    try (ChainClient chain = ChainClient.connect(contracts.rpcUrl());
        ChainWriter writer = new ChainWriter(chain, privateKey)) {
      var rewards = new RewardDistributorContract(chain, contracts.rewardDistributor());
      if (rewards.isClaimed(pool, index)) {
        System.out.println("Already claimed: leaf " + index + " of pool " + pool);
        return 0;
      }
      if (!rewards.verifyClaim(pool, index, account, amount, proof)) {
        System.err.println(
            "The chain does not accept the node's proof for " + amount + " to " + account);
        return 1;
      }
      if (!rewards.claimsOpen(pool)) {
        System.err.println(
            "Claims for pool " + pool + " are not open yet (challenge window, or not posted)");
        return 1;
      }
      var receipt =
          writer.send(
              rewards.address(),
              rewards.encodeClaim(pool, index, account, amount, proof),
              BigInteger.ZERO,
              "claim");
      System.out.println(
          "Claimed "
              + amount
              + " for "
              + account
              + " from pool "
              + pool
              + " in "
              + receipt.transactionHash());
      return 0;
    }
  }
}
