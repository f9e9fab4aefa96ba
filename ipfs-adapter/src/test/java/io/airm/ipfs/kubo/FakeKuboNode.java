package io.airm.ipfs.kubo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A scripted Kubo RPC server on a loopback port: each endpoint answers what the test says, so that
 * a misbehaving node (wrong bytes, no answer, huge answer, error body) can be staged.
 */
final class FakeKuboNode implements AutoCloseable {

  /** What one endpoint does with a request. */
  @FunctionalInterface
  interface Handler {
    void handle(Request request, HttpExchange exchange) throws IOException;
  }

  /** A received request: its query parameters and body. */
  record Request(Map<String, String> params, byte[] body) {}

  private final HttpServer server;
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

  /** Released on close, so that handlers that "hang" let the server stop. */
  private final CountDownLatch closed = new CountDownLatch(1);

  FakeKuboNode() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/api/v0/",
        exchange -> {
          String endpoint = exchange.getRequestURI().getPath().substring("/api/v0/".length());
          Request request =
              new Request(
                  params(exchange.getRequestURI().getRawQuery()),
                  exchange.getRequestBody().readAllBytes());
          Handler handler = handlers.get(endpoint);
          try {
            if (handler == null) {
              error(exchange, 404, "404 page not found");
            } else {
              handler.handle(request, exchange);
            }
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  /** Makes {@code endpoint} answer with {@code handler}. */
  FakeKuboNode on(String endpoint, Handler handler) {
    handlers.put(endpoint, handler);
    return this;
  }

  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A client with short deadlines, for tests that stage a node that never answers. */
  KuboRpcClient client() {
    return KuboRpcClient.create(
        KuboConfig.defaults(apiUrl())
            .withCallTimeout(Duration.ofMillis(500))
            .withTransferTimeout(Duration.ofSeconds(5)));
  }

  /** Blocks the handling thread until the fake is closed: a node that never answers. */
  void hang() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void ok(HttpExchange exchange, byte[] body) throws IOException {
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static void okJson(HttpExchange exchange, String json) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    ok(exchange, json.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers the way Kubo reports an error. */
  static void error(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body =
        ("{\"Message\":\"" + message + "\",\"Code\":0,\"Type\":\"error\"}\n")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * The file part of a multipart upload: the bytes between the part's headers and the closing
   * boundary.
   */
  static byte[] filePart(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String boundary = text.substring(0, text.indexOf("\r\n"));
    int start = text.indexOf("\r\n\r\n") + 4;
    int end = text.lastIndexOf("\r\n" + boundary + "--");
    return text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }
}
