package io.airm.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code airm} command: run a node, register, verify, audit, name content, deploy. */
@Command(
    name = "airm",
    mixinStandardHelpOptions = true,
    version = "airm 0.1.0",
    description = "AIRM: a ledger-backed attribution registry for AI training data.",
    subcommands = {
      NodeCommand.class,
      RegisterCommand.class,
      VerifyCommand.class,
      AuditCommand.class,
      CidCommand.class,
      ValueCommand.class,
      AttesterCommand.class,
      AttestCommand.class,
      PoolCommand.class,
      ClaimCommand.class,
      DeployCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AirmCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != 0 || !NodeCommand.RUNNING.get()) {
      System.exit(code);
    }
  }

  /** The configured picocli command line (tests run it without exiting). */
  public static CommandLine commandLine() {
    return new CommandLine(new AirmCommand())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("error: " + e.getMessage());
              return 2;
            });
  }
}
