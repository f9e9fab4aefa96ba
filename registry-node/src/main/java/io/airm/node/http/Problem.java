package io.airm.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.ErrorKind;
import io.javalin.http.Context;
import java.util.Locale;

/** Writes RFC 9457 problem details ({@code application/problem+json}); the one error format. */
final class Problem {
  static final String CONTENT_TYPE = "application/problem+json";

  private Problem() {}

  /** The HTTP status of each kind of failure. */
  static int status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, EXPIRED -> 400;
      case INVALID_SIGNATURE -> 401;
      case NOT_FOUND -> 404;
      case NONCE_REUSED -> 409;
      case TOO_LARGE -> 413;
      case CONTENT_MISMATCH, UNKNOWN_REFERENCE, LICENCE_FORBIDS -> 422;
      case FORBIDDEN -> 403;
      case CONFLICT -> 409;
      case CORRUPT_CONTENT, UPSTREAM_FAILED -> 502;
      case CORRUPT_LOG -> 500;
      case UNAVAILABLE -> 503;
    };
  }

  /** Answers {@code ctx} with a problem of {@code kind}. */
  static void write(Context ctx, ErrorKind kind, String detail) {
    write(ctx, status(kind), kind.name().toLowerCase(Locale.ROOT).replace('_', '-'), detail);
  }

  /** Answers {@code ctx} with a problem of type {@code urn:airm:problem:<slug>}. */
  static void write(Context ctx, int status, String slug, String detail) {
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.put("type", "urn:airm:problem:" + slug);
    body.put("title", title(slug));
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", ctx.path());
    ctx.status(status).contentType(CONTENT_TYPE).result(body.toString());
  }

  private static String title(String slug) {
    String words = slug.replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
