package io.airm.node.cli;

import io.airm.node.audit.LogAuditor;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * An audit's progress on stderr: a bar redrawn in place on a terminal; elsewhere (a pipe, a CI log)
 * a plain ASCII line every few seconds, so that a log file gets a readable trail, not a wall of
 * carriage returns.
 */
final class ConsoleProgress implements LogAuditor.Progress, AutoCloseable {
  private static final int LOG_INTERVAL_MILLIS = 5_000;
  private static final int LOG_WIDTH = 100;

  private final PrintStream err;
  private final boolean terminal;
  private ProgressBar bar;
  private int checkpoints;

  /** Progress on {@code err}, drawn as a terminal's bar if {@code terminal}. */
  ConsoleProgress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** Progress on stderr, drawn as a bar if the process runs in a terminal. */
  static ConsoleProgress onStderr() {
    String term = System.getenv("TERM");
    return new ConsoleProgress(
        System.err, System.console() != null && !"dumb".equals(term) && term != null);
  }

  @Override
  public void started(long leaves, int checkpoints) {
    this.checkpoints = checkpoints;
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName("audit log")
            .setInitialMax(leaves)
            .setUnit(" leaves", 1)
            .showSpeed();
    if (terminal) {
      builder.setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(200);
    } else {
      builder
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new DelegatingProgressBarConsumer(err::println, LOG_WIDTH))
          .setUpdateIntervalMillis(LOG_INTERVAL_MILLIS);
    }
    bar = builder.build();
    bar.setExtraMessage(message(0));
  }

  @Override
  public void advanced(long leaves, int checkpointsVerified) {
    if (bar != null) {
      bar.stepTo(leaves);
      bar.setExtraMessage(message(checkpointsVerified));
    }
  }

  private String message(int verified) {
    return " " + verified + "/" + checkpoints + " checkpoints";
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
