package io.airm.node.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the web page's own JavaScript modules under Node ({@code src/test/web/agreement.mjs}, which
 * imports the sources the bundle is built from), for the tests that compare them with Java. The
 * Maven build installs their npm packages ({@code src/main/web/node_modules}) before the tests.
 */
final class WebModules {
  static final Path SCRIPT = Path.of("src/test/web/agreement.mjs");
  static final Path PACKAGES = Path.of("src/main/web/node_modules");

  private WebModules() {}

  /**
   * Runs {@code agreement.mjs} with {@code args}; its standard output, or a failure with stderr.
   */
  static String run(List<String> args, long timeoutSeconds) {
    if (!Files.isDirectory(PACKAGES)) {
      throw new AssertionError(
          PACKAGES.toAbsolutePath()
              + " is missing: build registry-node with Maven, which runs npm ci there first");
    }
    List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).start();
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
      byte[] out = drain(process.getInputStream());
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            command
                + " exited with "
                + process.exitValue()
                + ": "
                + new String(err.join(), StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run node (Node.js 20 or later must be on PATH)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while running " + command, e);
    }
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
