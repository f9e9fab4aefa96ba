package io.airm.ipfs.multiformats;

import io.airm.ipfs.IpfsException;

/** Thrown when bytes or text are not a valid varint, base32, base58btc or protobuf encoding. */
public class InvalidEncodingException extends IpfsException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a full-sentence message naming what is malformed. */
  public InvalidEncodingException(String message) {
    super(message);
  }
}
