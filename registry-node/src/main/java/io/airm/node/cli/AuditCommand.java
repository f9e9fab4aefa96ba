package io.airm.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code airm audit}: recompute what the node claims from the chain and IPFS alone. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Audits the registry from the chain and IPFS alone, trusting no node.",
    subcommands = {AuditPoolCommand.class})
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
