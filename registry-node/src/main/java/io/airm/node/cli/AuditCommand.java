package io.airm.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code airm audit}: whole-registry audits against the chain, one subcommand each. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Audits the registry against the chain: 'audit log' replays the whole log.",
    subcommands = {AuditLogCommand.class})
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
