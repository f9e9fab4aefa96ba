package io.airm.valuation.allocation;

import io.airm.valuation.ValuationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an integer total in proportion to integer weights so that the parts sum to the total
 * exactly (the largest-remainder method, also called Hamilton's):
 *
 * <ol>
 *   <li>each key gets {@code floor(total × weight / Σweights)};
 *   <li>the {@code total − Σfloors} units left over go, one each, to the keys with the largest
 *       remainders {@code (total × weight) mod Σweights}; equal remainders are ordered by key
 *       (ascending, {@code String.compareTo}).
 * </ol>
 *
 * If every weight is zero, the total is split equally the same way (every weight taken as 1).
 */
public final class LargestRemainder {
  private LargestRemainder() {}

  /** The parts of {@code total}, by key, in the order the keys were given. */
  public static Map<String, BigInteger> split(BigInteger total, Map<String, BigInteger> weights) {
    if (total.signum() < 0) {
      throw new ValuationException("Cannot split a negative total " + total);
    }
    if (weights.isEmpty()) {
      throw new ValuationException("Cannot split " + total + " among nobody");
    }
    BigInteger sum = BigInteger.ZERO;
    for (Map.Entry<String, BigInteger> e : weights.entrySet()) {
      if (e.getValue().signum() < 0) {
        throw new ValuationException("The weight of " + e.getKey() + " is negative");
      }
      sum = sum.add(e.getValue());
    }
    boolean equal = sum.signum() == 0;
    if (equal) {
      sum = BigInteger.valueOf(weights.size());
    }
    Map<String, BigInteger> parts = new LinkedHashMap<>();
    List<String[]> remainders = new ArrayList<>();
    List<BigInteger> remainderValues = new ArrayList<>();
    BigInteger assigned = BigInteger.ZERO;
    for (Map.Entry<String, BigInteger> e : weights.entrySet()) {
      BigInteger weight = equal ? BigInteger.ONE : e.getValue();
      BigInteger[] qr = total.multiply(weight).divideAndRemainder(sum);
      parts.put(e.getKey(), qr[0]);
      assigned = assigned.add(qr[0]);
      remainders.add(new String[] {e.getKey()});
      remainderValues.add(qr[1]);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < remainders.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.<Integer, BigInteger>comparing(remainderValues::get)
            .reversed()
            .thenComparing(i -> remainders.get(i)[0]));
    BigInteger left = total.subtract(assigned); // fewer units than keys, by construction
    for (int i = 0; left.signum() > 0; i++, left = left.subtract(BigInteger.ONE)) {
      String key = remainders.get(order.get(i))[0];
      parts.put(key, parts.get(key).add(BigInteger.ONE));
    }
    return parts;
  }
}
