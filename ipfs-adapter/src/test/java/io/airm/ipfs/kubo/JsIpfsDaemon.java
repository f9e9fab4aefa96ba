package io.airm.ipfs.kubo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real js-ipfs daemon (npm {@code ipfs}, Kubo-RPC compatible) for integration tests: installs the
 * pinned harness in {@code src/test/js-ipfs} with {@code npm ci} when needed, initialises a
 * repository in a temporary directory, starts {@code jsipfs daemon --offline} on free loopback
 * ports, and waits until {@code /api/v0/version} answers. {@link #close()} stops it and deletes the
 * repository.
 *
 * <p>Nothing is skipped: without Node.js or npm the start fails with a message saying what to
 * install.
 */
public final class JsIpfsDaemon implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JsIpfsDaemon.class);

  /** Same stamp as contracts/scripts/npm-ci-if-needed.sh: the SHA-256 of the installed lock. */
  private static final String STAMP = "node_modules/.airm-lock-sha256";

  private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path repo;
  private final Path log;
  private final URI apiUrl;

  private JsIpfsDaemon(Process process, Path repo, Path log, URI apiUrl) {
    this.process = process;
    this.repo = repo;
    this.log = log;
    this.apiUrl = apiUrl;
  }

  /** Installs the harness if needed and starts a daemon, returning once its API answers. */
  public static JsIpfsDaemon start() throws IOException, InterruptedException {
    Path harness = harnessDirectory();
    requireNode();
    npmCiIfNeeded(harness);
    Path repo = Files.createTempDirectory("airm-js-ipfs-");
    Path log = repo.resolveSibling(repo.getFileName() + ".log");
    int apiPort = freePort();
    int gatewayPort = freePort();
    int rpcPort = freePort();
    Process process =
        new ProcessBuilder(
                "node",
                harness.resolve("start-offline-daemon.cjs").toString(),
                repo.resolve("repo").toString(),
                Integer.toString(apiPort),
                Integer.toString(gatewayPort),
                Integer.toString(rpcPort))
            .directory(harness.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    URI apiUrl = URI.create("http://127.0.0.1:" + apiPort);
    JsIpfsDaemon daemon = new JsIpfsDaemon(process, repo, log, apiUrl);
    try {
      daemon.awaitApi();
    } catch (RuntimeException | InterruptedException e) {
      daemon.close();
      throw e;
    }
    return daemon;
  }

  /** The daemon's RPC API base URL. */
  public URI apiUrl() {
    return apiUrl;
  }

  private void awaitApi() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest version =
        HttpRequest.newBuilder(apiUrl.resolve("/api/v0/version"))
            .timeout(Duration.ofSeconds(2))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    Instant start = Instant.now();
    Instant deadline = start.plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The js-ipfs daemon exited with status "
                + process.exitValue()
                + " while starting. "
                + logTail());
      }
      try {
        HttpResponse<String> response = http.send(version, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          LOG.info(
              "js-ipfs daemon at {} answered after {} ms: {}",
              apiUrl,
              Duration.between(start, Instant.now()).toMillis(),
              response.body().strip());
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "The js-ipfs daemon did not answer "
            + apiUrl
            + "/api/v0/version within "
            + START_TIMEOUT.toSeconds()
            + " s. "
            + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "Last lines of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "Its log " + log + " could not be read: " + e;
    }
  }

  @Override
  public void close() {
    // The start script passes SIGTERM on to the daemon; its descendants are also ended directly in
    // case the script itself is gone.
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : descendants) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
    deleteRecursively(repo);
    LOG.info("js-ipfs daemon at {} stopped; its log was {}", apiUrl, log);
  }

  /**
   * The harness folder, found from {@code airm.root} (set by the build) or the module directory.
   */
  private static Path harnessDirectory() {
    String root = System.getProperty("airm.root");
    Path harness =
        root == null || root.isBlank()
            ? Path.of("src", "test", "js-ipfs")
            : Path.of(root, "ipfs-adapter", "src", "test", "js-ipfs");
    if (!Files.isRegularFile(harness.resolve("package-lock.json"))) {
      throw new IllegalStateException(
          "The js-ipfs harness is missing: no package-lock.json in "
              + harness.toAbsolutePath()
              + ".");
    }
    return harness.toAbsolutePath();
  }

  private static void requireNode() throws InterruptedException {
    String problem;
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (node.waitFor() == 0 && out.matches("v(\\d+)\\..*")) {
        int major = Integer.parseInt(out.substring(1, out.indexOf('.')));
        if (major >= 20) {
          return;
        }
        problem = "found Node.js " + out;
      } else {
        problem = "'node --version' answered '" + out + "'";
      }
    } catch (IOException e) {
      problem = "'node' is not on PATH (" + e.getMessage() + ")";
    }
    throw new IllegalStateException(
        "The IPFS integration tests run a real js-ipfs daemon and need Node.js 20 or later with npm"
            + " on PATH, but "
            + problem
            + ". Install Node.js 20+ (for example 'apt-get install nodejs npm') and run the build again.");
  }

  private static void npmCiIfNeeded(Path harness) throws IOException, InterruptedException {
    String want = sha256Hex(Files.readAllBytes(harness.resolve("package-lock.json")));
    Path stamp = harness.resolve(STAMP);
    if (Files.isDirectory(harness.resolve("node_modules"))
        && Files.isRegularFile(stamp)
        && Files.readString(stamp).strip().equals(want)) {
      LOG.info("js-ipfs harness: node_modules matches package-lock.json, skipping npm ci");
      return;
    }
    LOG.info("js-ipfs harness: node_modules missing or package-lock.json changed; running npm ci");
    Path npmLog = Files.createTempFile("airm-js-ipfs-npm-ci-", ".log");
    Instant start = Instant.now();
    Process npm;
    try {
      npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(harness.toFile())
              .redirectErrorStream(true)
              .redirectOutput(npmLog.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "The js-ipfs harness in "
              + harness
              + " needs 'npm ci', but npm is not on PATH. Install npm (it comes with Node.js 20+).",
          e);
    }
    if (!npm.waitFor(NPM_CI_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
      npm.destroyForcibly();
      throw new IllegalStateException(
          "'npm ci' in "
              + harness
              + " did not finish within "
              + NPM_CI_TIMEOUT.toMinutes()
              + " minutes; see "
              + npmLog
              + ".");
    }
    if (npm.exitValue() != 0) {
      throw new IllegalStateException(
          "'npm ci' in "
              + harness
              + " failed with status "
              + npm.exitValue()
              + "; see "
              + npmLog
              + ".");
    }
    Files.writeString(stamp, want);
    LOG.info(
        "js-ipfs harness: npm ci took {} s", Duration.between(start, Instant.now()).toSeconds());
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
