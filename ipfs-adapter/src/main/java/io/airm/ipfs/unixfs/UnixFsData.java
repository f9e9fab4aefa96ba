package io.airm.ipfs.unixfs;

import io.airm.ipfs.dagpb.ProtoReader;
import io.airm.ipfs.dagpb.ProtoWriter;
import io.airm.ipfs.multiformats.InvalidEncodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * The UnixFS {@code Data} message carried in a dag-pb node's Data field.
 *
 * <p>From the UnixFS spec (https://specs.ipfs.tech/unixfs/): {@code Data {required DataType Type =
 * 1; optional bytes Data = 2; optional uint64 filesize = 3; repeated uint64 blocksizes = 4;
 * optional uint64 hashType = 5; optional uint64 fanout = 6; optional uint32 mode = 7; optional
 * UnixTime mtime = 8}}. Fields are written in field-number order, as go-unixfs's generated protobuf
 * code does, and blocksizes unpacked (proto2's default), which is what makes our bytes and
 * therefore our CIDs equal to Kubo's.
 *
 * @param type the node type
 * @param data file bytes held in this node, or null when the field is absent
 * @param filesize the number of file bytes under this node, or null when absent
 * @param blocksizes the file size of each child, in link order
 */
record UnixFsData(Type type, byte[] data, Long filesize, List<Long> blocksizes) {

  /** The UnixFS node types, with their protobuf enum values. */
  enum Type {
    RAW,
    DIRECTORY,
    FILE,
    METADATA,
    SYMLINK,
    HAMT_SHARD;

    static Type fromValue(long value) {
      if (value < 0 || value >= values().length) {
        throw new InvalidEncodingException(
            "The UnixFS node type " + value + " is not one of the six the spec defines.");
      }
      return values()[(int) value];
    }

    /** The name the UnixFS spec uses, for messages. */
    String specName() {
      return switch (this) {
        case RAW -> "Raw";
        case DIRECTORY -> "Directory";
        case FILE -> "File";
        case METADATA -> "Metadata";
        case SYMLINK -> "Symlink";
        case HAMT_SHARD -> "HAMTShard";
      };
    }
  }

  private static final int TYPE = 1;
  private static final int DATA = 2;
  private static final int FILESIZE = 3;
  private static final int BLOCKSIZES = 4;

  UnixFsData {
    blocksizes = List.copyOf(blocksizes);
  }

  /** A file leaf holding {@code length} bytes of {@code chunk}, as go-unixfs writes one. */
  static byte[] encodeFileLeaf(byte[] chunk, int length) {
    ProtoWriter out = new ProtoWriter(length + 16);
    out.uint64(TYPE, Type.FILE.ordinal());
    // go-unixfs leaves Data absent for an empty file rather than present and empty.
    if (length > 0) {
      out.bytes(DATA, chunk, 0, length);
    }
    out.uint64(FILESIZE, length);
    return out.toByteArray();
  }

  /** An interior file node: no data, the total size, and each child's size. */
  static byte[] encodeFileInterior(long filesize, long[] blocksizes, int count) {
    ProtoWriter out = new ProtoWriter(16 + count * 4);
    out.uint64(TYPE, Type.FILE.ordinal());
    out.uint64(FILESIZE, filesize);
    for (int i = 0; i < count; i++) {
      out.uint64(BLOCKSIZES, blocksizes[i]);
    }
    return out.toByteArray();
  }

  /** Decodes the message, accepting blocksizes packed or unpacked and skipping fields 5 to 8. */
  static UnixFsData decode(byte[] bytes) {
    ProtoReader in = new ProtoReader(bytes);
    Type type = null;
    byte[] data = null;
    Long filesize = null;
    List<Long> blocksizes = new ArrayList<>();
    while (in.hasMore()) {
      int tag = in.tag();
      int field = tag >>> 3;
      int wireType = tag & 7;
      if (field == TYPE && wireType == ProtoWriter.VARINT) {
        type = Type.fromValue(in.varint());
      } else if (field == DATA && wireType == ProtoWriter.LEN) {
        data = in.bytes();
      } else if (field == FILESIZE && wireType == ProtoWriter.VARINT) {
        filesize = nonNegative(in.varint(), "filesize");
      } else if (field == BLOCKSIZES && wireType == ProtoWriter.VARINT) {
        blocksizes.add(nonNegative(in.varint(), "blocksize"));
      } else if (field == BLOCKSIZES && wireType == ProtoWriter.LEN) {
        ProtoReader packed = in.message();
        while (packed.hasMore()) {
          blocksizes.add(nonNegative(packed.varint(), "blocksize"));
        }
      } else if (field <= BLOCKSIZES) {
        throw new InvalidEncodingException(
            "UnixFS field " + field + " has the wrong wire type " + wireType + ".");
      } else {
        // hashType, fanout, mode, mtime, and fields added later: metadata a file reader ignores.
        in.skip(wireType);
      }
    }
    if (type == null) {
      throw new InvalidEncodingException("The UnixFS message lacks its required Type field.");
    }
    return new UnixFsData(type, data, filesize, blocksizes);
  }

  private static long nonNegative(long value, String what) {
    if (value < 0) {
      throw new InvalidEncodingException(
          "The UnixFS "
              + what
              + " "
              + Long.toUnsignedString(value)
              + " is beyond the 2^63 bytes this adapter handles.");
    }
    return value;
  }

  /** The number of data bytes this node itself holds. */
  int dataLength() {
    return data == null ? 0 : data.length;
  }
}
