package io.airm.node.http;

import java.util.Map;

/**
 * A refusal decided at the HTTP edge (authentication, rate limits, idempotency), answered as a
 * problem of type {@code urn:airm:problem:<slug>} with {@code headers} (such as {@code
 * Retry-After}).
 */
final class ProblemException extends RuntimeException {
  private final int status;
  private final String slug;
  private final Map<String, String> headers;

  ProblemException(int status, String slug, String detail, Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.headers = Map.copyOf(headers);
  }

  ProblemException(int status, String slug, String detail) {
    this(status, slug, detail, Map.of());
  }

  int status() {
    return status;
  }

  String slug() {
    return slug;
  }

  Map<String, String> headers() {
    return headers;
  }
}
