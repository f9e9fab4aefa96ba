package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.node.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is {@link NodeConfig#KEYS}: the same keys both ways, and every
 * key with a default shows that default.
 */
class ReadmeConfigurationTableTest {
  private static final Path ROOT = Path.of(System.getProperty("airm.root", ".."));
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\|([^|]*)\\|");

  @Test
  void readmeTable_listsEveryKey_withItsDefault() throws IOException {
    Map<String, String> readme = table(Files.readString(ROOT.resolve("README.md")));
    Map<String, String> code = new LinkedHashMap<>();
    Arrays.stream(NodeConfig.KEYS).forEach(row -> code.put(row[0], row[1]));

    assertThat(readme.keySet())
        .as("keys in the README's configuration table vs NodeConfig.KEYS")
        .containsExactlyInAnyOrderElementsOf(code.keySet());
    code.forEach(
        (key, value) -> {
          if (!value.isEmpty()) {
            assertThat(readme.get(key)).as("README default of " + key).isEqualTo("`" + value + "`");
          }
        });
  }

  /** The rows of the table under "## Configuration": key → default cell. */
  static Map<String, String> table(String readme) {
    int start = readme.indexOf("\n## Configuration\n");
    assertThat(start).as("README.md has a Configuration section").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        assertThat(rows.put(m.group(1), m.group(2).trim())).as("row of " + m.group(1)).isNull();
      }
    }
    return rows;
  }

  @Test
  void table_readsKeyAndDefault_andIgnoresOtherTables() {
    String readme =
        "| `x.y` | `1` | no |\n## Configuration\n\n| key | default | meaning |\n|---|---|---|\n"
            + "| `a.b-c` | `PT2S` | one |\n| `d` | (none) | two |\n## Next\n| `e` | `3` | x |\n";
    assertThat(table(readme))
        .containsExactly(Map.entry("a.b-c", "`PT2S`"), Map.entry("d", "(none)"));
  }
}
