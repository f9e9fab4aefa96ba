package io.airm.node.cli;

import io.airm.chain.eth.Address;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.registry.Erc20Contract;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.Receipt;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code airm pool fund}: an AI company creates and funds a reward pool from its own wallet. */
@Command(
    name = "pool",
    description = "Reward pools on RewardDistributor.",
    subcommands = {PoolCommand.Fund.class})
final class PoolCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "fund",
      description =
          "Funds a pool from the key's wallet: creates one for --attestation (its on-chain id) or"
              + " adds to --pool. ETH by default; --token pays an ERC-20 (approved first). The"
              + " node learns of the pool from the chain.")
  static final class Fund implements Callable<Integer> {
    @Option(names = "--key", required = true, description = "The funder's key (hex or env:NAME)")
    String key;

    @Option(names = "--amount", required = true, description = "Amount in wei (smallest unit)")
    BigInteger amount;

    @Option(names = "--attestation", description = "On-chain attestation id: create a pool")
    BigInteger attestation;

    @Option(names = "--pool", description = "An existing pool to add to")
    BigInteger pool;

    @Option(names = "--token", description = "ERC-20 token address (default: ETH)")
    String token;

    @Option(
        names = "--expiry",
        defaultValue = "P90D",
        description = "How long until unclaimed funds may be refunded (ISO-8601, default P90D)")
    Duration expiry;

    @Option(names = "--node", defaultValue = "http://127.0.0.1:8080", description = "Node URL")
    String node;

    @Option(names = "--rpc", description = "Chain RPC (default: the node's)")
    String rpc;

    @Option(names = "--distributor", description = "RewardDistributor (default: the node's)")
    String distributor;

    @Override
    public Integer call() {
      if ((attestation == null) == (pool == null)) {
        throw new IllegalArgumentException("Give exactly one of --attestation and --pool");
      }
      if (amount.signum() <= 0) {
        throw new IllegalArgumentException("--amount must be positive");
      }
      NodeContracts contracts =
          NodeContracts.resolve(
              node,
              Optional.ofNullable(rpc),
              Optional.of("0x" + "0".repeat(40)),
              Optional.ofNullable(distributor));
      Address tokenAddress =
          token == null ? Address.parse("0x" + "0".repeat(40)) : Address.parse(token.toLowerCase());
      boolean eth = token == null;
      try (ChainClient chain = ChainClient.connect(contracts.rpcUrl());
          ChainWriter writer = new ChainWriter(chain, Keys.resolve(key))) {
        var rewards = new RewardDistributorContract(chain, contracts.rewardDistributor());
        BigInteger poolId = pool;
        if (poolId == null) {
          long until = Instant.now().plus(expiry).getEpochSecond();
          Receipt created =
              writer.send(
                  rewards.address(),
                  rewards.encodeCreatePool(attestation, tokenAddress, until),
                  BigInteger.ZERO,
                  "createPool");
          for (ChainEvent event : writer.events(created.transactionHash())) {
            var decoded = RewardDistributorContract.PoolCreatedEvent.decode(event);
            if (decoded.isPresent()) {
              poolId = decoded.get().poolId();
            }
          }
          if (poolId == null) {
            throw new IllegalStateException("createPool mined without a PoolCreated event");
          }
          System.out.println("Created pool " + poolId + " in " + created.transactionHash());
        }
        if (!eth) {
          var erc20 = new Erc20Contract(chain, tokenAddress);
          writer.send(
              tokenAddress,
              erc20.encodeApprove(rewards.address(), amount),
              BigInteger.ZERO,
              "approve");
        }
        Receipt funded =
            writer.send(
                rewards.address(),
                rewards.encodeFund(poolId, amount),
                eth ? amount : BigInteger.ZERO,
                "fund");
        System.out.println(
            "Funded pool " + poolId + " with " + amount + " in " + funded.transactionHash());
        return 0;
      }
    }
  }
}
