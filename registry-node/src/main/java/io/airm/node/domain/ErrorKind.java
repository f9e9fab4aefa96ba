package io.airm.node.domain;

/** What went wrong with a request, in the terms a client can act on; the HTTP layer maps each. */
public enum ErrorKind {
  /** The request is malformed or a field is invalid. */
  INVALID_REQUEST,
  /** The signature is malformed, malleable, or not the creator's over this message and domain. */
  INVALID_SIGNATURE,
  /** The signed deadline has passed. */
  EXPIRED,
  /** The creator already used this nonce for a different registration. */
  NONCE_REUSED,
  /** The content does not hash to the signed content hash or CID. */
  CONTENT_MISMATCH,
  /** A referenced work does not exist. */
  UNKNOWN_REFERENCE,
  /** A work's licence forbids the use asked for (AI training). */
  LICENCE_FORBIDS,
  /** The caller may not do this (for example an attester without the role). */
  FORBIDDEN,
  /** The request conflicts with the current state (for example a pool without funds). */
  CONFLICT,
  /** The thing asked for does not exist. */
  NOT_FOUND,
  /** The request body is larger than the node accepts. */
  TOO_LARGE,
  /** The node's stored copy of content fails verification against its CID; never served. */
  CORRUPT_CONTENT,
  /**
   * The node's log is missing a leaf below its size: its storage is damaged; never papered over.
   */
  CORRUPT_LOG,
  /** An upstream service (the Kubo node) failed, hung or could not be reached. */
  UPSTREAM_FAILED,
  /** A dependency (the chain, storage) is unavailable; the request may be retried. */
  UNAVAILABLE
}
