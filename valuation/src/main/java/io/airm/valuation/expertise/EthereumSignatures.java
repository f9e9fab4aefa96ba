package io.airm.valuation.expertise;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9IntegerConverter;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Ethereum's signature conventions over secp256k1, with Bouncy Castle: Keccak-256 (the original
 * Keccak padding, not FIPS-202 SHA3-256), the EIP-191 {@code personal_sign} digest, and public-key
 * recovery from an {@code r||s||v} signature (SEC 1 v2 §4.1.6).
 */
final class EthereumSignatures {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECDomainParameters CURVE =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  static final BigInteger HALF_N = CURVE.getN().shiftRight(1);
  private static final byte[] PERSONAL_PREFIX =
      "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);

  private EthereumSignatures() {}

  /** Keccak-256 of {@code data}. */
  static byte[] keccak256(byte[] data) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, 0, data.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /** keccak256("\x19Ethereum Signed Message:\n" + decimal byte length + message). */
  static byte[] personalMessageHash(byte[] message) {
    byte[] length = Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[PERSONAL_PREFIX.length + length.length + message.length];
    System.arraycopy(PERSONAL_PREFIX, 0, all, 0, PERSONAL_PREFIX.length);
    System.arraycopy(length, 0, all, PERSONAL_PREFIX.length, length.length);
    System.arraycopy(message, 0, all, PERSONAL_PREFIX.length + length.length, message.length);
    return keccak256(all);
  }

  /** The address of a public key: the last 20 bytes of keccak256(x || y), 0x + lower-case hex. */
  static String address(ECPoint publicKey) {
    byte[] encoded = publicKey.normalize().getEncoded(false); // 0x04 || x || y
    byte[] hash = keccak256(java.util.Arrays.copyOfRange(encoded, 1, encoded.length));
    return "0x" + HexFormat.of().formatHex(hash, 12, 32);
  }

  /**
   * The address that produced {@code signature} (65 bytes r||s||v, v ∈ {27, 28} or {0, 1}) over the
   * 32-byte {@code hash}; empty when the signature is malformed, has a high s (s &gt; n/2, refused
   * as in EIP-2), or recovers no point.
   */
  static Optional<String> recoverAddress(byte[] hash, byte[] signature) {
    if (hash.length != 32 || signature.length != 65) {
      return Optional.empty();
    }
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
    int v = signature[64] & 0xff;
    int recId = v >= 27 ? v - 27 : v;
    if (recId != 0 && recId != 1) {
      return Optional.empty();
    }
    if (s.compareTo(HALF_N) > 0) {
      return Optional.empty();
    }
    return recoverPublicKey(recId, r, s, hash).map(EthereumSignatures::address);
  }

  /** SEC 1 §4.1.6 for recovery ids 0 and 1 (x = r; the x = r + n case has negligible odds). */
  static Optional<ECPoint> recoverPublicKey(int recId, BigInteger r, BigInteger s, byte[] hash) {
    BigInteger n = CURVE.getN();
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
      return Optional.empty();
    }
    if (r.compareTo(CURVE.getCurve().getField().getCharacteristic()) >= 0) {
      return Optional.empty();
    }
    ECPoint bigR;
    try {
      X9IntegerConverter converter = new X9IntegerConverter();
      byte[] compressed =
          converter.integerToBytes(r, 1 + converter.getByteLength(CURVE.getCurve()));
      compressed[0] = (byte) ((recId & 1) == 1 ? 0x03 : 0x02);
      bigR = CURVE.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException notOnCurve) {
      return Optional.empty();
    }
    // Q = r⁻¹ (s·R − e·G); secp256k1 has cofactor 1, so R·n = ∞ holds for every curve point.
    BigInteger e = new BigInteger(1, hash);
    BigInteger rInv = r.modInverse(n);
    BigInteger minusEOverR = e.negate().mod(n).multiply(rInv).mod(n);
    BigInteger sOverR = s.multiply(rInv).mod(n);
    ECPoint q =
        ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), minusEOverR, bigR, sOverR).normalize();
    return q.isInfinity() ? Optional.empty() : Optional.of(q);
  }
}
