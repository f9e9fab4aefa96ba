package io.airm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Off a terminal, the progress is plain lines: no carriage returns, no escape codes. */
class ConsoleProgressTest {
  @Test
  void offATerminal_progressIsPlainAsciiLines_endingWithTheFinalCount() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ConsoleProgress progress =
        new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)) {
      progress.started(2_000, 3);
      progress.advanced(1_000, 1);
      progress.advanced(2_000, 3);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);

    assertThat(text).contains("audit log").contains("2000/2000").contains("3/3 checkpoints");
    assertThat(text).doesNotContain("\r").doesNotContain("\u001b");
    assertThat(text.chars().allMatch(c -> c < 128)).as(text).isTrue();
    assertThat(text).endsWith(System.lineSeparator());
  }
}
