package io.airm.valuation.influence;

import io.airm.valuation.ValuationException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Int8 embeddings: decoding the bytes an input document carries, and the one quantisation rule for
 * a caller that starts from floats.
 *
 * <p>Quantisation rule, reproducible in any language: {@code q[i] = clamp(roundHalfEven(v[i] ×
 * scale), −127, 127)}, where the product is taken in IEEE 754 double precision. The product of two
 * floats is exact in a double (24 + 24 significand bits ≤ 53), so the only rounding is the
 * half-to-even step, and the result is the same on every platform. −128 is never produced, so the
 * scale is symmetric around zero.
 */
public final class Int8Embeddings {
  private Int8Embeddings() {}

  /**
   * Quantises {@code v} with the multiplier {@code scale} (e.g. {@code 127 / max|v|}) by the rule
   * in the class comment.
   *
   * @throws ValuationException if a component or the scale is NaN or infinite, or the scale is not
   *     positive
   */
  public static byte[] quantise(float[] v, float scale) {
    if (!Float.isFinite(scale) || scale <= 0) {
      throw new ValuationException("Quantisation scale must be finite and positive, not " + scale);
    }
    byte[] q = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new ValuationException("Embedding component " + i + " is " + v[i]);
      }
      double scaled = Math.rint((double) v[i] * (double) scale); // rint rounds half to even
      q[i] = (byte) Math.max(-127, Math.min(127, scaled));
    }
    return q;
  }

  /**
   * Quantises {@code v} with the symmetric scale {@code 127f / max|v[i]|} (float division, IEEE
   * 754, correctly rounded); an all-zero vector quantises to zeros.
   */
  public static byte[] quantiseSymmetric(float[] v) {
    float max = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new ValuationException("Embedding component " + i + " is " + v[i]);
      }
      max = Math.max(max, Math.abs(v[i]));
    }
    return max == 0 ? new byte[v.length] : quantise(v, 127f / max);
  }

  /**
   * Decodes standard base64 (RFC 4648 §4, with padding) of the raw int8 bytes, one byte per
   * component, two's complement.
   *
   * @throws ValuationException if the text is not base64 or does not decode to {@code dimension}
   *     bytes
   */
  public static byte[] fromBase64(String text, int dimension) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ValuationException("Embedding is not valid base64: " + e.getMessage(), e);
    }
    return checkLength(bytes, dimension);
  }

  /** Decodes hex (either case, no prefix) of the raw int8 bytes. */
  public static byte[] fromHex(String text, int dimension) {
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new ValuationException("Embedding is not valid hex: " + e.getMessage(), e);
    }
    return checkLength(bytes, dimension);
  }

  /** Standard base64 of the raw bytes; the inverse of {@link #fromBase64}. */
  public static String toBase64(byte[] embedding) {
    return Base64.getEncoder().encodeToString(embedding);
  }

  private static byte[] checkLength(byte[] bytes, int dimension) {
    if (bytes.length != dimension) {
      throw new ValuationException(
          "Embedding decodes to " + bytes.length + " bytes, but the dimension is " + dimension);
    }
    return bytes;
  }
}
