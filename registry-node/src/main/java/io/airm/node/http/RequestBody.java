package io.airm.node.http;

import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A request's body, read once and shared by the guards and the endpoint. Most routes take Javalin's
 * limit ({@code http.max-json-bytes}); a route named in {@code largeBodies} (the attestations,
 * whose evidence carries an embedding per work) is read up to its own limit, and a larger body is a
 * 413 that names the setting.
 */
final class RequestBody {
  private static final String ATTRIBUTE = "airm.body";

  private RequestBody() {}

  /** The body's bytes, read now or earlier in this request. */
  static byte[] bytes(Context ctx, Map<String, Limit> largeBodies) {
    byte[] cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    Limit limit = largeBodies.get(ctx.method().name() + " " + ctx.path());
    byte[] body;
    if (limit == null) {
      body = ctx.bodyAsBytes();
    } else {
      try {
        body = read(ctx.bodyInputStream(), ctx.contentLength(), limit);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    ctx.attribute(ATTRIBUTE, body);
    return body;
  }

  /**
   * A route's own body limit.
   *
   * @param maxBytes the largest body
   * @param setting the configuration key that sets it, named in the 413
   */
  record Limit(long maxBytes, String setting) {}

  static byte[] read(InputStream in, long contentLength, Limit limit) throws IOException {
    // read up to the limit before refusing, so that the client (still sending) gets the answer
    byte[] body = in.readNBytes((int) Math.min(limit.maxBytes() + 1, Integer.MAX_VALUE - 8));
    if (body.length > limit.maxBytes()) {
      in.skip(Math.max(0, Math.min(contentLength, 4 * limit.maxBytes()) - body.length));
      throw tooLarge(
          contentLength > 0 ? contentLength + " bytes" : "more than " + limit.maxBytes() + " bytes",
          limit);
    }
    return body;
  }

  private static RegistryException tooLarge(String size, Limit limit) {
    return new RegistryException(
        ErrorKind.TOO_LARGE,
        "The request body is "
            + size
            + "; this node accepts at most "
            + limit.maxBytes()
            + " here ("
            + limit.setting()
            + ")");
  }
}
