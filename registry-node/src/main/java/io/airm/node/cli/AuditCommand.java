package io.airm.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code airm audit}: recompute what the node claims from the chain and IPFS alone. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Audits the registry against the chain: 'audit log' replays the whole log, 'audit pool'"
            + " recomputes a pool's settlement from the chain and IPFS alone.",
    subcommands = {AuditLogCommand.class, AuditPoolCommand.class})
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
