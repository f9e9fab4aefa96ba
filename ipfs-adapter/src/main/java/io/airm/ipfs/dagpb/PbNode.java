package io.airm.ipfs.dagpb;

import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.InvalidCidException;
import io.airm.ipfs.multiformats.InvalidEncodingException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A dag-pb node: an ordered list of links and optional opaque data.
 *
 * <p>Encoding and decoding follow the IPLD dag-pb spec (https://ipld.io/specs/codecs/dag-pb/spec/):
 * the protobuf messages are {@code PBNode {repeated PBLink Links = 2; optional bytes Data = 1}} and
 * {@code PBLink {optional bytes Hash = 1; optional string Name = 2; optional uint64 Tsize = 3}},
 * and the canonical byte form writes all Links before Data and the link fields in the order 1, 2,
 * 3. The decoder is as strict as the spec's reference decoders: it rejects unknown fields, fields
 * out of that order, repeated fields and links without a Hash, so that one node has exactly one
 * accepted encoding.
 *
 * @param links the links, in order (UnixFS file nodes: in file order)
 * @param data the data, or null when the field is absent (absent and empty encode differently)
 */
public record PbNode(List<PbLink> links, byte[] data) {

  private static final int NODE_DATA = 1;
  private static final int NODE_LINKS = 2;
  private static final int LINK_HASH = 1;
  private static final int LINK_NAME = 2;
  private static final int LINK_TSIZE = 3;

  /** Copies the links and the data so that the node is immutable. */
  public PbNode {
    links = List.copyOf(links);
    data = data == null ? null : data.clone();
  }

  /** A copy of the data, or null if the node has none. */
  @Override
  public byte[] data() {
    return data == null ? null : data.clone();
  }

  /** Encodes the node in the canonical dag-pb form. */
  public byte[] encode() {
    int expected = (data == null ? 0 : data.length + 8) + links.size() * 48;
    ProtoWriter out = new ProtoWriter(expected);
    for (PbLink link : links) {
      ProtoWriter encodedLink = new ProtoWriter(48);
      encodedLink.bytes(LINK_HASH, link.hash().bytes());
      if (link.name() != null) {
        encodedLink.bytes(LINK_NAME, link.name().getBytes(StandardCharsets.UTF_8));
      }
      if (link.tsize() != null) {
        encodedLink.uint64(LINK_TSIZE, link.tsize());
      }
      out.bytes(NODE_LINKS, encodedLink.toByteArray());
    }
    if (data != null) {
      out.bytes(NODE_DATA, data);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a dag-pb node.
   *
   * @throws InvalidDagPbException naming what breaks the spec
   */
  public static PbNode decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      ProtoReader in = new ProtoReader(bytes);
      List<PbLink> links = new ArrayList<>();
      byte[] data = null;
      while (in.hasMore()) {
        int tag = in.tag();
        int field = tag >>> 3;
        requireWireType(tag, ProtoWriter.LEN, "PBNode");
        if (field == NODE_LINKS) {
          if (data != null) {
            throw new InvalidDagPbException(
                "The dag-pb node has a Link after its Data, which canonical dag-pb forbids.");
          }
          links.add(decodeLink(in.message(), links.size()));
        } else if (field == NODE_DATA) {
          if (data != null) {
            throw new InvalidDagPbException("The dag-pb node has more than one Data field.");
          }
          data = in.bytes();
        } else {
          throw new InvalidDagPbException(
              "The dag-pb node has an unknown field " + field + "; only 1 and 2 are allowed.");
        }
      }
      return new PbNode(links, data);
    } catch (InvalidEncodingException e) {
      throw new InvalidDagPbException(
          "The dag-pb node is not valid protobuf: " + e.getMessage(), e);
    }
  }

  private static PbLink decodeLink(ProtoReader in, int index) {
    Cid hash = null;
    String name = null;
    Long tsize = null;
    int lastField = 0;
    while (in.hasMore()) {
      int tag = in.tag();
      int field = tag >>> 3;
      if (field <= lastField) {
        throw new InvalidDagPbException(
            "Link "
                + index
                + " of the dag-pb node has field "
                + field
                + " after field "
                + lastField
                + "; the fields must appear once each, in the order Hash, Name, Tsize.");
      }
      lastField = field;
      switch (field) {
        case LINK_HASH -> {
          requireWireType(tag, ProtoWriter.LEN, "PBLink.Hash");
          byte[] cidBytes = in.bytes();
          try {
            hash = Cid.decode(cidBytes);
          } catch (InvalidCidException e) {
            throw new InvalidDagPbException(
                "Link " + index + " of the dag-pb node has an unusable Hash: " + e.getMessage(), e);
          }
        }
        case LINK_NAME -> {
          requireWireType(tag, ProtoWriter.LEN, "PBLink.Name");
          name = utf8(in.bytes(), index);
        }
        case LINK_TSIZE -> {
          requireWireType(tag, ProtoWriter.VARINT, "PBLink.Tsize");
          long value = in.varint();
          if (value < 0) {
            throw new InvalidDagPbException(
                "Link "
                    + index
                    + " of the dag-pb node has a Tsize of "
                    + Long.toUnsignedString(value)
                    + ", beyond the 2^63 bytes this adapter handles.");
          }
          tsize = value;
        }
        default ->
            throw new InvalidDagPbException(
                "Link "
                    + index
                    + " of the dag-pb node has an unknown field "
                    + field
                    + "; only 1, 2 and 3 are allowed.");
      }
    }
    if (hash == null) {
      throw new InvalidDagPbException(
          "Link " + index + " of the dag-pb node has no Hash, which the dag-pb spec requires.");
    }
    return new PbLink(hash, name, tsize);
  }

  private static String utf8(byte[] bytes, int index) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidDagPbException(
          "Link " + index + " of the dag-pb node has a Name that is not valid UTF-8.", e);
    }
  }

  private static void requireWireType(int tag, int expected, String what) {
    if ((tag & 7) != expected) {
      throw new InvalidDagPbException(
          "The dag-pb field "
              + what
              + " (field "
              + (tag >>> 3)
              + ") has wire type "
              + (tag & 7)
              + ", but must have wire type "
              + expected
              + ".");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PbNode that
        && links.equals(that.links)
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return 31 * links.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "PbNode[links="
        + links
        + ", data="
        + (data == null ? "absent" : data.length + " bytes")
        + "]";
  }
}
