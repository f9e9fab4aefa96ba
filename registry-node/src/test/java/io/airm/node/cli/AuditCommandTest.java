package io.airm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code airm audit} is a parent of audits; {@code audit log} needs the auditor's own chain. */
class AuditCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine airm = AirmCommand.commandLine();
    airm.setOut(new PrintWriter(out, true));
    airm.setErr(new PrintWriter(err, true));
    return airm.execute(args);
  }

  @Test
  void auditHelp_listsTheLogAudit() {
    assertThat(run("audit", "--help")).isZero();

    assertThat(out.toString()).contains("Usage: airm audit").contains("log");
  }

  @Test
  void auditLog_withoutAnRpcEndpoint_isAUsageError() {
    assertThat(run("audit", "log", "--node", "http://127.0.0.1:1")).isEqualTo(2);

    assertThat(err.toString()).contains("Missing required option: '--rpc=<rpcUrl>'");
  }

  @Test
  void auditLog_withAnUnreachableNode_isAnError_notAFailedAudit() {
    assertThat(run("audit", "log", "--rpc", "http://127.0.0.1:1", "--node", "http://127.0.0.1:1"))
        .isEqualTo(2);

    assertThat(err.toString()).contains("error: Cannot reach the node at http://127.0.0.1:1");
  }
}
