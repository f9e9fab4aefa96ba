package io.airm.ipfs.car;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.BlockSource;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.dagpb.PbLink;
import io.airm.ipfs.dagpb.PbNode;
import io.airm.ipfs.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Exports the DAG under a root CID as a CARv1 stream.
 *
 * <p>Blocks are written in depth-first pre-order (a node, then each child's subtree in link order),
 * the order of Kubo's {@code ipfs dag export} and of the trustless-gateway spec's {@code
 * order=dfs}; a block reached a second time is not written again ({@code dups=n}), as Kubo does.
 * Block bytes are streamed one block at a time. What is held besides the current block is the link
 * lists along the current path (depth times fan-out CIDs) and the set of CIDs already written (one
 * CID per distinct block, which de-duplication cannot avoid).
 */
public final class CarWriter {

  /** dag-cbor (RFC 8949 major types) heads used by the header. */
  private static final int CBOR_BYTES = 2;

  private static final int CBOR_TEXT = 3;
  private static final int CBOR_ARRAY = 4;
  private static final int CBOR_MAP = 5;
  private static final int CBOR_TAG = 6;

  /** The CBOR tag IPLD registers for a CID (https://github.com/ipld/cid-cbor). */
  static final int CID_TAG = 42;

  private CarWriter() {}

  /**
   * Writes a CARv1 with {@code root} as its only root and every block reachable from it.
   *
   * <p>The stream is flushed but not closed.
   *
   * @return the number of blocks written
   * @throws BlockNotFoundException if a block of the DAG is not in {@code source}; what was written
   *     so far is then an incomplete CAR
   * @throws UncheckedIOException if {@code out} fails
   */
  public static long write(BlockSource source, Cid root, OutputStream out) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(out, "out");
    try {
      writeHeader(List.of(root), out);
      Set<Cid> written = new HashSet<>();
      // Invariant: the stack holds, for each node on the path from the root to the current node,
      // the links not yet visited, so popping an exhausted iterator resumes the parent.
      Deque<Iterator<Cid>> stack = new ArrayDeque<>();
      written.add(root);
      stack.push(writeBlock(source.get(root), out));
      while (!stack.isEmpty()) {
        Iterator<Cid> links = stack.peek();
        if (!links.hasNext()) {
          stack.pop();
          continue;
        }
        Cid child = links.next();
        if (written.add(child)) {
          stack.push(writeBlock(source.get(child), out));
        }
      }
      out.flush();
      return written.size();
    } catch (IOException e) {
      throw new UncheckedIOException("The CAR for " + root + " cannot be written.", e);
    }
  }

  /** The header section: varint length, then dag-cbor {@code {"roots": [..], "version": 1}}. */
  static void writeHeader(List<Cid> roots, OutputStream out) throws IOException {
    ByteArrayOutputStream cbor = new ByteArrayOutputStream();
    // dag-cbor sorts map keys by encoded length first, so "roots" (5) precedes "version" (7).
    writeHead(cbor, CBOR_MAP, 2);
    writeText(cbor, "roots");
    writeHead(cbor, CBOR_ARRAY, roots.size());
    for (Cid root : roots) {
      byte[] cid = root.bytes();
      writeHead(cbor, CBOR_TAG, CID_TAG);
      // cid-cbor: the byte string is the binary CID behind a 0x00 (identity multibase) prefix.
      writeHead(cbor, CBOR_BYTES, cid.length + 1L);
      cbor.write(0);
      cbor.write(cid, 0, cid.length);
    }
    writeText(cbor, "version");
    cbor.write(1); // unsigned integer 1: major type 0, value in the initial byte
    out.write(Varint.encode(cbor.size()));
    cbor.writeTo(out);
  }

  private static Iterator<Cid> writeBlock(Block block, OutputStream out) throws IOException {
    byte[] cid = block.cid().bytes();
    out.write(Varint.encode((long) cid.length + block.length()));
    out.write(cid);
    block.writeTo(out);
    return links(block).iterator();
  }

  /** The CIDs a block links to, in link order: dag-pb links; a raw block has none. */
  static List<Cid> links(Block block) {
    if (block.cid().codec() != Multicodec.DAG_PB) {
      return List.of();
    }
    return PbNode.decode(block.data()).links().stream().map(PbLink::hash).toList();
  }

  private static void writeText(ByteArrayOutputStream out, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    writeHead(out, CBOR_TEXT, utf8.length);
    out.write(utf8, 0, utf8.length);
  }

  /** A CBOR head in its shortest form, as dag-cbor requires (RFC 8949 section 4.2.1). */
  private static void writeHead(ByteArrayOutputStream out, int majorType, long value) {
    int major = majorType << 5;
    if (value < 24) {
      out.write(major | (int) value);
    } else if (value <= 0xFF) {
      out.write(major | 24);
      out.write((int) value);
    } else if (value <= 0xFFFF) {
      out.write(major | 25);
      out.write((int) (value >>> 8));
      out.write((int) value);
    } else {
      out.write(major | 26);
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.write((int) (value >>> shift));
      }
    }
  }
}
