package io.airm.ipfs.unixfs;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockSink;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.dagpb.PbLink;
import io.airm.ipfs.dagpb.PbNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A line-by-line port of boxo's recursive {@code importer/balanced} layout ({@code Layout} and
 * {@code fillNodeRec}), holding the whole file: the reference the streaming builder is checked
 * against on small chunk sizes, where trees of depth 3 and more are cheap.
 */
final class BoxoBalancedReference {

  record Node(Cid cid, long fileSize, long tsize) {}

  private final ImportOptions options;
  private final Iterator<byte[]> chunks;
  private final BlockSink sink;

  BoxoBalancedReference(ImportOptions options, List<byte[]> chunks, BlockSink sink) {
    this.options = options;
    this.chunks = chunks.iterator();
    this.sink = sink;
  }

  Node layout() {
    if (!chunks.hasNext()) {
      return leaf(new byte[0]);
    }
    Node root = leaf(chunks.next());
    for (int depth = 1; chunks.hasNext(); depth++) {
      List<Node> newRoot = new ArrayList<>();
      newRoot.add(root);
      root = fillNodeRec(newRoot, depth);
    }
    return root;
  }

  private Node fillNodeRec(List<Node> node, int depth) {
    List<Node> children = node == null ? new ArrayList<>() : node;
    while (children.size() < options.maxLinks() && chunks.hasNext()) {
      children.add(depth == 1 ? leaf(chunks.next()) : fillNodeRec(null, depth - 1));
    }
    return commit(children);
  }

  private Node leaf(byte[] chunk) {
    if (options.rawLeaves()) {
      Block block = Block.raw(chunk);
      sink.put(block);
      return new Node(block.cid(), chunk.length, chunk.length);
    }
    byte[] encoded = new PbNode(List.of(), UnixFsData.encodeFileLeaf(chunk, chunk.length)).encode();
    Block block = Block.create(options.cidVersion(), Multicodec.DAG_PB, encoded);
    sink.put(block);
    return new Node(block.cid(), chunk.length, encoded.length);
  }

  private Node commit(List<Node> children) {
    long[] sizes = new long[children.size()];
    List<PbLink> links = new ArrayList<>();
    long total = 0;
    long tsize = 0;
    for (int i = 0; i < children.size(); i++) {
      Node child = children.get(i);
      sizes[i] = child.fileSize();
      total += child.fileSize();
      tsize += child.tsize();
      links.add(PbLink.unnamed(child.cid(), child.tsize()));
    }
    byte[] encoded =
        new PbNode(links, UnixFsData.encodeFileInterior(total, sizes, sizes.length)).encode();
    Block block = Block.create(options.cidVersion(), Multicodec.DAG_PB, encoded);
    sink.put(block);
    return new Node(block.cid(), total, encoded.length + tsize);
  }
}
