package io.airm.ipfs.kubo;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.InvalidCidException;
import io.airm.ipfs.cid.Multihash;
import io.airm.ipfs.unixfs.UnixFsReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KuboClient} over HTTP with {@link java.net.http.HttpClient}: every call is a POST to
 * {@code /api/v0/<endpoint>}, uploads are {@code multipart/form-data} written by hand.
 *
 * <p>Every call has a deadline that covers the whole exchange, request body and response body alike
 * ({@link KuboConfig#callTimeout()}, or {@link KuboConfig#transferTimeout()} for uploads), and
 * every response body is read into memory only up to {@link KuboConfig#maxResponseBytes()}. {@link
 * #cat} is built on {@code block/get} rather than on the {@code cat} endpoint: {@code cat} returns
 * file bytes, which could only be verified after the whole file had been received, whereas blocks
 * are verified one by one before any byte is handed on.
 */
public final class KuboRpcClient implements KuboClient {

  private static final Logger LOG = LoggerFactory.getLogger(KuboRpcClient.class);

  private final KuboConfig config;
  private final HttpClient http;

  private KuboRpcClient(KuboConfig config, HttpClient http) {
    this.config = config;
    this.http = http;
  }

  /** Creates a client for the node described by {@code config}. */
  public static KuboRpcClient create(KuboConfig config) {
    Objects.requireNonNull(config, "config");
    HttpClient http =
        HttpClient.newBuilder()
            // Kubo speaks HTTP/1.1 only; this also avoids the h2c upgrade dance.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new KuboRpcClient(config, http);
  }

  /** The configuration this client was created with. */
  public KuboConfig config() {
    return config;
  }

  @Override
  public Cid add(InputStream content, AddOptions options) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(options, "options");
    String endpoint = "add";
    Map<String, String> params = new LinkedHashMap<>();
    params.put("cid-version", Integer.toString(options.cidVersion()));
    params.put("raw-leaves", Boolean.toString(options.rawLeaves()));
    params.put("chunker", "size-" + options.chunkSize());
    params.put("pin", Boolean.toString(options.pin()));
    params.put("progress", "false");
    try (LocalCidComputation local = new LocalCidComputation(content, options.toImportOptions())) {
      byte[] body = upload(endpoint, params, local.upload());
      Cid reported = null;
      for (Map<String, Object> line : jsonLines(endpoint, body)) {
        Object hash = line.get("Hash");
        if (hash instanceof String text) {
          reported = parseCid(endpoint, text);
        }
      }
      if (reported == null) {
        throw new KuboException(
            endpoint,
            "The Kubo RPC call add to "
                + url(endpoint)
                + " answered without a Hash: "
                + Json.abbreviate(new String(body, StandardCharsets.UTF_8)));
      }
      Cid expected = local.awaitCid();
      if (!expected.equals(reported)) {
        throw new KuboCidMismatchException(endpoint, expected, reported);
      }
      LOG.debug("Added {} to {}", reported, config.apiUrl());
      return reported;
    }
  }

  @Override
  public InputStream cat(Cid root) {
    Objects.requireNonNull(root, "root");
    return new UnixFsReader(new KuboBlockSource(this)).open(root);
  }

  @Override
  public Block blockGet(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    String endpoint = "block/get";
    byte[] data;
    try {
      data = call(endpoint, Map.of("arg", cid.toString()), config.callTimeout());
    } catch (KuboNodeErrorException e) {
      if (e.nodeMessage().toLowerCase(Locale.ROOT).contains("not found")) {
        throw new BlockNotFoundException(cid, "the Kubo node at " + config.apiUrl());
      }
      throw e;
    }
    Multihash actual = Multihash.sha256(data);
    if (!actual.equals(cid.multihash())) {
      throw new CorruptBlockException(cid, actual, url(endpoint) + "?arg=" + cid);
    }
    return Block.of(cid, data);
  }

  @Override
  public void blockPut(Block block) {
    Objects.requireNonNull(block, "block");
    String endpoint = "block/put";
    Cid cid = block.cid();
    Map<String, String> params = new LinkedHashMap<>();
    // Kubo 0.19+ prefers cid-codec but still reads the deprecated format, which is all js-ipfs
    // reads; "v0" asks both for a CIDv0. The answer is compared by codec and multihash, since
    // a node may name the block by the other CID version.
    params.put("format", cid.version() == 0 ? "v0" : cid.codec().codecName());
    params.put("mhtype", "sha2-256");
    params.put("mhlen", "32");
    params.put("pin", "false");
    byte[] body = upload(endpoint, params, block.openStream());
    Map<String, Object> answer = jsonObject(endpoint, body);
    if (!(answer.get("Key") instanceof String key)) {
      throw new KuboException(
          endpoint,
          "The Kubo RPC call block/put to "
              + url(endpoint)
              + " answered without a Key: "
              + Json.abbreviate(new String(body, StandardCharsets.UTF_8)));
    }
    Cid stored = parseCid(endpoint, key);
    if (!stored.codec().equals(cid.codec()) || !stored.multihash().equals(cid.multihash())) {
      throw new KuboCidMismatchException(endpoint, cid, stored);
    }
    LOG.debug("Put block {} ({} bytes) to {}", cid, block.length(), config.apiUrl());
  }

  @Override
  public List<Cid> dagImport(InputStream car) {
    Objects.requireNonNull(car, "car");
    String endpoint = "dag/import";
    byte[] body = upload(endpoint, Map.of("pin-roots", "true"), car);
    List<Cid> roots = new ArrayList<>();
    for (Map<String, Object> line : jsonLines(endpoint, body)) {
      if (!(line.get("Root") instanceof Map<?, ?> root)) {
        continue;
      }
      if (!(root.get("Cid") instanceof Map<?, ?> link) || !(link.get("/") instanceof String text)) {
        throw new KuboException(
            endpoint,
            "The Kubo RPC call dag/import to "
                + url(endpoint)
                + " answered a root without a CID link: "
                + root);
      }
      Cid cid = parseCid(endpoint, text);
      if (root.get("PinErrorMsg") instanceof String pinError && !pinError.isEmpty()) {
        throw new KuboException(
            endpoint,
            "The Kubo RPC call dag/import to "
                + url(endpoint)
                + " imported root "
                + cid
                + " but could not pin it: "
                + pinError);
      }
      roots.add(cid);
    }
    LOG.debug("Imported a CAR with roots {} to {}", roots, config.apiUrl());
    return Collections.unmodifiableList(roots);
  }

  @Override
  public void pinAdd(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    pinCall("pin/add", cid);
  }

  @Override
  public Set<Cid> pinLs() {
    String endpoint = "pin/ls";
    byte[] body = call(endpoint, Map.of("type", "recursive"), config.callTimeout());
    Set<Cid> pins = new LinkedHashSet<>();
    for (Map<String, Object> line : jsonLines(endpoint, body)) {
      // Kubo answers {"Keys":{"<cid>":{"Type":"recursive"}}}; with stream=true, one
      // {"Cid":"<cid>","Type":"recursive"} per line.
      if (line.get("Keys") instanceof Map<?, ?> keys) {
        for (Object key : keys.keySet()) {
          pins.add(parseCid(endpoint, key.toString()));
        }
      } else if (line.get("Cid") instanceof String text) {
        pins.add(parseCid(endpoint, text));
      }
    }
    return Collections.unmodifiableSet(pins);
  }

  @Override
  public void pinRm(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    pinCall("pin/rm", cid);
  }

  @Override
  public String version() {
    String endpoint = "version";
    byte[] body = call(endpoint, Map.of(), config.callTimeout());
    if (!(jsonObject(endpoint, body).get("Version") instanceof String version)) {
      throw new KuboException(
          endpoint,
          "The Kubo RPC call version to "
              + url(endpoint)
              + " answered without a Version: "
              + Json.abbreviate(new String(body, StandardCharsets.UTF_8)));
    }
    return version;
  }

  @Override
  public String toString() {
    return "KuboRpcClient[" + config.apiUrl() + "]";
  }

  private void pinCall(String endpoint, Cid cid) {
    byte[] body =
        call(endpoint, Map.of("arg", cid.toString(), "recursive", "true"), config.callTimeout());
    Map<String, Object> answer = jsonObject(endpoint, body);
    if (!(answer.get("Pins") instanceof List<?> pins)) {
      throw new KuboException(
          endpoint,
          "The Kubo RPC call "
              + endpoint
              + " to "
              + url(endpoint)
              + " answered without Pins: "
              + Json.abbreviate(new String(body, StandardCharsets.UTF_8)));
    }
    boolean named = false;
    for (Object pin : pins) {
      named |= parseCid(endpoint, String.valueOf(pin)).toV1().equals(cid.toV1());
    }
    if (!named) {
      throw new KuboException(
          endpoint,
          "The Kubo RPC call "
              + endpoint
              + " to "
              + url(endpoint)
              + " for "
              + cid
              + " answered with other pins: "
              + pins
              + ".");
    }
    LOG.debug("{} {} on {}", endpoint, cid, config.apiUrl());
  }

  // --- transport ---

  private byte[] upload(String endpoint, Map<String, String> params, InputStream content) {
    // RFC 7578: one part named "file"; the boundary is random, so content cannot contain it by
    // accident, and the stream is sent as it is read rather than buffered.
    String boundary = "airm-" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    HttpRequest.BodyPublisher publisher =
        HttpRequest.BodyPublishers.ofInputStream(
            () ->
                new SequenceInputStream(
                    Collections.enumeration(
                        List.of(
                            new ByteArrayInputStream(head),
                            content,
                            new ByteArrayInputStream(tail)))));
    return send(
        endpoint,
        params,
        publisher,
        "multipart/form-data; boundary=" + boundary,
        config.transferTimeout());
  }

  private byte[] call(String endpoint, Map<String, String> params, Duration timeout) {
    return send(endpoint, params, HttpRequest.BodyPublishers.noBody(), null, timeout);
  }

  private byte[] send(
      String endpoint,
      Map<String, String> params,
      HttpRequest.BodyPublisher body,
      String contentType,
      Duration timeout) {
    URI uri = URI.create(url(endpoint) + query(params));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).POST(body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    long limit = config.maxResponseBytes();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request.build(), info -> new LimitedBody(endpoint, uri, limit, info));
    HttpResponse<byte[]> response;
    try {
      // The request timeout above only covers the wait for the response headers; this deadline
      // also covers a node that sends headers and then stalls in the body.
      response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new KuboTimeoutException(endpoint, uri.toString(), timeout, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new KuboException(
          endpoint, "The Kubo RPC call " + endpoint + " to " + uri + " was interrupted.", e);
    } catch (ExecutionException e) {
      throw translate(endpoint, uri, timeout, e.getCause());
    }
    int status = response.statusCode();
    byte[] bytes = response.body();
    if (status != 200) {
      throw nodeError(endpoint, uri, status, bytes);
    }
    return bytes;
  }

  private static KuboException translate(
      String endpoint, URI uri, Duration timeout, Throwable cause) {
    if (cause instanceof KuboException kubo) {
      return kubo;
    }
    if (cause instanceof HttpTimeoutException) {
      return new KuboTimeoutException(endpoint, uri.toString(), timeout, cause);
    }
    if (cause instanceof IOException io && io.getCause() instanceof KuboException kubo) {
      return kubo;
    }
    if (cause instanceof ConnectException) {
      return new KuboException(
          endpoint,
          "The Kubo RPC call "
              + endpoint
              + " could not connect to "
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + "; is the node running?",
          cause);
    }
    return new KuboException(
        endpoint, "The Kubo RPC call " + endpoint + " to " + uri + " failed: " + cause, cause);
  }

  /** Kubo answers an error as {@code {"Message": "...", "Code": 0, "Type": "error"}}. */
  private static KuboException nodeError(String endpoint, URI uri, int status, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    String message = text.isEmpty() ? "(empty body)" : Json.abbreviate(text);
    try {
      if (Json.parseObject(text).get("Message") instanceof String nodeMessage) {
        message = nodeMessage;
      }
    } catch (IllegalArgumentException notJson) {
      // Not Kubo's JSON error; the raw body is reported instead.
    }
    return new KuboNodeErrorException(endpoint, uri.toString(), status, message);
  }

  private List<Map<String, Object>> jsonLines(String endpoint, byte[] body) {
    List<Map<String, Object>> lines;
    try {
      lines = Json.parseObjectLines(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new KuboException(
          endpoint,
          "The Kubo RPC call " + endpoint + " to " + url(endpoint) + " answered invalid JSON.",
          e);
    }
    for (Map<String, Object> line : lines) {
      // A streaming endpoint reports an error after a 200 status as an error object in the body.
      if ("error".equals(line.get("Type")) && line.get("Message") instanceof String message) {
        throw new KuboNodeErrorException(endpoint, url(endpoint), 200, message);
      }
    }
    return lines;
  }

  private Map<String, Object> jsonObject(String endpoint, byte[] body) {
    List<Map<String, Object>> lines = jsonLines(endpoint, body);
    if (lines.size() != 1) {
      throw new KuboException(
          endpoint,
          "The Kubo RPC call "
              + endpoint
              + " to "
              + url(endpoint)
              + " answered "
              + lines.size()
              + " JSON objects where one was expected.");
    }
    return lines.get(0);
  }

  private Cid parseCid(String endpoint, String text) {
    try {
      return Cid.parse(text);
    } catch (InvalidCidException e) {
      throw new KuboException(
          endpoint,
          "The Kubo RPC call "
              + endpoint
              + " to "
              + url(endpoint)
              + " answered a CID this adapter cannot read: "
              + e.getMessage(),
          e);
    }
  }

  private String url(String endpoint) {
    String base = config.apiUrl().toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + "/api/v0/"
        + endpoint;
  }

  private static String query(Map<String, String> params) {
    if (params.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> param : params.entrySet()) {
      out.append(out.length() == 0 ? '?' : '&')
          .append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /**
   * Collects a response body up to a limit. A declared {@code Content-Length} over the limit fails
   * before any byte is read; otherwise the subscription is cancelled as soon as the limit is
   * passed, so an endless body costs at most the limit in memory.
   */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final String endpoint;
    private final URI uri;
    private final long limit;
    private final HttpResponse.ResponseInfo info;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    LimitedBody(String endpoint, URI uri, long limit, HttpResponse.ResponseInfo info) {
      this.endpoint = endpoint;
      this.uri = uri;
      this.limit = limit;
      this.info = info;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > limit) {
        subscription.cancel();
        result.completeExceptionally(tooLarge());
        return;
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer chunk : buffers) {
        if (buffer.size() + (long) chunk.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(tooLarge());
          return;
        }
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        buffer.write(bytes, 0, bytes.length);
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }

    private KuboResponseTooLargeException tooLarge() {
      return new KuboResponseTooLargeException(endpoint, uri.toString(), limit);
    }
  }
}
