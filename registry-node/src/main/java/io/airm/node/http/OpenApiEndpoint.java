package io.airm.node.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of this API, a hand-written resource that
 * {@code OpenApiContractTest} keeps true to the routes and their answers.
 */
final class OpenApiEndpoint {
  static final String PATH = "/openapi.json";

  /** The resource, beside this class. */
  static final String RESOURCE = "openapi.json";

  private static final byte[] DOCUMENT = load();

  private OpenApiEndpoint() {}

  static void handle(Context ctx) {
    ctx.contentType("application/json").header("Cache-Control", "no-cache").result(DOCUMENT);
  }

  private static byte[] load() {
    try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The resource " + RESOURCE + " is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
