package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Java client SDK" example is the code {@link SdkExampleIT} runs: the block between
 * its markers in README.md equals {@link RegisterAndAttest} between its markers, indentation aside.
 */
class ReadmeSdkExampleTest {
  private static final Path ROOT = Path.of(System.getProperty("airm.root", ".."));

  @Test
  void readmeExample_isTheTestedSource() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String source =
        Files.readString(ROOT.resolve("tests/src/test/java/io/airm/e2e/RegisterAndAttest.java"));

    List<String> inReadme =
        normalise(
            between(readme, "<!-- sdk-example:begin -->", "<!-- sdk-example:end -->", "README.md"));
    List<String> tested =
        normalise(between(source, "// sdk-example:begin", "// sdk-example:end", "the source"));

    assertThat(inReadme.get(0)).isEqualTo("```java");
    assertThat(inReadme.get(inReadme.size() - 1)).isEqualTo("```");
    assertThat(tested).hasSizeGreaterThan(20);
    assertThat(String.join("\n", inReadme.subList(1, inReadme.size() - 1)))
        .as("README.md's SDK example must be tests/.../RegisterAndAttest.java between its markers")
        .isEqualTo(String.join("\n", tested));
  }

  @Test
  void normalise_ignoresIndentationAndBlankEdges_only() {
    assertThat(normalise("\n    a\n      b\n\n    c  \n\n")).containsExactly("a", "  b", "", "c");
    assertThat(normalise("a\n b")).isNotEqualTo(normalise("a\nb"));
  }

  private static String between(String text, String begin, String end, String where) {
    int from = text.indexOf(begin);
    int to = text.indexOf(end, from + 1);
    assertThat(from).as(begin + " in " + where).isNotNegative();
    assertThat(to).as(end + " in " + where).isGreaterThan(from);
    return text.substring(from + begin.length(), to);
  }

  /**
   * Lines without trailing blanks, the common indentation removed, blank first and last dropped.
   */
  static List<String> normalise(String block) {
    List<String> lines = new ArrayList<>();
    for (String line : block.split("\r?\n", -1)) {
      lines.add(line.stripTrailing());
    }
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    int indent =
        lines.stream()
            .filter(l -> !l.isEmpty())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    lines.replaceAll(l -> l.isEmpty() ? l : l.substring(indent));
    return lines;
  }
}
