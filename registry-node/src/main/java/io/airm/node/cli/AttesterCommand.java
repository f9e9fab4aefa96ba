package io.airm.node.cli;

import io.airm.chain.eth.Address;
import io.airm.chain.registry.UsageAttestationsContract;
import io.airm.chain.tx.ChainClient;
import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airm attester grant ACCOUNT --key ADMIN_KEY}: the admin grants ATTESTER_ROLE on chain. */
@Command(
    name = "attester",
    description = "Manages AI companies' attester role on UsageAttestations.",
    subcommands = {AttesterCommand.Grant.class})
final class AttesterCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "grant",
      description = "Grants ATTESTER_ROLE to ACCOUNT, signed with the contracts' admin key.")
  static final class Grant implements Callable<Integer> {
    @Parameters(index = "0", description = "The AI company's account (0x + 40 hex)")
    String account;

    @Option(
        names = "--key",
        required = true,
        description = "The admin's private key (hex); prefer AIRM_KEY=… and --key env:AIRM_KEY")
    String key;

    @Option(names = "--node", defaultValue = "http://127.0.0.1:8080", description = "Node URL")
    String node;

    @Option(names = "--rpc", description = "Chain RPC (default: the node's)")
    String rpc;

    @Option(names = "--attestations", description = "UsageAttestations (default: the node's)")
    String attestations;

    @Override
    public Integer call() {
      NodeContracts contracts =
          NodeContracts.resolve(
              node,
              Optional.ofNullable(rpc),
              Optional.ofNullable(attestations),
              Optional.of("0x" + "0".repeat(40)));
      Address attester = Address.parse(account.toLowerCase());
      try (ChainClient chain = ChainClient.connect(contracts.rpcUrl());
          ChainWriter writer = new ChainWriter(chain, Keys.resolve(key))) {
        var contract = new UsageAttestationsContract(chain, contracts.usageAttestations());
        if (contract.isAttester(attester)) {
          System.out.println(attester + " already holds ATTESTER_ROLE");
          return 0;
        }
        var receipt =
            writer.send(
                contract.address(),
                contract.encodeGrantAttester(attester),
                BigInteger.ZERO,
                "grant ATTESTER_ROLE");
        System.out.println(
            "Granted ATTESTER_ROLE to " + attester + " in " + receipt.transactionHash());
        return 0;
      }
    }
  }
}
