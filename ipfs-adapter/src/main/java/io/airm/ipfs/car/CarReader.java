package io.airm.ipfs.car;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockSink;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.InvalidCidException;
import io.airm.ipfs.cid.Multihash;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a CARv1 stream, verifying every block's bytes against its CID.
 *
 * <p>{@link #importInto} is all-or-nothing: the stream is first copied to a staging file in a
 * temporary directory while every section is parsed and every block hashed; only once the whole CAR
 * has verified is the staging file read again and each block handed to the sink (and hashed again,
 * since {@link Block#of} always checks). A CAR with one bad block, a malformed header or a
 * truncated section therefore puts nothing. Memory use is one block at a time.
 *
 * <p>Only CIDs this adapter supports (dag-pb and raw, sha2-256) are accepted; a block in another
 * codec makes the CAR invalid rather than being silently dropped.
 */
public final class CarReader {

  /** The largest header accepted; real headers are tens of bytes per root. */
  public static final int MAX_HEADER_LENGTH = 1 << 20;

  /** The largest section (CID plus block) accepted: well above Kubo's 2 MiB block limit. */
  public static final int MAX_SECTION_LENGTH = 8 << 20;

  private CarReader() {}

  /**
   * Verifies a whole CAR and only then puts every block into {@code sink}, staging it in the system
   * temporary directory.
   *
   * @return the roots the header declares
   * @throws InvalidCarException if the stream is not a well-formed CARv1; nothing is put
   * @throws CorruptBlockException naming the CID if a block's bytes do not hash to it; nothing is
   *     put
   * @throws UncheckedIOException if the stream or the staging file cannot be read or written
   */
  public static List<Cid> importInto(InputStream in, BlockSink sink) {
    return importInto(in, sink, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * Like {@link #importInto(InputStream, BlockSink)}, staging in {@code stagingDirectory} (best on
   * the same disk as the store, and large enough for the CAR).
   */
  public static List<Cid> importInto(InputStream in, BlockSink sink, Path stagingDirectory) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sink, "sink");
    Path staged = null;
    try {
      staged = Files.createTempFile(stagingDirectory, "car-import-", ".car");
      try (OutputStream copy = new BufferedOutputStream(Files.newOutputStream(staged))) {
        parse(new TeeInputStream(in, copy), block -> {});
      }
      try (InputStream verified = new BufferedInputStream(Files.newInputStream(staged))) {
        return parse(verified, sink::put);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The CAR cannot be staged in " + stagingDirectory + ".", e);
    } finally {
      if (staged != null) {
        try {
          Files.deleteIfExists(staged);
        } catch (IOException e) {
          // Left behind in a temporary directory; nothing depends on it.
        }
      }
    }
  }

  /**
   * Parses and verifies a whole CAR without keeping any block.
   *
   * @return the roots the header declares
   * @throws InvalidCarException if the stream is not a well-formed CARv1
   * @throws CorruptBlockException naming the CID if a block's bytes do not hash to it
   */
  public static List<Cid> verify(InputStream in) {
    Objects.requireNonNull(in, "in");
    try {
      return parse(new BufferedInputStream(in), block -> {});
    } catch (IOException e) {
      throw new UncheckedIOException("The CAR cannot be read.", e);
    }
  }

  /** Reads the header and every section, handing each verified block to {@code blocks}. */
  static List<Cid> parse(InputStream stream, Consumer<Block> blocks) throws IOException {
    CountingInput in = new CountingInput(stream);
    int first = in.read();
    if (first < 0) {
      throw new InvalidCarException("The CAR is empty: it has no header.");
    }
    long headerLength = in.readVarint(first, "the header length");
    if (headerLength == 0 || headerLength > MAX_HEADER_LENGTH) {
      throw new InvalidCarException(
          "The CAR header length is "
              + headerLength
              + " bytes, but it must be between 1 and "
              + MAX_HEADER_LENGTH
              + ".");
    }
    List<Cid> roots = Header.decode(in.readFully((int) headerLength, "the header"));
    while (true) {
      long offset = in.position();
      int b = in.read();
      if (b < 0) {
        return roots;
      }
      long length = in.readVarint(b, "the length of the section at byte offset " + offset);
      if (length == 0 || length > MAX_SECTION_LENGTH) {
        throw new InvalidCarException(
            "The section at byte offset "
                + offset
                + " of the CAR declares "
                + length
                + " bytes, but a section is between 1 and "
                + MAX_SECTION_LENGTH
                + " bytes.");
      }
      long start = in.position();
      Cid cid = readCid(in, offset);
      long cidLength = in.position() - start;
      if (cidLength > length) {
        throw new InvalidCarException(
            "The section at byte offset "
                + offset
                + " of the CAR declares "
                + length
                + " bytes, fewer than its "
                + cidLength
                + "-byte CID "
                + cid
                + ".");
      }
      byte[] data = in.readFully((int) (length - cidLength), "block " + cid);
      try {
        blocks.accept(Block.of(cid, data));
      } catch (CorruptBlockException e) {
        throw new CorruptBlockException(
            cid, e.actual(), "the CAR section at byte offset " + offset);
      }
    }
  }

  private static Cid readCid(CountingInput in, long sectionOffset) throws IOException {
    String what = "the CID of the section at byte offset " + sectionOffset;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b0 = in.readByte(what);
    if (b0 == Multihash.SHA2_256) {
      // CARv1 spec: a CIDv0 is a bare sha2-256 multihash, 0x12 0x20 followed by 32 bytes.
      bytes.write(b0);
      int b1 = in.readByte(what);
      bytes.write(b1);
      if (b1 == Multihash.SHA2_256_LENGTH) {
        bytes.write(in.readFully(Multihash.SHA2_256_LENGTH, what));
      }
    } else {
      long version = in.readVarint(b0, what, bytes);
      if (version != 1) {
        throw new InvalidCarException(
            "The CID of the section at byte offset "
                + sectionOffset
                + " has version "
                + version
                + ", but only CIDv0 and CIDv1 exist.");
      }
      in.readVarint(in.readByte(what), what, bytes); // codec
      in.readVarint(in.readByte(what), what, bytes); // multihash function
      long digestLength = in.readVarint(in.readByte(what), what, bytes);
      if (digestLength > 128) {
        throw new InvalidCarException(
            "The CID of the section at byte offset "
                + sectionOffset
                + " declares a "
                + digestLength
                + "-byte digest, which no supported hash has.");
      }
      bytes.write(in.readFully((int) digestLength, what));
    }
    try {
      return Cid.decode(bytes.toByteArray());
    } catch (InvalidCidException e) {
      throw new InvalidCarException(
          "The CID of the section at byte offset "
              + sectionOffset
              + " is not supported: "
              + e.getMessage(),
          e);
    }
  }

  /** The dag-cbor header {@code {"roots": [CID...], "version": 1}}, decoded strictly. */
  private static final class Header {

    private final ByteBuffer in;

    private Header(byte[] bytes) {
      this.in = ByteBuffer.wrap(bytes);
    }

    static List<Cid> decode(byte[] bytes) {
      return new Header(bytes).decodeMap();
    }

    private List<Cid> decodeMap() {
      long entries = expect(5, "a map");
      List<Cid> roots = null;
      Long version = null;
      for (long i = 0; i < entries; i++) {
        String key = text();
        switch (key) {
          case "roots" -> roots = rootsArray();
          case "version" -> version = expect(0, "an unsigned integer for \"version\"");
          default ->
              throw new InvalidCarException(
                  "The CAR header has the key \""
                      + key
                      + "\"; a CARv1 header has only"
                      + " \"roots\" and \"version\".");
        }
      }
      if (in.hasRemaining()) {
        throw new InvalidCarException(
            "The CAR header has " + in.remaining() + " trailing byte(s) after its map.");
      }
      if (version == null) {
        throw new InvalidCarException("The CAR header has no \"version\".");
      }
      if (version != 1) {
        throw new InvalidCarException(
            "The CAR header declares version " + version + ", but only CARv1 is supported.");
      }
      if (roots == null) {
        throw new InvalidCarException("The CAR header has no \"roots\".");
      }
      return List.copyOf(roots);
    }

    private List<Cid> rootsArray() {
      long count = expect(4, "an array for \"roots\"");
      List<Cid> roots = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        long tag = expect(6, "a tagged CID in \"roots\"");
        if (tag != CarWriter.CID_TAG) {
          throw new InvalidCarException(
              "Root " + i + " in the CAR header has CBOR tag " + tag + ", but a CID is tag 42.");
        }
        byte[] bytes = bytes(expect(2, "a byte string for root " + i));
        if (bytes.length < 2 || bytes[0] != 0) {
          throw new InvalidCarException(
              "Root " + i + " in the CAR header does not start with the 0x00 multibase prefix.");
        }
        byte[] cid = new byte[bytes.length - 1];
        System.arraycopy(bytes, 1, cid, 0, cid.length);
        try {
          roots.add(Cid.decode(cid));
        } catch (InvalidCidException e) {
          throw new InvalidCarException(
              "Root " + i + " in the CAR header is not a supported CID: " + e.getMessage(), e);
        }
      }
      return roots;
    }

    private String text() {
      return new String(bytes(expect(3, "a text key")), StandardCharsets.UTF_8);
    }

    private byte[] bytes(long length) {
      if (length > in.remaining()) {
        throw new InvalidCarException(
            "The CAR header is truncated: a string of "
                + length
                + " bytes has only "
                + in.remaining()
                + " left.");
      }
      byte[] out = new byte[(int) length];
      in.get(out);
      return out;
    }

    /** Reads a CBOR head of {@code majorType} and returns its argument. */
    private long expect(int majorType, String what) {
      int offset = in.position();
      if (!in.hasRemaining()) {
        throw new InvalidCarException(
            "The CAR header is truncated at byte " + offset + " where " + what + " should be.");
      }
      int initial = in.get() & 0xFF;
      if (initial >>> 5 != majorType) {
        throw new InvalidCarException(
            "The CAR header has CBOR major type "
                + (initial >>> 5)
                + " at byte "
                + offset
                + " where "
                + what
                + " should be.");
      }
      int info = initial & 0x1F;
      if (info < 24) {
        return info;
      }
      if (info > 27) {
        throw new InvalidCarException(
            "The CAR header uses CBOR additional information "
                + info
                + " at byte "
                + offset
                + ", which dag-cbor forbids (no indefinite lengths).");
      }
      int size = 1 << (info - 24);
      if (in.remaining() < size) {
        throw new InvalidCarException("The CAR header is truncated at byte " + offset + ".");
      }
      long value = 0;
      for (int i = 0; i < size; i++) {
        value = (value << 8) | (in.get() & 0xFF);
      }
      if (value < 0 || value > Integer.MAX_VALUE) {
        throw new InvalidCarException(
            "The CAR header has an implausibly large CBOR value at byte " + offset + ".");
      }
      return value;
    }
  }

  /** An input stream reader that knows its offset and names what a truncation cut short. */
  private static final class CountingInput {

    private final InputStream in;
    private long position;

    CountingInput(InputStream in) {
      this.in = in;
    }

    long position() {
      return position;
    }

    int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        position++;
      }
      return b;
    }

    int readByte(String what) throws IOException {
      int b = read();
      if (b < 0) {
        throw truncated(what);
      }
      return b;
    }

    byte[] readFully(int length, String what) throws IOException {
      byte[] out = in.readNBytes(length);
      position += out.length;
      if (out.length < length) {
        throw new InvalidCarException(
            "The CAR is truncated: "
                + what
                + " needs "
                + length
                + " bytes but the stream ends after "
                + out.length
                + ", at byte offset "
                + position
                + ".");
      }
      return out;
    }

    long readVarint(int first, String what) throws IOException {
      return readVarint(first, what, null);
    }

    /**
     * Reads an unsigned varint whose first byte has been read, by the multiformats rules (at most 9
     * bytes, minimal), copying its bytes to {@code copy} if given.
     */
    long readVarint(int first, String what, ByteArrayOutputStream copy) throws IOException {
      long start = position - 1;
      long value = 0;
      int b = first;
      for (int i = 0; ; i++) {
        if (copy != null) {
          copy.write(b);
        }
        value |= (long) (b & 0x7F) << (7 * i);
        if ((b & 0x80) == 0) {
          if (b == 0 && i > 0) {
            throw new InvalidCarException(
                "The varint for "
                    + what
                    + " at byte offset "
                    + start
                    + " of the CAR is not minimally encoded.");
          }
          return value;
        }
        if (i + 1 == 9) {
          throw new InvalidCarException(
              "The varint for "
                  + what
                  + " at byte offset "
                  + start
                  + " of the CAR is longer than 9 bytes.");
        }
        b = readByte(what);
      }
    }

    private InvalidCarException truncated(String what) {
      return new InvalidCarException(
          "The CAR is truncated: it ends at byte offset " + position + " inside " + what + ".");
    }
  }

  /** Copies everything read to a second stream. */
  private static final class TeeInputStream extends InputStream {

    private final InputStream in;
    private final OutputStream copy;

    TeeInputStream(InputStream in, OutputStream copy) {
      this.in = new BufferedInputStream(in);
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        copy.write(buffer, offset, n);
      }
      return n;
    }
  }
}
