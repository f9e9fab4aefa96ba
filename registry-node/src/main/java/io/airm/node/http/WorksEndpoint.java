package io.airm.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.JsonLimits;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistrationRequest;
import io.airm.node.domain.RegistrationResult;
import io.airm.node.domain.RegistrationService;
import io.airm.node.domain.RegistryException;
import io.airm.node.domain.WorkQueries;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** {@code POST /v1/works}, {@code GET /v1/works?creator=} and {@code GET /v1/works/{workId}}. */
public final class WorksEndpoint {
  static final String WORKS = "/v1/works";
  static final String WORK = "/v1/works/{workId}";

  private static final Set<String> REQUEST_FIELDS =
      Set.of("registration", "signature", "metadata", "domain");

  private final RegistrationService registrations;
  private final WorkQueries queries;
  private final Path spoolDir;
  private final JsonLimits jsonLimits;
  private final ObjectMapper requestJson;

  /** Reads requests under the default {@link JsonLimits}. */
  public WorksEndpoint(RegistrationService registrations, WorkQueries queries, Path spoolDir) {
    this(registrations, queries, spoolDir, JsonLimits.DEFAULTS);
  }

  /** Reads requests under {@code jsonLimits}. */
  public WorksEndpoint(
      RegistrationService registrations,
      WorkQueries queries,
      Path spoolDir,
      JsonLimits jsonLimits) {
    this.registrations = registrations;
    this.queries = queries;
    this.spoolDir = spoolDir;
    this.jsonLimits = jsonLimits;
    this.requestJson = WireFormat.mapper(jsonLimits);
  }

  /**
   * Registers a work. Either {@code application/json} (a hash-only registration) or {@code
   * multipart/form-data} with a {@code request} part (the same JSON) and a {@code content} part
   * (the file). Answers 202 with the work id and log index, or 200 with the same for a replay.
   */
  void register(Context ctx) {
    Path spooled = null;
    try {
      String json;
      Optional<ContentStore.ContentSource> content = Optional.empty();
      if (ctx.isMultipartFormData()) {
        json = Multipart.read(() -> ctx.formParam("request"));
        if (json == null) {
          throw new RegistryException(
              ErrorKind.INVALID_REQUEST,
              "A multipart registration needs a 'request' part holding the registration JSON");
        }
        UploadedFile file = Multipart.read(() -> ctx.uploadedFile("content"));
        if (file != null) {
          spooled = spool(file);
          Path source = spooled;
          content = Optional.of(() -> Files.newInputStream(source));
        }
      } else if (ctx.contentType() != null && ctx.contentType().startsWith("application/json")) {
        json = ctx.body();
      } else {
        throw new RegistryException(
            ErrorKind.INVALID_REQUEST,
            "Send the registration as application/json, or as multipart/form-data with the"
                + " content; got Content-Type "
                + ctx.contentType());
      }
      RegistrationResult result = registrations.register(parse(json, content));
      ctx.status(result.created() ? 202 : 200)
          .contentType("application/json")
          .header("Location", WORKS + "/" + result.work().workId().hex())
          .result(WorkJson.accepted(result.work()).toString());
    } finally {
      if (spooled != null) {
        try {
          Files.deleteIfExists(spooled);
        } catch (IOException ignored) {
          // a leftover spool file is removed with the spool folder at the next start
        }
      }
    }
  }

  private Path spool(UploadedFile file) {
    try (InputStream in = file.content()) {
      Files.createDirectories(spoolDir);
      Path target = Files.createTempFile(spoolDir, "upload", ".bin");
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not spool the upload", e);
    }
  }

  private RegistrationRequest parse(String json, Optional<ContentStore.ContentSource> content) {
    JsonNode root;
    try {
      root = requestJson.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new RegistryException(ErrorKind.INVALID_REQUEST, jsonLimits.explain(e));
    } catch (JsonProcessingException e) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST, "The request body must be a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!REQUEST_FIELDS.contains(name)) {
        throw new RegistryException(
            ErrorKind.INVALID_REQUEST,
            "Unknown field '" + name + "'; a registration request has " + REQUEST_FIELDS);
      }
    }
    WorkRegistration registration =
        WireFormat.registration(root.get("registration"), "registration");
    JsonNode signature = root.get("signature");
    if (signature == null || !signature.isTextual()) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST, "signature is required: 0x hex of the 65-byte r||s||v");
    }
    Optional<String> metadata = Optional.empty();
    JsonNode metadataNode = root.get("metadata");
    if (metadataNode != null && !metadataNode.isNull()) {
      metadata = Optional.of(WireFormat.text(metadataNode, "metadata"));
    }
    OptionalLong chainId = OptionalLong.empty();
    Optional<Address> registry = Optional.empty();
    JsonNode domain = root.get("domain");
    if (domain != null && !domain.isNull()) {
      if (!domain.isObject()) {
        throw new RegistryException(ErrorKind.INVALID_REQUEST, "domain must be a JSON object");
      }
      JsonNode chain = domain.get("chainId");
      if (chain != null) {
        chainId = OptionalLong.of(WireFormat.uint256(chain, "domain.chainId").longValueExact());
      }
      JsonNode contract = domain.get("verifyingContract");
      if (contract != null) {
        registry = Optional.of(WireFormat.address(contract, "domain.verifyingContract"));
      }
    }
    return new RegistrationRequest(
        registration, signature.textValue(), metadata, content, chainId, registry);
  }

  /** The default page size of {@code GET /v1/works?creator=}. */
  static final int DEFAULT_PAGE = 20;

  /**
   * {@code GET /v1/works?creator=0x…&limit=N&before=I}: the creator's works, newest (highest log
   * index) first, each as {@code GET /v1/works/{workId}} shows it; {@code nextBefore} continues.
   */
  void list(Context ctx) {
    String creatorParam = ctx.queryParam("creator");
    if (creatorParam == null || creatorParam.isBlank()) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "GET /v1/works lists one creator's works: give ?creator=0x followed by 40 hex digits");
    }
    Address creator;
    try {
      creator = Address.parse(creatorParam);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(ErrorKind.INVALID_REQUEST, "creator: " + e.getMessage());
    }
    long before = longParam(ctx, "before", Long.MAX_VALUE);
    long limit = longParam(ctx, "limit", DEFAULT_PAGE);
    if (limit < 1 || limit > WorkQueries.MAX_PAGE) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "limit must be between 1 and " + WorkQueries.MAX_PAGE + ", not " + limit);
    }
    WorkQueries.CreatorPage page = queries.byCreator(creator, before, (int) limit);
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.put("creator", creator.value());
    ArrayNode list = body.putArray("works");
    page.works().forEach(view -> list.add(WorkJson.view(view)));
    page.nextBefore().ifPresent(next -> body.put("nextBefore", next));
    ctx.contentType("application/json").result(body.toString());
  }

  private static long longParam(Context ctx, String name, long otherwise) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return otherwise;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new RegistryException(
        ErrorKind.INVALID_REQUEST, name + " must be a whole number, 0 or more, not '" + text + "'");
  }

  /** The work, its state, checkpoint and inclusion proof. */
  void get(Context ctx) {
    Bytes32 workId;
    try {
      workId = Bytes32.parse(ctx.pathParam("workId"));
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST, "A work id is 0x followed by 64 hex digits");
    }
    ctx.contentType("application/json").result(WorkJson.view(queries.get(workId)).toString());
  }
}
