package io.airm.ipfs.cid;

import java.util.Optional;

/** The IPLD codecs a CID may name here, with their codes from the multicodec table. */
public enum Multicodec {
  /** Protobuf-encoded Merkle DAG nodes, the codec of UnixFS files and of every CIDv0. */
  DAG_PB(0x70, "dag-pb"),
  /** Bytes with no structure: UnixFS leaves when raw leaves are on ({@code --cid-version=1}). */
  RAW(0x55, "raw");

  private final int code;
  private final String codecName;

  Multicodec(int code, String codecName) {
    this.code = code;
    this.codecName = codecName;
  }

  /** The code in the multicodec table (https://github.com/multiformats/multicodec). */
  public int code() {
    return code;
  }

  /** The name in the multicodec table, for example {@code dag-pb}. */
  public String codecName() {
    return codecName;
  }

  /** The codec with this code, or empty if this adapter does not support it. */
  public static Optional<Multicodec> fromCode(long code) {
    for (Multicodec codec : values()) {
      if (codec.code == code) {
        return Optional.of(codec);
      }
    }
    return Optional.empty();
  }
}
