package io.airm.node.http;

import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import java.util.function.Supplier;

/** Reads the parts of a multipart body, naming what went wrong when Jetty cannot. */
final class Multipart {
  /** The limit Jetty names in its message, e.g. "max file size exceeded: 65536". */
  private static final java.util.regex.Pattern LIMIT =
      java.util.regex.Pattern.compile("exceeded: (\\d+)");

  private Multipart() {}

  /**
   * Runs {@code read} (a {@code ctx.formParam}, {@code ctx.uploadedFile} …). Jetty parses the body
   * on first access and reports an upload over the limit, or a malformed body, as a generic
   * failure; this names it: {@link ErrorKind#TOO_LARGE} or {@link ErrorKind#INVALID_REQUEST}.
   */
  static <T> T read(Supplier<T> read) {
    try {
      return read.get();
    } catch (Exception e) { // Kotlin code under Javalin throws Jetty's checked ServletException
      if (e instanceof RegistryException registryException) {
        throw registryException;
      }
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        String message = String.valueOf(cause.getMessage());
        if (message.contains("max file size exceeded")
            || message.contains("max request size exceeded")
            || message.contains("max length exceeded")) {
          java.util.regex.Matcher limit = LIMIT.matcher(message);
          throw new RegistryException(
              ErrorKind.TOO_LARGE,
              "The upload is larger than this node accepts"
                  + (limit.find() ? " (at most " + limit.group(1) + " bytes)" : ""));
        }
      }
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST, "The multipart body is malformed: " + e.getMessage());
    }
  }
}
