package io.airm.chain.tx;

import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.Optional;

/**
 * How a submitted transaction ended, as far as the pipeline can tell. {@link Kind#UNKNOWN} is not a
 * failure: the transaction may still be mined, so a caller must not pay again.
 *
 * @param kind which of the three outcomes
 * @param nonce the nonce all siblings share
 * @param original the hash of the first transaction signed for this nonce
 * @param receipt the receipt of whichever sibling was mined, when {@link Kind#MINED}
 */
public record TxOutcome(Kind kind, BigInteger nonce, Bytes32 original, Optional<Receipt> receipt) {
  public TxOutcome {
    if (kind == null || nonce == null || original == null || receipt == null) {
      throw new IllegalArgumentException("An outcome needs its kind, nonce, original and receipt");
    }
    if ((kind == Kind.MINED) != receipt.isPresent()) {
      throw new IllegalArgumentException("Exactly the MINED outcome carries a receipt");
    }
  }

  /** The three outcomes, kept apart. */
  public enum Kind {
    /** One of the siblings was mined (it may have reverted: see the receipt's status). */
    MINED,
    /**
     * The nonce was used, confirmed, by a transaction none of ours: nothing we signed will mine.
     */
    DROPPED,
    /**
     * Timed out with no evidence either way; the pipeline keeps watching and the journal says more.
     */
    UNKNOWN
  }

  static TxOutcome mined(BigInteger nonce, Bytes32 original, Receipt receipt) {
    return new TxOutcome(Kind.MINED, nonce, original, Optional.of(receipt));
  }

  static TxOutcome of(Kind kind, BigInteger nonce, Bytes32 original) {
    return new TxOutcome(kind, nonce, original, Optional.empty());
  }
}
