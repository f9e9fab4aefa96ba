package io.airm.valuation.originality;

import io.airm.valuation.ValuationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The ISCC Data-Code (ISO 24138, algorithm v0, as iscc-core 1.3.0 {@code gen_data_code_v0}):
 * content-defined chunks found with a gear hash (FastCDC, average 1024 bytes), hashed with xxHash32
 * and summarised by ISCC's MinHash. Read as a stream; memory stays bounded by the largest chunk.
 */
public final class IsccDataCode {
  // alg_cdc_params(1024): min 256, max 8192, centre 1024 - (256 + 128), masks 2^11-1 and 2^9-1.
  private static final int MIN_SIZE = 256;
  private static final int MAX_SIZE = 8192;
  private static final int CENTER_SIZE = 640;
  private static final long MASK_S = (1L << 11) - 1;
  private static final long MASK_L = (1L << 9) - 1;

  // The published gear vector (iscc-core options.py, cdc_gear; conformance critical).
  private static final long[] GEAR = {
    1553318008, 574654857, 759734804, 310648967, 1393527547, 1195718329, 694400241, 1154184075,
    1319583805, 1298164590, 122602963, 989043992, 1918895050, 933636724, 1369634190, 1963341198,
    1565176104, 1296753019, 1105746212, 1191982839, 1195494369, 29065008, 1635524067, 722221599,
    1355059059, 564669751, 1620421856, 1100048288, 1018120624, 1087284781, 1723604070, 1415454125,
    737834957, 1854265892, 1605418437, 1697446953, 973791659, 674750707, 1669838606, 320299026,
    1130545851, 1725494449, 939321396, 748475270, 554975894, 1651665064, 1695413559, 671470969,
    992078781, 1935142196, 1062778243, 1901125066, 1935811166, 1644847216, 744420649, 2068980838,
    1988851904, 1263854878, 1979320293, 111370182, 817303588, 478553825, 694867320, 685227566,
    345022554, 2095989693, 1770739427, 165413158, 1322704750, 46251975, 710520147, 700507188,
    2104251000, 1350123687, 1593227923, 1756802846, 1179873910, 1629210470, 358373501, 807118919,
    751426983, 172199468, 174707988, 1951167187, 1328704411, 2129871494, 1242495143, 1793093310,
    1721521010, 306195915, 1609230749, 1992815783, 1790818204, 234528824, 551692332, 1930351755,
    110996527, 378457918, 638641695, 743517326, 368806918, 1583529078, 1767199029, 182158924,
    1114175764, 882553770, 552467890, 1366456705, 934589400, 1574008098, 1798094820, 1548210079,
    821697741, 601807702, 332526858, 1693310695, 136360183, 1189114632, 506273277, 397438002,
    620771032, 676183860, 1747529440, 909035644, 142389739, 1991534368, 272707803, 1905681287,
    1210958911, 596176677, 1380009185, 1153270606, 1150188963, 1067903737, 1020928348, 978324723,
    962376754, 1368724127, 1133797255, 1367747748, 1458212849, 537933020, 1295159285, 2104731913,
    1647629177, 1691336604, 922114202, 170715530, 1608833393, 62657989, 1140989235, 381784875,
    928003604, 449509021, 1057208185, 1239816707, 525522922, 476962140, 102897870, 132620570,
    419788154, 2095057491, 1240747817, 1271689397, 973007445, 1380110056, 1021668229, 12064370,
    1186917580, 1017163094, 597085928, 2018803520, 1795688603, 1722115921, 2015264326, 506263638,
    1002517905, 1229603330, 1376031959, 763839898, 1970623926, 1109937345, 524780807, 1976131071,
    905940439, 1313298413, 772929676, 1578848328, 1108240025, 577439381, 1293318580, 1512203375,
    371003697, 308046041, 320070446, 1252546340, 568098497, 1341794814, 1922466690, 480833267,
    1060838440, 969079660, 1836468543, 2049091118, 2023431210, 383830867, 2112679659, 231203270,
    1551220541, 1377927987, 275637462, 2110145570, 1700335604, 738389040, 1688841319, 1506456297,
    1243730675, 258043479, 599084776, 41093802, 792486733, 1897397356, 28077829, 1520357900,
    361516586, 1119263216, 209458355, 45979201, 363681532, 477245280, 2107748241, 601938891,
    244572459, 1689418013, 1141711990, 1485744349, 1181066840, 1950794776, 410494836, 1445347454,
    2137242950, 852679640, 1014566730, 1999335993, 1871390758, 1736439305, 231222289, 603972436,
    783045542, 370384393, 184356284, 709706295, 1453549767, 591603172, 768512391, 854125182,
  };

