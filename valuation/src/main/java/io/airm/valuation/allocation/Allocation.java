package io.airm.valuation.allocation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pool split among works by weight, each work's part split among its payees by their shares, and
 * the parts summed per account: the amounts sum to the pool exactly, to the wei.
 *
 * @param perWork each work's amount
 * @param perWorkPayee each work's amount per payee account
 * @param perAccount each account's total, accounts in ascending order
 */
public record Allocation(
    Map<String, BigInteger> perWork,
    Map<String, Map<String, BigInteger>> perWorkPayee,
    Map<String, BigInteger> perAccount) {

  /**
   * Splits {@code pool} by {@code weights} (work id → weight; ties among equal remainders go to the
   * smaller work id), then each work's amount among {@code payees} (ties to the smaller account).
   */
  public static Allocation split(
      BigInteger pool, Map<String, BigInteger> weights, Map<String, List<Payee>> payees) {
    Map<String, BigInteger> ordered = new TreeMap<>(weights);
    Map<String, BigInteger> perWork = LargestRemainder.split(pool, ordered);
    Map<String, Map<String, BigInteger>> perWorkPayee = new LinkedHashMap<>();
    Map<String, BigInteger> perAccount = new TreeMap<>();
    for (Map.Entry<String, BigInteger> work : perWork.entrySet()) {
      Map<String, BigInteger> shares = new TreeMap<>();
      for (Payee payee : payees.get(work.getKey())) {
        shares.put(payee.account(), BigInteger.valueOf(payee.sharesBps()));
      }
      Map<String, BigInteger> parts = LargestRemainder.split(work.getValue(), shares);
      perWorkPayee.put(work.getKey(), parts);
      parts.forEach((account, amount) -> perAccount.merge(account, amount, BigInteger::add));
    }
    return new Allocation(perWork, perWorkPayee, perAccount);
  }

  /** The claim leaves: accounts in ascending order, indexed from 0, zero amounts left out. */
  public List<AllocationLeaf> leaves() {
    List<AllocationLeaf> leaves = new ArrayList<>();
    for (Map.Entry<String, BigInteger> e : perAccount.entrySet()) {
      if (e.getValue().signum() > 0) {
        leaves.add(AllocationLeaf.of(leaves.size(), e.getKey(), e.getValue()));
      }
    }
    return leaves;
  }
}
