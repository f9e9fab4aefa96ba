package io.airm.node.http;

import io.airm.node.domain.IdempotencyStore;
import io.airm.node.domain.IdempotencyStore.Claim;
import io.airm.node.domain.IdempotencyStore.Existing;
import io.airm.node.domain.IdempotencyStore.Granted;
import io.airm.node.domain.IdempotencyStore.Response;
import io.airm.node.domain.IdempotencyStore.Scope;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on every POST, as draft-ietf-httpapi-idempotency-key-header describes.
 *
 * <p>A key (1 to 255 printable ASCII characters, bare or as a quoted structured-field string) is
 * scoped by the principal, the method and the path. The first request with it is claimed before its
 * endpoint runs, and its answer (status, content type, body and {@code Location}) is stored once it
 * is known; a repeat with the same content is answered with those bytes and {@code
 * Idempotent-Replayed: true}, without running the endpoint again. The same key with other content
 * is 422; a repeat while the first is still in flight is 409. Only 2xx and 4xx answers are stored:
 * after a 5xx the claim is dropped so that the request may be retried. Keys live 24 hours.
 *
 * <p>The content's fingerprint is the SHA-256 of the media type and the body; for {@code
 * multipart/form-data} it covers every form field and every file's name and bytes, but not the
 * boundary, which a client picks anew for each attempt.
 */
public final class Idempotency {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";

  /** How long a key and its answer are kept. */
  public static final Duration RETENTION = Duration.ofHours(24);

  /** A claim not completed within this time is taken to be abandoned by a node that died. */
  public static final Duration LEASE = Duration.ofMinutes(10);

