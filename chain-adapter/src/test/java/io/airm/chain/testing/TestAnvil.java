package io.airm.chain.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A throw-away anvil for integration tests: the binary contracts/ installs with npm, on a free
 * loopback port, automining. (local-chain owns the product's anvil; this module cannot depend on
 * it.)
 */
public final class TestAnvil implements AutoCloseable {
  public static final String DEV_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  // anvil's first funded accounts (public test mnemonic); DEV_KEY is the first
  private static final List<String> DEV_KEYS =
      List.of(
          DEV_KEY,
          "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
          "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
          "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
  private static final String RELATIVE =
      "contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";

  private final Process process;
  private final String rpcUrl;
  private final HttpService http;

  private TestAnvil(Process process, String rpcUrl) {
    this.process = process;
    this.rpcUrl = rpcUrl;
    this.http = new HttpService(rpcUrl);
  }

  public static TestAnvil start() throws IOException, InterruptedException {
    Path anvil = binary();
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                anvil.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--silent")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    TestAnvil started = new TestAnvil(process, "http://127.0.0.1:" + port);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("anvil exited with " + process.exitValue());
      }
      try {
        started.rpc("eth_chainId");
        return started;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    started.close();
    throw new IllegalStateException("anvil did not answer on " + started.rpcUrl);
  }

  private static Path binary() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("contracts/package.json"))) {
        Path anvil = dir.resolve(RELATIVE);
        if (!Files.isExecutable(anvil)) {
          throw new IllegalStateException(
              "anvil is not installed at " + anvil + "; run npm ci in " + dir.resolve("contracts"));
        }
        return anvil;
      }
    }
    throw new IllegalStateException(
        "No contracts/package.json above " + Paths.get("").toAbsolutePath());
  }

  public String rpcUrl() {
    return rpcUrl;
  }

  /** The private key of anvil's funded dev account {@code index} (0 to 3 here). */
  public static String devKey(int index) {
    return DEV_KEYS.get(index);
  }

  /** Moves the chain's clock {@code seconds} ahead and mines a block with the new time. */
  public void advanceTime(long seconds) throws IOException {
    rpc("evm_increaseTime", seconds);
    rpc("evm_mine");
  }

  /** A raw JSON-RPC call; an error answer fails the test. */
  public Object rpc(String method, Object... params) throws IOException {
    RawResponse response = new Request<>(method, List.of(params), http, RawResponse.class).send();
    if (response.hasError()) {
      throw new IllegalStateException(method + " failed: " + response.getError().getMessage());
    }
    return response.getResult();
  }

  /** The response of any method, its result left as Jackson parsed it. */
  public static final class RawResponse extends Response<Object> {}

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException ignored) {
      // the process is going away anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
