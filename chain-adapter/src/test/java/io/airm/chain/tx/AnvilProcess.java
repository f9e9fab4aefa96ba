package io.airm.chain.tx;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * A real anvil on a free port, from the binary that {@code contracts/package.json} pins (found by
 * walking up to the folder that holds it, as local-chain does; this module cannot depend on it).
 */
final class AnvilProcess implements AutoCloseable {
  static final String DEV_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  private static final String RELATIVE =
      "contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";

  private final Process process;
  private final String rpcUrl;
  private final HttpService rpc;

  private AnvilProcess(Process process, String rpcUrl) {
    this.process = process;
    this.rpcUrl = rpcUrl;
    this.rpc = new HttpService(rpcUrl);
  }

  static AnvilProcess start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(binary().toString(), "--port", Integer.toString(port), "--silent")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    AnvilProcess anvil = new AnvilProcess(process, "http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      try {
        anvil.call("eth_chainId");
        return anvil;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          anvil.close();
          throw new IllegalStateException("anvil did not start on port " + port, e);
        }
        Thread.sleep(50);
      }
    }
  }

  private static Path binary() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("contracts/package.json"))) {
        Path anvil = dir.resolve(RELATIVE);
        if (!Files.isExecutable(anvil)) {
          throw new IllegalStateException("anvil is not installed at " + anvil + "; run npm ci");
        }
        return anvil;
      }
    }
    throw new IllegalStateException(
        "No contracts/package.json above " + Paths.get("").toAbsolutePath());
  }

  String rpcUrl() {
    return rpcUrl;
  }

  /** Calls an anvil/evm method and fails on a JSON-RPC error. */
  Object call(String method, Object... params) throws IOException {
    VoidResponse response = new Request<>(method, List.of(params), rpc, VoidResponse.class).send();
    if (response.hasError()) {
      Response.Error error = response.getError();
      throw new IllegalStateException(method + " failed: " + error.getMessage());
    }
    return response.getResult();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
