package io.airm.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain stays free of frameworks: no web3j, Javalin, JDBC or Jackson type in it. */
class ArchitectureTest {
  private static final Path DOMAIN = Path.of("src/main/java/io/airm/node/domain");
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "^import\\s+(static\\s+)?(org\\.web3j|io\\.javalin|java\\.sql|javax\\.sql"
              + "|com\\.fasterxml|org\\.flywaydb|com\\.zaxxer|org\\.eclipse\\.jetty)\\b.*",
          Pattern.MULTILINE);

  @Test
  void domainImportsNoFrameworkType() throws IOException {
    assertThat(DOMAIN).isDirectory();
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(DOMAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        var matcher = FORBIDDEN.matcher(Files.readString(file));
        while (matcher.find()) {
          violations.add(file.getFileName() + ": " + matcher.group().trim());
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void theCheckCatchesAForbiddenImport() {
    assertThat(FORBIDDEN.matcher("import org.web3j.crypto.Hash;").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import java.sql.Connection;").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import io.airm.chain.eth.Bytes32;").find()).isFalse();
  }
}
