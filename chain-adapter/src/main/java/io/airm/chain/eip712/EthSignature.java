package io.airm.chain.eip712;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A 65-byte secp256k1 signature {@code r || s || v} over a 32-byte digest, as Ethereum wallets
 * produce for EIP-712 ({@code eth_signTypedData_v4}).
 */
public record EthSignature(BigInteger r, BigInteger s, int v) {
  /** The order n of secp256k1; EIP-2 requires s <= n/2 so that a signature is not malleable. */
  public static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

  private static final BigInteger HALF_ORDER = CURVE_ORDER.shiftRight(1);

  public EthSignature {
    if (r == null || s == null || r.signum() <= 0 || s.signum() <= 0) {
      throw new InvalidSignatureException("A signature's r and s must be positive");
    }
    if (r.compareTo(CURVE_ORDER) >= 0 || s.compareTo(CURVE_ORDER) >= 0) {
      throw new InvalidSignatureException("A signature's r and s must be below the curve order");
    }
    if (v != 27 && v != 28) {
      throw new InvalidSignatureException("A signature's v must be 27 or 28 (or 0 or 1), not " + v);
    }
  }

  /** Parses 0x-prefixed hex of 65 bytes; v may be given as 0/1 or 27/28. */
  public static EthSignature parse(String hex) {
    if (hex == null || !hex.matches("0x[0-9a-fA-F]{130}")) {
      throw new InvalidSignatureException(
          "A signature must be 0x followed by 130 hex digits (65 bytes r||s||v)");
    }
    byte[] bytes = Numeric.hexStringToByteArray(hex);
    int v = bytes[64] & 0xff;
    return new EthSignature(
        new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64)),
        v < 27 ? v + 27 : v);
  }

  /** Signs a digest (already hashed; no prefix is added) with a private key, low-s. */
  public static EthSignature sign(Bytes32 digest, ECKeyPair key) {
    Sign.SignatureData data = Sign.signMessage(digest.bytes(), key, false);
    return new EthSignature(
        new BigInteger(1, data.getR()), new BigInteger(1, data.getS()), data.getV()[0] & 0xff);
  }

  /**
   * Signs a digest with the key given as hex (a dev key; real keys stay in the creator's wallet).
   */
  public static EthSignature sign(Bytes32 digest, String privateKeyHex) {
    return sign(digest, Credentials.create(privateKeyHex).getEcKeyPair());
  }

  /** Whether s is in the lower half of the curve order (EIP-2). */
  public boolean isLowS() {
    return s.compareTo(HALF_ORDER) <= 0;
  }

  /**
   * The address whose key made this signature over {@code digest}.
   *
   * @throws InvalidSignatureException if s is high or no key recovers from it
   */
  public Address recover(Bytes32 digest) {
    if (!isLowS()) {
      throw new InvalidSignatureException(
          "The signature's s is in the upper half of the curve order (EIP-2); sign again with a"
              + " wallet that produces canonical low-s signatures");
    }
    Sign.SignatureData data =
        new Sign.SignatureData(
            (byte) v, Numeric.toBytesPadded(r, 32), Numeric.toBytesPadded(s, 32));
    try {
      BigInteger publicKey = Sign.signedMessageHashToKey(digest.bytes(), data);
      return Address.parse("0x" + Keys.getAddress(publicKey));
    } catch (SignatureException | IllegalArgumentException e) {
      throw new InvalidSignatureException("No public key recovers from this signature", e);
    }
  }

  /** The 65-byte r||s||v form as 0x-prefixed hex. */
  public String toHex() {
    byte[] out = new byte[65];
    System.arraycopy(Numeric.toBytesPadded(r, 32), 0, out, 0, 32);
    System.arraycopy(Numeric.toBytesPadded(s, 32), 0, out, 32, 32);
    out[64] = (byte) v;
    return Numeric.toHexString(out);
  }

  /** The 65 bytes r||s||v. */
  public byte[] toBytes() {
    return Numeric.hexStringToByteArray(toHex());
  }
}