  private final String iscc;
  private final byte[] digest;

  private IsccDataCode(String iscc, byte[] digest) {
    this.iscc = iscc;
    this.digest = digest;
  }

  /** The 64-bit Data-Code of the bytes of {@code in}, read to its end (not closed). */
  public static IsccDataCode of(InputStream in) {
    return of(in, 64);
  }

  /** The Data-Code of {@code in} with {@code bits} (32 to 256, a multiple of 32) of digest. */
  public static IsccDataCode of(InputStream in, int bits) {
    IsccCodec.checkBits(bits);
    int[] features;
    int count;
    try {
      Chunker chunker = new Chunker(in);
      features = new int[64];
      count = 0;
      for (int[] span = chunker.next(); span != null; span = chunker.next()) {
        if (count == features.length) {
          features = Arrays.copyOf(features, count * 2);
        }
        features[count++] = XxHash32.hash(chunker.buffer, span[0], span[1], 0);
      }
    } catch (IOException e) {
      throw new ValuationException("Could not read the data for its ISCC Data-Code: " + e, e);
    }
    if (count == 0) {
      // Empty input: iscc-core hashes one empty chunk.
      features[count++] = XxHash32.hash(new byte[0], 0, 0, 0);
    }
    byte[] digest = IsccMinHash.digest256(features, count);
    return new IsccDataCode(IsccCodec.encode(IsccCodec.MT_DATA, 0, 0, bits, digest), digest);
  }

  /** The 64-bit Data-Code of {@code data}. */
  public static IsccDataCode of(byte[] data) {
    return of(new ByteArrayInputStream(data), 64);
  }

  /** The code's form {@code ISCC:GA…}. */
  public String iscc() {
    return iscc;
  }

  /** The full 256-bit digest. */
  public byte[] digest() {
    return digest.clone();
  }

  /** The first 64 bits of the digest, big-endian: the body of a 64-bit Data-Code. */
  public long digest64() {
    return IsccCodec.first64(digest);
  }

  /** Similarity of two codes' 64-bit digests: (64 − Hamming distance) / 64, in ppm. */
  public static long similarityPpm(IsccDataCode a, IsccDataCode b) {
    return IsccCodec.similarityPpm(a.digest64(), b.digest64());
  }

  @Override
  public String toString() {
    return iscc;
  }

  /**
   * Cuts a stream into chunks. A cut depends only on the bytes from the chunk's start up to {@code
   * MAX_SIZE} further (or the end of the data), so keeping at least {@code MAX_SIZE} bytes buffered
   * gives the same cuts as iscc-core chunking all the data at once.
   */
  private static final class Chunker {
    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;

    Chunker(InputStream in) {
      this.in = in;
    }

    /** The next chunk as {offset, length} in {@code buffer}, or null at the end. */
    int[] next() throws IOException {
      fill();
      int size = end - start;
      if (size == 0) {
        return null;
      }
      int cut = cutPoint(buffer, start, Math.min(size, MAX_SIZE));
      int[] span = {start, cut};
      start += cut;
      return span;
    }

    private void fill() throws IOException {
      if (end - start >= MAX_SIZE || eof) {
        return;
      }
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
      while (!eof && end < buffer.length) {
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
          eof = true;
        } else {
          end += n;
        }
      }
    }
  }

  // iscc-core alg_cdc_offset over size bytes at off (size already capped at MAX_SIZE).
  private static int cutPoint(byte[] b, int off, int size) {
    long pattern = 0;
    int i = Math.min(MIN_SIZE, size);
    int barrier = Math.min(CENTER_SIZE, size);
    while (i < barrier) {
      pattern = (pattern >>> 1) + GEAR[b[off + i] & 0xFF];
      if ((pattern & MASK_S) == 0) {
        return i + 1;
      }
      i++;
    }
    while (i < size) {
      pattern = (pattern >>> 1) + GEAR[b[off + i] & 0xFF];
      if ((pattern & MASK_L) == 0) {
        return i + 1;
      }
      i++;
    }
    return i;
  }
}
