package io.airm.ipfs.cid;

import io.airm.ipfs.IpfsException;

/** Thrown when a string or byte sequence is not a CID this adapter supports. */
public class InvalidCidException extends IpfsException {

  private static final long serialVersionUID = 1L;

  /** Inputs longer than this are cut in the message, so a hostile input cannot flood the log. */
  private static final int MAX_SHOWN = 120;

  private final String input;
  private final String reason;

  /**
   * Creates an exception for {@code input} (the CID text, or a hex rendering of its bytes) that
   * failed for {@code reason}, a sentence fragment such as "its codec 0x71 is not supported".
   */
  public InvalidCidException(String input, String reason) {
    super("CID '" + shorten(input) + "' is invalid: " + reason + ".");
    this.input = input;
    this.reason = reason;
  }

  /** The rejected input, uncut. */
  public String input() {
    return input;
  }

  /** Why the input was rejected, as a sentence fragment. */
  public String reason() {
    return reason;
  }

  private static String shorten(String input) {
    return input.length() <= MAX_SHOWN ? input : input.substring(0, MAX_SHOWN) + "...";
  }
}
