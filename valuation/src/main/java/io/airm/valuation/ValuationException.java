package io.airm.valuation;

/** The valuation module's one exception family: bad input, bad model, or a failed check. */
public class ValuationException extends RuntimeException {
  public ValuationException(String message) {
    super(message);
  }

  public ValuationException(String message, Throwable cause) {
    super(message, cause);
  }
}
