package io.airm.ipfs.unixfs;

import io.airm.ipfs.IpfsException;
import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockSource;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.dagpb.InvalidDagPbException;
import io.airm.ipfs.dagpb.PbLink;
import io.airm.ipfs.dagpb.PbNode;
import io.airm.ipfs.multiformats.InvalidEncodingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Reads a UnixFS file back from its blocks: walks the DAG depth-first, checks every block against
 * the CID it was fetched by, and streams the content.
 *
 * <p>Raw leaves and dag-pb nodes of UnixFS type File (or the legacy Raw) are supported, including
 * nodes that hold data of their own before their children. Sizes are checked as the walk goes: each
 * child must hold exactly the bytes its parent's {@code blocksizes} entry declares, so a truncated
 * or padded file is reported rather than returned. Only the blocks on the path to the current
 * position are held in memory.
 */
public final class UnixFsReader {

  private final BlockSource source;

  /** Creates a reader that fetches blocks from {@code source}. */
  public UnixFsReader(BlockSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * The size of the file {@code root}, read from its root block alone.
   *
   * @throws io.airm.ipfs.block.BlockNotFoundException if the root block is missing
   * @throws CorruptBlockException if the root block does not hash to its CID
   * @throws InvalidUnixFsException if the root is not a UnixFS file
   */
  public long fileSize(Cid root) {
    return load(root).declaredSize();
  }

  /**
   * Opens the file {@code root} for reading.
   *
   * <p>Blocks are fetched lazily, as the stream is read. Failures surface from {@code read} as the
   * unchecked {@link IpfsException} subclasses: {@link io.airm.ipfs.block.BlockNotFoundException},
   * {@link CorruptBlockException}, {@link InvalidUnixFsException}.
   *
   * @throws IpfsException if the root block is missing, corrupt or not a UnixFS file
   */
  public InputStream open(Cid root) {
    return new FileStream(load(root));
  }

  /**
   * Copies the file {@code root} to {@code out}, returning the number of bytes copied.
   *
   * @throws IOException if writing to {@code out} fails
   */
  public long copyTo(Cid root, OutputStream out) throws IOException {
    try (InputStream in = open(root)) {
      return in.transferTo(out);
    }
  }

  /** A decoded node: its own data, its links, and the size it claims. */
  private record Node(Cid cid, byte[] data, List<PbLink> links, List<Long> blocksizes, long size) {

    long declaredSize() {
      return size;
    }
  }

  private Node load(Cid cid) {
    Block block = source.get(cid);
    if (!block.cid().multihash().equals(cid.multihash())) {
      // A Block always matches its own CID; this catches a source that answered with another one.
      throw new CorruptBlockException(cid, block.cid().multihash(), "block source " + source);
    }
    return switch (cid.codec()) {
      case RAW -> new Node(cid, block.data(), List.of(), List.of(), block.length());
      case DAG_PB -> decodeFileNode(cid, block.data());
    };
  }

  private static Node decodeFileNode(Cid cid, byte[] bytes) {
    PbNode node;
    UnixFsData unixfs;
    try {
      node = PbNode.decode(bytes);
      byte[] data = node.data();
      if (data == null) {
        throw new InvalidUnixFsException(
            "Block " + cid + " is a dag-pb node without Data, so it is not a UnixFS node.");
      }
      unixfs = UnixFsData.decode(data);
    } catch (InvalidDagPbException | InvalidEncodingException e) {
      throw new InvalidUnixFsException(
          "Block " + cid + " is not a valid UnixFS node: " + e.getMessage(), e);
    }
    if (unixfs.type() != UnixFsData.Type.FILE && unixfs.type() != UnixFsData.Type.RAW) {
      throw new InvalidUnixFsException(
          "Block "
              + cid
              + " is a UnixFS "
              + unixfs.type().specName()
              + ", not a File; only files can be read.");
    }
    if (unixfs.blocksizes().size() != node.links().size()) {
      throw new InvalidUnixFsException(
          "UnixFS node "
              + cid
              + " has "
              + node.links().size()
              + " links but "
              + unixfs.blocksizes().size()
              + " blocksizes; UnixFS requires one per link.");
    }
    long size = unixfs.dataLength();
    for (long blocksize : unixfs.blocksizes()) {
      size = Math.addExact(size, blocksize);
    }
    if (unixfs.filesize() != null && unixfs.filesize() != size) {
      throw new InvalidUnixFsException(
          "UnixFS node "
              + cid
              + " declares a filesize of "
              + unixfs.filesize()
              + " bytes, but its data and blocksizes add up to "
              + size
              + ".");
    }
    byte[] data = unixfs.data() == null ? new byte[0] : unixfs.data();
    return new Node(cid, data, node.links(), unixfs.blocksizes(), size);
  }

  /** A node being walked: which link comes next, and how many bytes had been emitted before it. */
  private static final class Frame {
    final Node node;
    final long emittedBefore;
    int nextLink;

    Frame(Node node, long emittedBefore) {
      this.node = node;
      this.emittedBefore = emittedBefore;
    }
  }

  /** Depth-first walk; invariant: the frames on the stack are the ancestors of {@code current}. */
  private final class FileStream extends InputStream {

    private final Deque<Frame> stack = new ArrayDeque<>();
    private byte[] current;
    private int position;
    private long emitted;
    private boolean closed;

    FileStream(Node root) {
      enter(root);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (closed) {
        throw new IllegalStateException("The UnixFS stream is closed.");
      }
      if (length == 0) {
        return 0;
      }
      while (current == null || position == current.length) {
        if (!advance()) {
          return -1;
        }
      }
      int count = Math.min(length, current.length - position);
      System.arraycopy(current, position, buffer, offset, count);
      position += count;
      return count;
    }

    @Override
    public int available() {
      return current == null ? 0 : current.length - position;
    }

    @Override
    public void close() {
      closed = true;
      stack.clear();
      current = null;
    }

    /** Makes {@code node}'s own data current and, if it has children, pushes it. */
    private void enter(Node node) {
      Frame frame = new Frame(node, emitted);
      current = node.data();
      position = 0;
      emitted += current.length;
      stack.push(frame);
      finishIfDone();
    }

    /** Moves to the next leaf or node with data; false at the end of the file. */
    private boolean advance() {
      Frame top = stack.peek();
      if (top == null) {
        return false;
      }
      int index = top.nextLink++;
      Cid childCid = top.node.links().get(index).hash();
      long expected = top.node.blocksizes().get(index);
      Node child = load(childCid);
      if (child.declaredSize() != expected) {
        throw new InvalidUnixFsException(
            "UnixFS node "
                + top.node.cid()
                + " declares "
                + expected
                + " bytes for its child "
                + index
                + " ("
                + childCid
                + "), but the child holds "
                + child.declaredSize()
                + ".");
      }
      enter(child);
      return true;
    }

    /** Pops every frame whose links are all walked, checking it produced what it declared. */
    private void finishIfDone() {
      while (!stack.isEmpty() && stack.peek().nextLink == stack.peek().node.links().size()) {
        Frame done = stack.pop();
        // Reached when the last byte of this node has been made current, not yet read; the
        // declared sizes were checked on entry, so this guards the walk itself.
        long produced = emitted - done.emittedBefore;
        if (produced != done.node.declaredSize()) {
          throw new InvalidUnixFsException(
              "UnixFS node "
                  + done.node.cid()
                  + " declares "
                  + done.node.declaredSize()
                  + " bytes, but its DAG holds "
                  + produced
                  + ".");
        }
      }
    }
  }
}
