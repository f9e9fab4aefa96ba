package io.airm.node.settlement;

/**
 * A settlement document, an evidence document or a work's metadata that does not have the shape
 * SETTLEMENT.md specifies, or inputs that do not agree with each other; the message names the JSON
 * path or the work.
 */
public class SettlementFormatException extends IllegalArgumentException {
  public SettlementFormatException(String message) {
    super(message);
  }

  public SettlementFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
