package io.airm.node.gateway;

import io.airm.ipfs.IpfsException;
import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockSource;
import io.airm.ipfs.car.CarWriter;
import io.airm.ipfs.cid.Cid;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET}/{@code HEAD /ipfs/{cid}}: a trustless gateway over the node's content store.
 *
 * <p>Without a format it answers the file (with single byte ranges); with {@code Accept:
 * application/vnd.ipld.raw} or {@code ?format=raw} the root block; with {@code Accept:
 * application/vnd.ipld.car} or {@code ?format=car} the DAG as a CARv1 (depth-first, no duplicates).
 * Every block is checked against its CID before a byte of it is sent. A root that fails is a 502
 * problem; a block that fails once the answer has begun aborts the connection, so a client sees a
 * broken response, never a complete-looking one with bad bytes.
 */
public final class GatewayEndpoint {
  /** The route, shared by the file and the trustless formats. */
  public static final String PATH = "/ipfs/{cid}";

  private static final Logger LOG = LoggerFactory.getLogger(GatewayEndpoint.class);
  private static final String CACHE_CONTROL = "public, max-age=29030400, immutable";
  private static final int BUFFER = 64 * 1024;

  private final ContentStore content;

  /** Serves what {@code content} holds. */
  public GatewayEndpoint(ContentStore content) {
    this.content = content;
  }

  /** Answers {@code GET} and {@code HEAD} alike; a {@code HEAD} gets the headers only. */
  public void handle(Context ctx) throws IOException {
    String text = ctx.pathParam("cid");
    Cid cid;
    try {
      cid = Cid.parse(text);
    } catch (IpfsException e) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST, "The path holds no valid CID: " + e.getMessage(), e);
    }
    ResponseFormat format = ResponseFormat.of(ctx.queryParam("format"), ctx.header("Accept"));
    boolean head = ctx.method() == HandlerType.HEAD;
    switch (format) {
      case RAW -> raw(ctx, text, format, head);
      case CAR -> car(ctx, cid, text, format, head);
      case FILE -> file(ctx, text, format, head);
    }
  }

  private void raw(Context ctx, String cid, ResponseFormat format, boolean head)
      throws IOException {
    byte[] block = content.block(cid).orElseThrow(() -> notFound(cid));
    if (notModified(ctx, cid, format)) {
      return;
    }
    HttpServletResponse res = ctx.res();
    res.setHeader("X-Ipfs-Roots", cid);
    res.setContentLengthLong(block.length);
    if (!head) {
      res.getOutputStream().write(block);
    }
  }

  private void car(Context ctx, Cid cid, String text, ResponseFormat format, boolean head)
      throws IOException {
    // Checks the root before a byte goes out: a corrupt root is still a clean 502.
    content.block(text).orElseThrow(() -> notFound(text));
    if (notModified(ctx, text, format)) {
      return;
    }
    HttpServletResponse res = ctx.res();
    res.setHeader("X-Ipfs-Roots", text);
    res.setHeader("Content-Disposition", "attachment; filename=\"" + text + ".car\"");
    if (head) {
      return;
    }
    OutputStream out = res.getOutputStream();
    try {
      CarWriter.write(verifiedBlocks(), cid, out);
    } catch (UncheckedIOException e) {
      LOG.debug("The client of {} went away: {}", text, e.toString());
    } catch (RuntimeException e) {
      abort(ctx, text, e);
    }
  }

  private void file(Context ctx, String cid, ResponseFormat format, boolean head)
      throws IOException {
    long size = content.fileSize(cid).orElseThrow(() -> notFound(cid));
    if (notModified(ctx, cid, format)) {
      return;
    }
    HttpServletResponse res = ctx.res();
    res.setHeader("Accept-Ranges", "bytes");
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(ctx.header("Range"), size);
    } catch (ByteRange.UnsatisfiableException e) {
      res.setHeader("Content-Range", "bytes */" + size);
      throw new HttpResponseException(416, e.getMessage());
    }
    long first = range.map(ByteRange::first).orElse(0L);
    long length = range.map(ByteRange::length).orElse(size);
    if (range.isPresent()) {
      res.setStatus(206);
      res.setHeader("Content-Range", range.get().contentRange(size));
    }
    res.setContentLengthLong(length);
    if (head) {
      return;
    }
    InputStream in = content.open(cid).orElseThrow(() -> notFound(cid));
    OutputStream out = res.getOutputStream();
    try (in) {
      in.skipNBytes(first);
      copy(in, out, length);
    } catch (RuntimeException e) {
      abort(ctx, cid, e);
    } catch (IOException e) {
      LOG.debug("The client of {} went away: {}", cid, e.toString());
    }
  }

  /** Sets the headers every answer about content shares; true (and a 304) if the client has it. */
  private static boolean notModified(Context ctx, String cid, ResponseFormat format) {
    String etag = format.etag(cid);
    HttpServletResponse res = ctx.res();
    res.setContentType(format.contentType());
    res.setHeader("ETag", etag);
    res.setHeader("Cache-Control", CACHE_CONTROL);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Vary", "Accept");
    res.setHeader("X-Ipfs-Path", "/ipfs/" + cid);
    if (matches(ctx.header("If-None-Match"), etag)) {
      res.setStatus(304);
      return true;
    }
    return false;
  }

  /** RFC 9110 section 13.1.2: weak comparison, a list of tags, or {@code *}. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /** Blocks from the store, re-checked here so that no store can hand the gateway bad bytes. */
  private BlockSource verifiedBlocks() {
    return new BlockSource() {
      @Override
      public Optional<Block> find(Cid cid) {
        return content.block(cid.toString()).map(bytes -> Block.of(cid, bytes));
      }

      @Override
      public String toString() {
        return "the node's content store";
      }
    };
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("The file ended " + left + " bytes before its declared size.");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  /**
   * Ends a response that has begun without completing it: the connection is reset, so the client
   * cannot take a truncated body (chunked or with a Content-Length) for a whole one.
   */
  private static void abort(Context ctx, String cid, Exception cause) {
    LOG.error("Aborted the answer for {} mid-stream: {}", cid, cause.getMessage());
    ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(cause);
  }

  private static RegistryException notFound(String cid) {
    return new RegistryException(ErrorKind.NOT_FOUND, "This node holds no content " + cid + ".");
  }
}
