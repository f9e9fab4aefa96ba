package io.airm.valuation.expertise;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.json.CanonicalJson;
import java.math.BigInteger;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/** An EIP-191 personal_sign signer for tests: deterministic RFC 6979 k, low s, v = 27/28. */
final class TestSigner {
  /** Anvil's first public development key (never holds real funds). */
  static final TestSigner ANVIL_0 =
      new TestSigner("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  /** Anvil's second public development key. */
  static final TestSigner ANVIL_1 =
      new TestSigner("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

  private final BigInteger key;
  private final ECPoint publicKey;

  TestSigner(String privateKeyHex) {
    this.key = new BigInteger(privateKeyHex, 16);
    this.publicKey = EthereumSignatures.CURVE.getG().multiply(key).normalize();
  }

  String address() {
    return EthereumSignatures.address(publicKey);
  }

  /** personal_sign over {@code message}: 0x + r || s || v. */
  String sign(byte[] message) {
    byte[] hash = EthereumSignatures.personalMessageHash(message);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(key, EthereumSignatures.CURVE));
    BigInteger[] rs = signer.generateSignature(hash);
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    if (s.compareTo(EthereumSignatures.HALF_N) > 0) {
      s = EthereumSignatures.CURVE.getN().subtract(s);
    }
    for (int recId = 0; recId < 2; recId++) {
      var q = EthereumSignatures.recoverPublicKey(recId, r, s, hash);
      if (q.isPresent() && q.get().equals(publicKey)) {
        byte[] out = new byte[65];
        System.arraycopy(unsigned32(r), 0, out, 0, 32);
        System.arraycopy(unsigned32(s), 0, out, 32, 32);
        out[64] = (byte) (27 + recId);
        return "0x" + HexFormat.of().formatHex(out);
      }
    }
    throw new IllegalStateException("No recovery id reproduces the public key");
  }

  /** The credential envelope for {@code statement}, signed by this key. */
  ObjectNode envelope(ObjectNode statement) {
    ObjectNode env = CanonicalJson.MAPPER.createObjectNode();
    env.set("statement", statement);
    env.put("signature", sign(CanonicalJson.bytes(statement)));
    return env;
  }

  private static byte[] unsigned32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
