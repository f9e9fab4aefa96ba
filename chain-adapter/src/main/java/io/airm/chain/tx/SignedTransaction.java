package io.airm.chain.tx;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;

/**
 * A signed transaction exactly as it is broadcast. It is stored before the first broadcast, so that
 * after a crash the same bytes (same hash, same nonce) go out again and never a second transaction.
 */
public record SignedTransaction(Bytes32 hash, String rawHex, Address from, BigInteger nonce) {
  public SignedTransaction {
    if (hash == null || from == null || nonce == null || nonce.signum() < 0) {
      throw new IllegalArgumentException("A signed transaction needs its hash, sender and nonce");
    }
    if (rawHex == null || !rawHex.startsWith("0x") || rawHex.length() < 4) {
      throw new IllegalArgumentException("A signed transaction needs its raw bytes as 0x hex");
    }
  }
}
