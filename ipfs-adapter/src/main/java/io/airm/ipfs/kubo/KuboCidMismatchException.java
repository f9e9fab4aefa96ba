package io.airm.ipfs.kubo;

import io.airm.ipfs.cid.Cid;

/** Thrown when a Kubo node names stored content by a CID other than the one it must have. */
public class KuboCidMismatchException extends KuboException {

  private static final long serialVersionUID = 1L;

  private final transient Cid expected;
  private final transient Cid actual;

  /**
   * Creates an exception for {@code endpoint} answering {@code actual} where {@code expected} was
   * due.
   */
  public KuboCidMismatchException(String endpoint, Cid expected, Cid actual) {
    super(
        endpoint,
        "The Kubo RPC call "
            + endpoint
            + " returned CID "
            + actual
            + ", but the content's CID is "
            + expected
            + ".");
    this.expected = expected;
    this.actual = actual;
  }

  /** The CID computed locally from the content. */
  public Cid expected() {
    return expected;
  }

  /** The CID the node returned. */
  public Cid actual() {
    return actual;
  }
}
