package io.airm.valuation.allocation;

import java.math.BigInteger;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * One leaf of a pool's allocation tree, as OpenZeppelin's {@code StandardMerkleTree} and {@code
 * MerkleProof} expect: {@code keccak256(bytes.concat(keccak256(abi.encode(uint256 index, address
 * account, uint256 amount))))}. The double hash keeps a leaf from ever being mistaken for an inner
 * node.
 *
 * @param index the leaf's position (accounts in ascending order)
 * @param account the payee, 0x lower-case hex
 * @param amountWei what the account may claim
 * @param leafHash the leaf hash, 0x hex
 */
public record AllocationLeaf(long index, String account, BigInteger amountWei, String leafHash) {
  /** The leaf of ({@code index}, {@code account}, {@code amountWei}). */
  public static AllocationLeaf of(long index, String account, BigInteger amountWei) {
    byte[] encoded = new byte[96]; // abi.encode of three static values: three 32-byte words
    word(BigInteger.valueOf(index), encoded, 0);
    byte[] address = HexFormat.of().parseHex(account.substring(2));
    System.arraycopy(address, 0, encoded, 64 - 20, 20);
    word(amountWei, encoded, 64);
    byte[] leaf = keccak256(keccak256(encoded));
    return new AllocationLeaf(index, account, amountWei, "0x" + HexFormat.of().formatHex(leaf));
  }

  private static void word(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int length = bytes.length;
    int start = 0;
    if (length > 32) { // a leading sign byte
      start = length - 32;
      length = 32;
    }
    System.arraycopy(bytes, start, out, offset + 32 - length, length);
  }

  /** Keccak-256 (Ethereum's, not the JDK's SHA3-256). */
  static byte[] keccak256(byte[] data) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, 0, data.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
