package io.airm.node.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The node's web page: {@code /} (index.html), {@code /app.js} and {@code /app.css}, built by the
 * Maven build from {@code src/main/web} into the classpath folder {@code web/}. Every answer
 * carries a Content-Security-Policy that lets the page talk only to this node and to the chain
 * endpoint the node advertises, and an ETag; the names are not content-hashed, so browsers
 * revalidate.
 */
final class WebPage {
  static final String INDEX = "/";
  static final String SCRIPT = "/app.js";
  static final String STYLES = "/app.css";

  /** Where the build puts the page on the classpath. */
  static final String CLASSPATH_DIR = "/web/";

  private record Asset(String resource, String contentType) {}

  private record Loaded(byte[] bytes, String etag) {}

  private static final Map<String, Asset> ASSETS = new LinkedHashMap<>();

  static {
    ASSETS.put(INDEX, new Asset("index.html", "text/html; charset=utf-8"));
    ASSETS.put(SCRIPT, new Asset("app.js", "text/javascript; charset=utf-8"));
    ASSETS.put(STYLES, new Asset("app.css", "text/css; charset=utf-8"));
  }

  private final String contentSecurityPolicy;
  private final Map<String, Optional<Loaded>> loaded = new LinkedHashMap<>();

  /**
   * @param publicRpcUrl the chain endpoint {@code GET /v1/registry} advertises; the page sends
   *     transactions and reads there, so its origin is allowed in {@code connect-src}
   */
  WebPage(String publicRpcUrl) {
    this.contentSecurityPolicy = contentSecurityPolicy(publicRpcUrl);
    ASSETS.forEach((path, asset) -> loaded.put(path, load(asset.resource())));
  }

  /** The routes the page is served at. */
  static Iterable<String> paths() {
    return ASSETS.keySet();
  }

  /** The policy for a page whose chain endpoint is {@code rpcUrl}. */
  static String contentSecurityPolicy(String rpcUrl) {
    String connect = "'self'";
    Optional<String> origin = origin(rpcUrl);
    if (origin.isPresent()) {
      connect += " " + origin.get();
    }
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        + " connect-src "
        + connect
        + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  /** scheme://host[:port] of an http(s) or ws(s) URL, lower case; empty if it is none. */
  static Optional<String> origin(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null
          || !(scheme.equals("http")
              || scheme.equals("https")
              || scheme.equals("ws")
              || scheme.equals("wss"))) {
        return Optional.empty();
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      return Optional.of(scheme + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  void handle(Context ctx) {
    String path = ctx.path();
    Asset asset = ASSETS.get(path);
    Optional<Loaded> found = asset == null ? Optional.empty() : loaded.get(path);
    if (found.isEmpty()) {
      throw new ProblemException(
          404,
          "not-found",
          "The web page is not built into this node (no "
              + CLASSPATH_DIR
              + (asset == null ? path : asset.resource())
              + " on the classpath); build the node with Maven, which runs npm in"
              + " registry-node/src/main/web",
          Map.of());
    }
    ctx.header("Content-Security-Policy", contentSecurityPolicy);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", found.get().etag());
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.contains(found.get().etag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType(asset.contentType()).result(found.get().bytes());
  }

  private static Optional<Loaded> load(String resource) {
    try (InputStream in = WebPage.class.getResourceAsStream(CLASSPATH_DIR + resource)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return Optional.of(new Loaded(bytes, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\""));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the web page's " + resource, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
