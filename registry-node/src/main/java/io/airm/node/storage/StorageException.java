package io.airm.node.storage;

/** The database failed; the message names the operation. */
public class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
