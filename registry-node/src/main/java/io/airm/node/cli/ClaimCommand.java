package io.airm.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.tx.ChainClient;
import io.airm.node.client.RegistryClient;
import java.math.BigInteger;
import java.util.ArrayList;
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
    RegistryClient client = new RegistryClient(node);
    RegistryClient.Answer answer = client.allocation(pool, account);
    if (answer.status() != 200) {
      System.err.println(
          "No claim: the node answered "
              + answer.status()
              + ": "
              + answer.body().path("detail").asText());
      return 1;
    }
    JsonNode allocation = answer.body();
    long index = allocation.path("index").asLong();
    BigInteger amount = new BigInteger(allocation.path("amount").asText());
    List<Bytes32> proof = new ArrayList<>();
    allocation.path("proof").forEach(p -> proof.add(Bytes32.parse(p.asText())));
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
