package io.airm.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Imports a 1 GiB stream, generated on the fly, in a separate JVM whose heap is a few dozen MiB: if
 * anything buffered the file, the child would die of {@link OutOfMemoryError}. The CIDv0 is also
 * checked against /usr/bin/ipfs_cid's value for the same bytes.
 */
class BoundedMemoryTest {

  /** Far below the 1 GiB imported, far above one 256 KiB chunk and its blocks. */
  private static final String HEAP = "-Xmx48m";

  @Test
  void oneGibibyte_importsInASmallHeap_withKubosCid() throws Exception {
    String[] vector = readVector();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                vector[1],
                vector[0])
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream in = child.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(child.exitValue()).as("child output:%n%s", output).isZero();
    assertThat(output.lines().filter(line -> line.startsWith("result ")))
        .containsExactly("result " + String.join(" ", vector[0], vector[2], vector[3], vector[4]));
  }

  private static String[] readVector() throws IOException {
    try (InputStream in =
            Objects.requireNonNull(
                BoundedMemoryTest.class.getResourceAsStream("kubo-default-cids-1gib.tsv"));
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> rows = reader.lines().filter(line -> !line.startsWith("#")).toList();
      assertThat(rows).hasSize(1);
      return rows.get(0).split("\t");
    }
  }

  /** Runs in the child JVM: imports the generated stream and prints what it found. */
  static final class Child {
    public static void main(String[] args) throws IOException {
      long seed = Long.parseLong(args[0]);
      long size = Long.parseLong(args[1]);
      ContentIdentity identity = UnixFsImporter.identify(new SplitMix64InputStream(seed, size));
      System.out.println(
          "result "
              + String.join(
                  " ",
                  Long.toString(identity.size()),
                  identity.sha256Hex(),
                  identity.cidV0().toString(),
                  identity.cidV0().toV1().toString()));
    }
  }
}
