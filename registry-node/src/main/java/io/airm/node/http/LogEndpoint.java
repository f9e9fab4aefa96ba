package io.airm.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.Anchor;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.InclusionProof;
import io.airm.node.domain.LogEntry;
import io.airm.node.domain.LogHead;
import io.airm.node.domain.LogLeaf;
import io.airm.node.domain.LogQueries;
import io.airm.node.domain.LogRecord;
import io.airm.node.domain.RegistryException;
import io.airm.node.domain.Work;
import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The public log, for auditors: {@code GET /v1/log} (the head), {@code /v1/log/entries} (leaves in
 * pages, each with the signed record it commits to), {@code /v1/log/consistency} and {@code
 * /v1/log/proof} (RFC 6962 proofs).
 */
public final class LogEndpoint {
  static final String HEAD = "/v1/log";
  static final String ENTRIES = "/v1/log/entries";
  static final String CONSISTENCY = "/v1/log/consistency";
  static final String PROOF = "/v1/log/proof";

  private final LogQueries queries;

  public LogEndpoint(LogQueries queries) {
    this.queries = queries;
  }

  /** {@code {"treeSize", "root", "latestCheckpoint"}}. */
  void head(Context ctx) {
    LogHead head = queries.head();
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.put("treeSize", head.treeSize());
    body.put("root", head.root().hex());
    head.latestCheckpoint().ifPresent(anchor -> body.set("latestCheckpoint", checkpoint(anchor)));
    ctx.contentType("application/json").result(body.toString());
  }

  /** {@code ?start=S&count=C}: {@code {"entries": [...]}}, fewer than C at the end of the log. */
  void entries(Context ctx) {
    long start = longParam(ctx, "start");
    // a count too large for an int is refused as any count over the page size is
    int count = (int) Math.min(longParam(ctx, "count"), Integer.MAX_VALUE);
    List<LogRecord> records = queries.entries(start, count);
    ObjectNode body = WireFormat.JSON.createObjectNode();
    ArrayNode entries = body.putArray("entries");
    records.forEach(record -> entries.add(entry(record)));
    ctx.contentType("application/json").result(body.toString());
  }

  /** {@code ?first=A&second=B}: {@code {"first", "second", "hashes"}}. */
  void consistency(Context ctx) {
    long first = longParam(ctx, "first");
    long second = longParam(ctx, "second");
    List<Bytes32> proof = queries.consistencyProof(first, second);
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.put("first", first);
    body.put("second", second);
    ArrayNode hashes = body.putArray("hashes");
    proof.forEach(h -> hashes.add(h.hex()));
    ctx.contentType("application/json").result(body.toString());
  }

  /** {@code ?index=I&treeSize=N}: {@code {"leafIndex", "treeSize", "leafHash", "hashes"}}. */
  void proof(Context ctx) {
    InclusionProof proof =
        queries.inclusionProof(longParam(ctx, "index"), longParam(ctx, "treeSize"));
    ObjectNode body = WireFormat.JSON.createObjectNode();
    body.put("leafIndex", proof.leafIndex());
    body.put("treeSize", proof.treeSize());
    body.put("leafHash", proof.leafHash().hex());
    ArrayNode hashes = body.putArray("hashes");
    proof.hashes().forEach(h -> hashes.add(h.hex()));
    ctx.contentType("application/json").result(body.toString());
  }

  /**
   * One leaf: its index, bytes and hash; for a work registration also the work id and the signed
   * record in the shape of {@code GET /v1/works/{id}} ({@code registration}, {@code signature});
   * for a usage attestation its id, whose record is at {@code GET /v1/attestations/{id}}.
   */
  static ObjectNode entry(LogRecord record) {
    LogEntry entry = record.entry();
    ObjectNode node = WireFormat.JSON.createObjectNode();
    node.put("leafIndex", entry.index());
    node.put("leaf", "0x" + HexFormat.of().formatHex(entry.leaf()));
    node.put("leafHash", entry.leafHash().hex());
    switch (entry.type()) {
      case LogLeaf.WORK_REGISTRATION -> {
        node.put("type", "work");
        entry.id().ifPresent(id -> node.put("workId", id.hex()));
        if (record.work().isPresent()) {
          Work work = record.work().get();
          node.set("registration", WireFormat.registration(work.registration()));
          node.put("signature", work.signature().toHex());
        }
      }
      case LogLeaf.ATTESTATION -> {
        node.put("type", "attestation");
        entry.id().ifPresent(id -> node.put("attestationId", id.hex()));
      }
      default -> node.put("type", "unknown");
    }
    return node;
  }

  private static ObjectNode checkpoint(Anchor anchor) {
    ObjectNode checkpoint = WireFormat.JSON.createObjectNode();
    checkpoint.put("treeSize", anchor.treeSize());
    checkpoint.put("root", anchor.root().hex());
    checkpoint.put("txHash", anchor.txHash().hex());
    anchor.blockNumber().ifPresent(b -> checkpoint.put("blockNumber", b));
    checkpoint.put("status", anchor.status().name().toLowerCase(Locale.ROOT));
    return checkpoint;
  }

  private static long longParam(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST, "The query parameter '" + name + "' is required");
    }
    if (!value.matches("[0-9]{1,18}")) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "The query parameter '"
              + name
              + "' must be a whole number of 0 or more written in decimal, not '"
              + value
              + "'");
    }
    return Long.parseLong(value);
  }
}
