package io.airm.valuation.influence;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of {@link Int8Kernel}; loaded only when {@code jdk.incubator.vector} is
 * present. Only integer lanes are used, so the results equal the scalar loops bit for bit.
 */
final class VectorInt8 {
  private static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;
  private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
  private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
  private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
  private static final int BLOCK = 4;

  private VectorInt8() {}

  static int squaredDistance(byte[] a, byte[] b) {
    int d = a.length;
    IntVector acc0 = IntVector.zero(I256);
    IntVector acc1 = IntVector.zero(I256);
    int i = 0;
    for (; i + 16 <= d; i += 16) {
      IntVector x0 = (IntVector) ByteVector.fromArray(B64, a, i).castShape(I256, 0);
      IntVector y0 = (IntVector) ByteVector.fromArray(B64, b, i).castShape(I256, 0);
      IntVector x1 = (IntVector) ByteVector.fromArray(B64, a, i + 8).castShape(I256, 0);
      IntVector y1 = (IntVector) ByteVector.fromArray(B64, b, i + 8).castShape(I256, 0);
      IntVector d0 = x0.sub(y0);
      IntVector d1 = x1.sub(y1);
      acc0 = acc0.add(d0.mul(d0));
      acc1 = acc1.add(d1.mul(d1));
    }
    int sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < d; i++) {
      int diff = a[i] - b[i];
      sum += diff * diff;
    }
    return sum;
  }

  static int dot(byte[] a, byte[] b) {
    int d = a.length;
    IntVector acc = IntVector.zero(I256);
    int i = 0;
    for (; i + 16 <= d; i += 16) {
      ShortVector x = (ShortVector) ByteVector.fromArray(B128, a, i).castShape(S256, 0);
      ShortVector y = (ShortVector) ByteVector.fromArray(B128, b, i).castShape(S256, 0);
      // an int8 product lies in [−16256, 16384] and so fits a short lane
      ShortVector p = x.mul(y);
      acc = acc.add((IntVector) p.castShape(I256, 0)).add((IntVector) p.castShape(I256, 1));
    }
    int sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < d; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  static void dotsBlock(byte[][] probes, int from, int to, byte[][] works, int[][] out, int row) {
    int d = probes[from].length;
    int body = d - d % 16;
    short[] w = new short[d];
    short[][] p = new short[BLOCK][d];
    for (int start = from; start < to; start += BLOCK) {
      int count = Math.min(BLOCK, to - start);
      for (int q = 0; q < BLOCK; q++) {
        short[] target = p[q];
        if (q < count) {
          byte[] src = probes[start + q];
          for (int i = 0; i < d; i++) {
            target[i] = src[i];
          }
        } else {
          java.util.Arrays.fill(target, (short) 0);
        }
      }
      short[] p0 = p[0];
      short[] p1 = p[1];
      short[] p2 = p[2];
      short[] p3 = p[3];
      int[] dots = new int[BLOCK];
      for (int j = 0; j < works.length; j++) {
        // a small method, so the JIT compiles it after a few thousand works rather than
        // interpreting vector code for a whole first batch
        dot4(works[j], w, p0, p1, p2, p3, body, dots);
        int base = row + start - from;
        for (int q = 0; q < count; q++) {
          out[base + q][j] = dots[q];
        }
      }
    }
  }

  /** Dot products of one work with four widened probes, into {@code dots[0..3]}. */
  private static void dot4(
      byte[] work,
      short[] w,
      short[] p0,
      short[] p1,
      short[] p2,
      short[] p3,
      int body,
      int[] dots) {
    for (int c = 0; c < body; c += 16) {
      ((ShortVector) ByteVector.fromArray(B128, work, c).castShape(S256, 0)).intoArray(w, c);
    }
    IntVector a0 = IntVector.zero(I256);
    IntVector a1 = a0;
    IntVector a2 = a0;
    IntVector a3 = a0;
    for (int c = 0; c < body; c += 16) {
      ShortVector x = ShortVector.fromArray(S256, w, c);
      // an int8 product lies in [−16256, 16384] and so fits a short lane
      ShortVector q0 = x.mul(ShortVector.fromArray(S256, p0, c));
      ShortVector q1 = x.mul(ShortVector.fromArray(S256, p1, c));
      ShortVector q2 = x.mul(ShortVector.fromArray(S256, p2, c));
      ShortVector q3 = x.mul(ShortVector.fromArray(S256, p3, c));
      a0 = a0.add((IntVector) q0.castShape(I256, 0)).add((IntVector) q0.castShape(I256, 1));
      a1 = a1.add((IntVector) q1.castShape(I256, 0)).add((IntVector) q1.castShape(I256, 1));
      a2 = a2.add((IntVector) q2.castShape(I256, 0)).add((IntVector) q2.castShape(I256, 1));
      a3 = a3.add((IntVector) q3.castShape(I256, 0)).add((IntVector) q3.castShape(I256, 1));
    }
    int t0 = 0;
    int t1 = 0;
    int t2 = 0;
    int t3 = 0;
    for (int i = body; i < work.length; i++) {
      int x = work[i];
      t0 += x * p0[i];
      t1 += x * p1[i];
      t2 += x * p2[i];
      t3 += x * p3[i];
    }
    dots[0] = a0.reduceLanes(VectorOperators.ADD) + t0;
    dots[1] = a1.reduceLanes(VectorOperators.ADD) + t1;
    dots[2] = a2.reduceLanes(VectorOperators.ADD) + t2;
    dots[3] = a3.reduceLanes(VectorOperators.ADD) + t3;
  }
}
