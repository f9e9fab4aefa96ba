package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The node refused a request with an RFC 9457 problem ({@code application/problem+json}): its
 * status, its {@code type} (for example {@code urn:airm:problem:nonce-reused}), {@code title} and
 * {@code detail}, which names the thing that was wrong.
 */
public final class RegistryProblemException extends RegistryClientException {
  private final String type;
  private final String title;
  private final String detail;
  private final Optional<String> instance;

  /** A problem as the node wrote it. */
  public RegistryProblemException(
      int status, String type, String title, String detail, Optional<String> instance) {
    super(status, "The node answered " + status + " " + type + ": " + detail);
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.instance = instance;
  }

  /**
   * The problem in a non-2xx answer; a body that is not a problem document still gives one, typed
   * {@code about:blank} (RFC 9457 §4.2.1) with the body as its detail.
   */
  static RegistryProblemException of(int status, JsonNode body) {
    JsonNode type = body.get("type");
    JsonNode title = body.get("title");
    JsonNode detail = body.get("detail");
    JsonNode instance = body.get("instance");
    return new RegistryProblemException(
        status,
        type != null && type.isTextual() ? type.asText() : "about:blank",
        title != null && title.isTextual() ? title.asText() : "HTTP " + status,
        detail != null && detail.isTextual() ? detail.asText() : body.toString(),
        instance != null && instance.isTextual()
            ? Optional.of(instance.asText())
            : Optional.empty());
  }

  /** The problem type URI, for example {@code urn:airm:problem:licence-forbids}. */
  public String type() {
    return type;
  }

  /** The short, human-readable summary of the problem type. */
  public String title() {
    return title;
  }

  /** What was wrong with this request, in a sentence that names the thing. */
  public String detail() {
    return detail;
  }

  /** The request path the problem is about, if the node gave it. */
  public Optional<String> instance() {
    return instance;
  }
}
