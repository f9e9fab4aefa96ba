package io.airm.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airm.node.api.JsonLimits;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Checks every JSON request body against the node's {@link JsonLimits} before its endpoint reads
 * it, so that every route, whoever wrote it, refuses an over-complex document the same way: 400,
 * naming the limit. Malformed JSON is left to the endpoint, which says what it expected.
 */
final class JsonBodyLimits {
  private final JsonLimits limits;
  private final ObjectMapper mapper;

  private final java.util.Map<String, RequestBody.Limit> largeBodies;

  JsonBodyLimits(JsonLimits limits, java.util.Map<String, RequestBody.Limit> largeBodies) {
    this.limits = limits;
    this.mapper = WireFormat.mapper(limits);
    this.largeBodies = largeBodies;
  }

  void check(Context ctx) {
    if (!isJson(ctx.contentType())) {
      return;
    }
    byte[] body = RequestBody.bytes(ctx, largeBodies); // the endpoint reads the same bytes again
    boolean large = largeBodies.containsKey(ctx.method().name() + " " + ctx.path());
    try {
      (large
              ? WireFormat.mapper(
                  new JsonLimits(limits.maxDepth(), limits.maxStringLength(), body.length))
              : mapper)
          .readTree(body);
    } catch (StreamConstraintsException e) {
      throw new RegistryException(ErrorKind.INVALID_REQUEST, limits.explain(e));
    } catch (JsonProcessingException e) {
      // malformed: the endpoint answers in its own terms
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code application/json} or any {@code +json} media type, whatever its parameters. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
