package io.airm.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.Valuation;
import io.airm.valuation.ValuationException;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ScoringModel;
import io.airm.valuation.report.ValuationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code airm value}: runs a valuation, or checks a report by recomputing it. */
@Command(
    name = "value",
    description =
        "Values works from an input document and prints the report (canonical JSON), or, with"
            + " --check, recomputes a report from the inputs it names and exits non-zero on any"
            + " difference.")
final class ValueCommand implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  Mode mode;

  static final class Mode {
    @Option(names = "--input", description = "The valuation input document (JSON)")
    Path input;

    @Option(names = "--check", description = "A report to recompute and compare")
    Path check;
  }

  @Option(names = "--model", description = "The scoring model (default: the published model)")
  Path model;

  @Option(
      names = "--with-input",
      description = "With --check: the input document, if not where the report names it")
  Path withInput;

  @Option(names = "--threads", description = "Worker threads (the result never depends on it)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--out", description = "Write the report here instead of printing it")
  Path out;

  @Override
  public Integer call() throws IOException {
    try {
      return mode.check != null ? check() : run();
    } catch (ValuationException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private int run() throws IOException {
    ScoringModel scoringModel =
        model == null ? ScoringModel.defaultModel() : ScoringModel.read(model);
    ValuationInput input = ValuationInput.read(mode.input);
    ValuationReport report =
        Valuation.run(input, scoringModel, threads, mode.input.toString().replace('\\', '/'));
    if (out != null) {
      Files.write(out, report.bytes());
      System.err.println("report " + report.sha256() + " written to " + out);
    } else {
      System.out.println(CanonicalJson.write(report.json()));
    }
    return 0;
  }

  private int check() throws IOException {
    JsonNode stored = CanonicalJson.MAPPER.readTree(Files.readAllBytes(mode.check));
    if (!stored.isObject()) {
      throw new ValuationException(mode.check + " is not a valuation report");
    }
    ScoringModel scoringModel = ScoringModel.parse(stored.path("model").path("document"));
    if (!scoringModel.sha256().equals(stored.path("model").path("sha256").asText())) {
      System.err.println(
          "NOT VERIFIED: the model document in the report hashes to "
              + scoringModel.sha256()
              + ", not the "
              + stored.path("model").path("sha256").asText()
              + " it names");
      return 1;
    }
    String uri = stored.path("input").path("uri").asText();
    Path inputFile = withInput;
    if (inputFile == null) {
      Path besideReport = mode.check.toAbsolutePath().getParent().resolve(uri);
      inputFile = Files.exists(Path.of(uri)) ? Path.of(uri) : besideReport;
    }
    ValuationInput input = ValuationInput.read(inputFile);
    String expectedInput = stored.path("input").path("sha256").asText();
    if (!input.sha256().equals(expectedInput)) {
      System.err.println(
          "NOT VERIFIED: the input "
              + inputFile
              + " hashes to "
              + input.sha256()
              + ", but the report was computed from "
              + expectedInput);
      return 1;
    }
    ValuationReport recomputed = Valuation.run(input, scoringModel, threads, uri);
    String difference =
        ValuationReport.firstDifference(stored, (ObjectNode) recomputed.json(), "$");
    if (difference != null) {
      System.err.println(
          "NOT VERIFIED: the recomputed report differs at "
              + difference
              + ": the report says "
              + at(stored, difference)
              + ", the recomputation gives "
              + at(recomputed.json(), difference));
      return 1;
    }
    byte[] bytes = Files.readAllBytes(mode.check);
    boolean canonical =
        java.util.Arrays.equals(bytes, recomputed.bytes())
            || java.util.Arrays.equals(
                java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length - 1)), recomputed.bytes());
    System.out.println(
        "VERIFIED: report "
            + recomputed.sha256()
            + " recomputed from input "
            + input.sha256()
            + " and model "
            + scoringModel.version()
            + " ("
            + scoringModel.sha256()
            + ")"
            + (canonical ? "" : "; the file is not in canonical form but its content matches"));
    return 0;
  }

  private static String at(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.substring(1).split("(?=[.\\[])")) {
      if (part.isEmpty() || node == null) {
        continue;
      }
      node =
          part.startsWith("[")
              ? node.get(Integer.parseInt(part.substring(1, part.length() - 1)))
              : node.get(part.substring(1));
    }
    return node == null ? "nothing" : node.toString();
  }
}
