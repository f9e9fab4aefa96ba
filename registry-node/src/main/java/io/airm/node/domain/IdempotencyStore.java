package io.airm.node.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the first answer to each idempotency key is kept, so that a repeat of the request gets the
 * same answer instead of a second effect (port).
 */
public interface IdempotencyStore {
  /**
   * Claims {@code scope} for a request whose fingerprint is {@code requestSha256}, unless it is
   * claimed already. A completed claim created before {@code expiredBefore}, or one still in flight
   * created before {@code abandonedBefore} (its node died), is dropped and claimed anew.
   */
  Claim claim(
      Scope scope,
      String requestSha256,
      Instant now,
      Instant expiredBefore,
      Instant abandonedBefore);

  /** Stores the answer to the request that holds the claim on {@code scope}. */
  void complete(Scope scope, Response response);

  /** Drops the claim on {@code scope}, so that the request may be tried again. */
  void release(Scope scope);

  /** Drops every claim created before {@code before}; returns how many. */
  int deleteExpired(Instant before);

  /**
   * What a key is unique within: the same key from another principal, or for another method or
   * path, is another key.
   */
  record Scope(String principal, String method, String path, String key) {
    public Scope {
      Objects.requireNonNull(principal);
      Objects.requireNonNull(method);
      Objects.requireNonNull(path);
      Objects.requireNonNull(key);
    }
  }

  /** A stored answer, replayed byte for byte. */
  record Response(
      int status, Optional<String> contentType, byte[] body, Optional<String> location) {
    public Response {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("Not an HTTP status: " + status);
      }
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Response r
          && status == r.status
          && contentType.equals(r.contentType)
          && Arrays.equals(body, r.body)
          && location.equals(r.location);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, contentType, Arrays.hashCode(body), location);
    }

    @Override
    public String toString() {
      return "Response[" + status + ", " + contentType.orElse("-") + ", " + body.length + " bytes]";
    }
  }

  /** The outcome of {@link #claim}. */
  sealed interface Claim {}

  /** The caller holds the claim and must {@link #complete} or {@link #release} it. */
  record Granted() implements Claim {}

  /**
   * The key is claimed already, by a request with fingerprint {@code requestSha256}; {@code
   * response} is empty while that request is in flight.
   */
  record Existing(String requestSha256, Optional<Response> response) implements Claim {}
}
