package io.airm.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A third-party verifying client, {@code @helia/verified-fetch} on Node, fetches registered content
 * with this node as its only trustless gateway and no routing: it checks every block itself, so the
 * bytes it returns prove the gateway speaks the spec.
 */
class VerifiedFetchIT {
  private static final Path JS = Path.of("src/test/js");

  @TempDir Path dir;
  private GatewayHarness node;

  /** {@code npm ci}, only when the lock file changed since the last install (a stamp of it). */
  @BeforeAll
  static void installClient() throws Exception {
    String lockHash = sha256(Files.readAllBytes(JS.resolve("package-lock.json")));
    Path stamp = JS.resolve("node_modules/.airm-lock-sha256");
    if (Files.exists(stamp) && Files.readString(stamp).strip().equals(lockHash)) {
      return;
    }
    run(List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
    Files.writeString(stamp, lockHash);
  }

  @BeforeEach
  void start() {
    node = new GatewayHarness(dir);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @ParameterizedTest(name = "{0} bytes, CIDv0={1}")
  @CsvSource({
    "1000, true", // a single dag-pb block
    "1000, false", // a single raw block
    "1200000, true", // a root over dag-pb leaves
    "1200000, false", // a root over raw leaves
    "50000000, false" // two levels: more than 174 leaves under the root
  })
  void verifiedFetch_throughTheGateway_returnsTheRegisteredBytes(int size, boolean v0)
      throws Exception {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Path file = dir.resolve("work.bin");
    Files.write(file, bytes);
    String cid = node.register(file, v0);

    String printed = run(List.of("node", "fetch.mjs", node.url, cid), 120);

    assertThat(printed.strip()).isEqualTo(sha256(bytes));
  }

  private static String run(List<String> command, long timeoutSeconds) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(JS.toFile()).redirectErrorStream(true).start();
    var output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command + " did not finish in " + timeoutSeconds + " s");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(command + " exited " + process.exitValue() + ":\n" + text);
    }
    // The hash is the last line; anything before it is the client's own logging.
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