  /** The largest answer stored; a larger one is not replayable and its claim is dropped. */
  static final int MAX_STORED_BODY = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);
  private static final String CLAIM = "airm.idempotency-claim";
  private static final int MAX_KEY_LENGTH = 255;
  private static final int MAX_PATH_LENGTH = 2048;
  private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

  private final IdempotencyStore store;
  private final Clock clock;
  private java.util.Map<String, RequestBody.Limit> largeBodies = java.util.Map.of();
  private volatile Instant nextCleanup = Instant.MIN;

  /** Keeps keys and answers in {@code store}; {@code clock} dates them. */
  /** Routes whose bodies are read under their own limit (see {@link ApiGuards#withLargeBody}). */
  void readBodiesWith(java.util.Map<String, RequestBody.Limit> largeBodies) {
    this.largeBodies = largeBodies;
  }

  public Idempotency(IdempotencyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Before the endpoint: claims the key, or answers from the stored answer, or refuses. */
  void claim(Context ctx) {
    String header = ctx.header(HEADER);
    if (header == null || ctx.method() != HandlerType.POST) {
      return;
    }
    String key = key(header);
    if (ctx.path().length() > MAX_PATH_LENGTH) {
      throw new ProblemException(
          400, "invalid-idempotency-key", "The path is too long to be used with an " + HEADER);
    }
    Scope scope = new Scope(AccessControl.principal(ctx).id(), "POST", ctx.path(), key);
    String fingerprint = fingerprint(ctx, largeBodies);
    Instant now = clock.instant();
    cleanUp(now);
    Claim claim = store.claim(scope, fingerprint, now, now.minus(RETENTION), now.minus(LEASE));
    if (claim instanceof Granted) {
      ctx.attribute(CLAIM, scope);
      return;
    }
    Existing existing = (Existing) claim;
    if (!existing.requestSha256().equals(fingerprint)) {
      throw new ProblemException(
          422,
          "idempotency-key-reused",
          "Idempotency-Key '"
              + key
              + "' was used for a request with other content; use a new key for a new request");
    }
    if (existing.response().isEmpty()) {
      throw new ProblemException(
          409,
          "idempotency-key-in-flight",
          "A request with Idempotency-Key '" + key + "' is still being processed; retry later",
          Map.of("Retry-After", "1"));
    }
    replay(ctx, existing.response().get());
  }

  /**
   * After the response is final: stores it for the claim this request holds, or drops the claim.
   */
  void record(Context ctx) {
    Scope scope = ctx.attribute(CLAIM);
    if (scope == null) {
      return;
    }
    try {
      Optional<Response> response = storable(ctx);
      if (response.isPresent()) {
        store.complete(scope, response.get());
      } else {
        store.release(scope);
      }
    } catch (RuntimeException e) {
      // the answer still goes out; without a stored answer a retry runs the request again
      LOG.warn("Could not store the answer to {} {}: {}", ctx.method(), ctx.path(), e.toString());
      try {
        store.release(scope);
      } catch (RuntimeException again) {
        LOG.warn("Could not release the idempotency claim either: {}", again.toString());
      }
    }
  }

  private static Optional<Response> storable(Context ctx) {
    int status = ctx.statusCode();
    boolean storedStatus = (status >= 200 && status < 300) || (status >= 400 && status < 500);
    if (!storedStatus || ctx.res().isCommitted()) {
      return Optional.empty(); // a 5xx may be retried; a streamed answer cannot be replayed
    }
    byte[] body;
    try (InputStream result = ctx.resultInputStream()) {
      body = result == null ? new byte[0] : result.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.result(body); // the stream was consumed: the client gets the same bytes
    if (body.length > MAX_STORED_BODY) {
      return Optional.empty();
    }
    return Optional.of(
        new Response(
            status,
            Optional.ofNullable(ctx.res().getContentType()),
            body,
            Optional.ofNullable(ctx.res().getHeader("Location"))));
  }

  private static void replay(Context ctx, Response response) {
    ctx.status(response.status());
    response.contentType().ifPresent(ctx::contentType);
    response.location().ifPresent(location -> ctx.header("Location", location));
    ctx.header(REPLAYED, "true");
    ctx.result(response.body());
    ctx.skipRemainingHandlers();
  }

  private void cleanUp(Instant now) {
    if (now.isBefore(nextCleanup)) {
      return;
    }
    nextCleanup = now.plus(CLEANUP_INTERVAL);
    int deleted = store.deleteExpired(now.minus(RETENTION));
    if (deleted > 0) {
      LOG.debug("Deleted {} expired idempotency keys", deleted);
    }
  }

  /**
   * The key of an {@code Idempotency-Key} header: an RFC 8941 string ({@code "abc"}, as the draft
   * has it) or the bare characters, which many clients send.
   */
  static String key(String header) {
    String value = header.strip();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      StringBuilder unquoted = new StringBuilder();
      for (int i = 1; i < value.length() - 1; i++) {
        char c = value.charAt(i);
        if (c == '\\') {
          char next = i + 1 < value.length() - 1 ? value.charAt(++i) : 0;
          if (next != '"' && next != '\\') {
            throw invalidKey("a quoted key may escape only \" and \\");
          }
          c = next;
        } else if (c == '"') {
          throw invalidKey("a quoted key may hold a quote only as \\\"");
        }
        unquoted.append(c);
      }
      value = unquoted.toString();
    }
    if (value.isEmpty() || value.length() > MAX_KEY_LENGTH) {
      throw invalidKey("a key is 1 to " + MAX_KEY_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw invalidKey("a key is printable ASCII");
      }
    }
    return value;
  }

  private static ProblemException invalidKey(String why) {
    return new ProblemException(
        400, "invalid-idempotency-key", "The " + HEADER + " header is invalid: " + why);
  }

  /** The SHA-256 of the request's content, as the class comment describes; 0x hex. */
  static String fingerprint(Context ctx) {
    return fingerprint(ctx, Map.of());
  }

  /** The same, reading a large-body route's body under its own limit. */
  static String fingerprint(Context ctx, Map<String, RequestBody.Limit> largeBodies) {
    MessageDigest sha = sha256();
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    int semicolon = type.indexOf(';');
    String mediaType =
        (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    field(sha, mediaType.getBytes(StandardCharsets.UTF_8));
    if (ctx.isMultipartFormData()) {
      Map<String, List<String>> fields = new TreeMap<>(Multipart.read(ctx::formParamMap));
      for (Map.Entry<String, List<String>> field : fields.entrySet()) {
        for (String value : field.getValue()) {
          field(sha, "field".getBytes(StandardCharsets.UTF_8));
          field(sha, field.getKey().getBytes(StandardCharsets.UTF_8));
          field(sha, value.getBytes(StandardCharsets.UTF_8));
        }
      }
      Map<String, List<UploadedFile>> files = new TreeMap<>(Multipart.read(ctx::uploadedFileMap));
      for (Map.Entry<String, List<UploadedFile>> named : files.entrySet()) {
        for (UploadedFile file : named.getValue()) {
          field(sha, "file".getBytes(StandardCharsets.UTF_8));
          field(sha, named.getKey().getBytes(StandardCharsets.UTF_8));
          field(sha, String.valueOf(file.filename()).getBytes(StandardCharsets.UTF_8));
          stream(sha, file);
        }
      }
    } else {
      field(sha, RequestBody.bytes(ctx, largeBodies));
    }
    return "0x" + HexFormat.of().formatHex(sha.digest());
  }

  /** A length-prefixed field, so that no two different requests hash the same bytes. */
  private static void field(MessageDigest sha, byte[] bytes) {
    sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
    sha.update(bytes);
  }

  private static void stream(MessageDigest sha, UploadedFile file) {
    sha.update(ByteBuffer.allocate(8).putLong(file.size()).array());
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = file.content()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the upload to fingerprint it", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
