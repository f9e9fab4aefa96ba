package io.airm.ipfs.unixfs;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockSink;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.dagpb.PbLink;
import io.airm.ipfs.dagpb.PbNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the balanced UnixFS file DAG of go-unixfs/boxo {@code importer/balanced}, one chunk at a
 * time.
 *
 * <p>boxo builds the tree recursively: the first leaf is the root; while data remains, a new root
 * at depth d+1 takes the old root as its first child and is filled with further full subtrees of
 * depth d, each node taking up to {@code maxLinks} children. The result is a left-packed tree in
 * which every subtree but the last at each level is full, and the last one may be a chain of
 * single-child nodes.
 *
 * <p>This class produces the same tree without recursion or look-ahead. {@code levels.get(k)} holds
 * the children collected so far for the open node at height k+1 (height 0 being leaves). A node is
 * closed lazily, only when a further child arrives for it while it is full, because only then is it
 * known that the node gets a parent rather than becoming the root. Memory is one chunk plus at most
 * {@code maxLinks} entries per level, whatever the file size.
 */
final class BalancedDagBuilder {

  /** A finished child: its CID, the file bytes under it, and its cumulative DAG size. */
  private record Child(Cid cid, long fileSize, long tsize) {}

  private final ImportOptions options;
  private final BlockSink sink;
  private final List<List<Child>> levels = new ArrayList<>();
  private long fileSize;
  private long blockCount;

  BalancedDagBuilder(ImportOptions options, BlockSink sink) {
    this.options = options;
    this.sink = sink;
  }

  /** Adds the next chunk, {@code length} bytes of {@code chunk}; the buffer may be reused after. */
  void add(byte[] chunk, int length) {
    if (length <= 0 || length > options.chunkSize()) {
      throw new IllegalArgumentException(
          "A chunk holds 1 to " + options.chunkSize() + " bytes, but got " + length + ".");
    }
    fileSize += length;
    push(0, leaf(chunk, length));
  }

  /** Closes every open node and returns the root; the builder must not be used afterwards. */
  Root finish() {
    Child root;
    if (levels.isEmpty()) {
      // boxo: an empty file is a single leaf with no data.
      root = leaf(new byte[0], 0);
    } else if (levels.size() == 1 && levels.get(0).size() == 1) {
      // boxo: a file of one chunk is that chunk's leaf, with no node above it.
      root = levels.get(0).get(0);
    } else {
      // Every level below the top holds at least one child (a level is only emptied when it is
      // closed, and that happens just before a new child is put in it), so closing them from the
      // bottom up leaves the top level with at least two children. levels may grow in the loop.
      for (int height = 0; height < levels.size() - 1; height++) {
        push(height + 1, close(levels.get(height)));
      }
      root = close(levels.get(levels.size() - 1));
    }
    return new Root(root.cid(), fileSize, blockCount, root.tsize());
  }

  /** The result of {@link #finish}. */
  record Root(Cid cid, long fileSize, long blockCount, long dagSize) {}

  private void push(int height, Child child) {
    if (height == levels.size()) {
      levels.add(new ArrayList<>(options.maxLinks()));
    }
    List<Child> open = levels.get(height);
    if (open.size() == options.maxLinks()) {
      push(height + 1, close(open));
    }
    open.add(child);
  }

  private Child leaf(byte[] chunk, int length) {
    if (options.rawLeaves()) {
      byte[] bytes = java.util.Arrays.copyOf(chunk, length);
      Block block = Block.raw(bytes);
      emit(block);
      // A raw block has no links, so its cumulative size is its length.
      return new Child(block.cid(), length, length);
    }
    byte[] encoded = new PbNode(List.of(), UnixFsData.encodeFileLeaf(chunk, length)).encode();
    Block block = Block.create(options.cidVersion(), Multicodec.DAG_PB, encoded);
    emit(block);
    return new Child(block.cid(), length, encoded.length);
  }

  /** Emits the interior node over {@code children} and empties the list for reuse. */
  private Child close(List<Child> children) {
    int count = children.size();
    long[] blocksizes = new long[count];
    List<PbLink> links = new ArrayList<>(count);
    long total = 0;
    long linkedTsize = 0;
    for (int i = 0; i < count; i++) {
      Child child = children.get(i);
      blocksizes[i] = child.fileSize();
      total += child.fileSize();
      linkedTsize += child.tsize();
      links.add(PbLink.unnamed(child.cid(), child.tsize()));
    }
    children.clear();
    byte[] data = UnixFsData.encodeFileInterior(total, blocksizes, count);
    byte[] encoded = new PbNode(links, data).encode();
    Block block = Block.create(options.cidVersion(), Multicodec.DAG_PB, encoded);
    emit(block);
    return new Child(block.cid(), total, encoded.length + linkedTsize);
  }

  private void emit(Block block) {
    blockCount++;
    sink.put(block);
  }
}
