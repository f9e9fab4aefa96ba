package io.airm.valuation.allocation;

import io.airm.valuation.ValuationException;

/**
 * A payee of a work: an account and its share in basis points (a work's shares sum to 10,000).
 *
 * @param account a 0x-prefixed lower-case 20-byte address
 * @param sharesBps the account's share of the work's amount, in 1/10,000
 */
public record Payee(String account, int sharesBps) {
  public Payee {
    if (account == null || !account.matches("0x[0-9a-f]{40}")) {
      throw new ValuationException(
          "A payee account must be 0x followed by 40 lower-case hex digits, not " + account);
    }
    if (sharesBps <= 0 || sharesBps > 10_000) {
      throw new ValuationException(
          "A payee's share must be 1 to 10000 basis points, not " + sharesBps);
    }
  }
}
