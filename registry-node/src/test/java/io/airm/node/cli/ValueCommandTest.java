package io.airm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code airm value} on the shipped example, and {@code --check} catching a changed report. */
class ValueCommandTest {
  private static final String INPUT = "../valuation/examples/input.json";
  private static final String MODEL = "../valuation/examples/model.json";

  private static int airm(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return AirmCommand.commandLine().execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void value_thenCheck_verifies_andATamperedAmountFails(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.json");
    assertThat(airm("value", "--input", INPUT, "--model", MODEL, "--out", report.toString()))
        .isZero();
    assertThat(airm("value", "--check", report.toString(), "--with-input", INPUT)).isZero();

    String original = Files.readString(report);
    String amount = original.replaceFirst("(?s).*?\"amountWei\":\"(\\d+)\".*", "$1");
    String tampered =
        original.replaceFirst(
            "\"amountWei\":\"" + amount + "\"", "\"amountWei\":\"" + amount + "1\"");
    assertThat(tampered).isNotEqualTo(original);
    Files.writeString(report, tampered);
    assertThat(airm("value", "--check", report.toString(), "--with-input", INPUT)).isEqualTo(1);
  }

  @Test
  void check_ofAReportWhoseInputChanged_fails(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.json");
    assertThat(airm("value", "--input", INPUT, "--model", MODEL, "--out", report.toString()))
        .isZero();
    Path changed = dir.resolve("input.json");
    Files.writeString(
        changed,
        Files.readString(Path.of(INPUT))
            .replace("\"1000000000000000000\"", "\"2000000000000000000\""));
    assertThat(airm("value", "--check", report.toString(), "--with-input", changed.toString()))
        .isEqualTo(1);
  }
}
