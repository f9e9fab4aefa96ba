package io.airm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.api.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Checks our CIDv0 against an independent implementation, {@code /usr/bin/ipfs_cid} (Debian {@code
 * ipfs-cid}), on many seeded files: the edge sizes (empty, one byte, one chunk and one byte either
 * side, one full tree level of 174 chunks and one byte either side), every power of two up to the
 * largest size, and random sizes (log-uniform, so small files are as well covered as large ones).
 * Each file is written, named by both, and deleted before the next. Arguments: [files=200]
 * [seed=20261128] [maxSize=67108864]. Prints every mismatch and the count, writes the figures to
 * {@code tests/target/bench/cid-agreement.json}, and exits 1 on any mismatch.
 */
public final class CidAgreementBenchmark {
  private static final String IPFS_CID = "/usr/bin/ipfs_cid";
  private static final int CHUNK = ImportOptions.KUBO_CHUNK_SIZE;

  private CidAgreementBenchmark() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261128L;
    long maxSize = args.length > 2 ? Long.parseLong(args[2]) : 64L << 20;
    if (!Files.isExecutable(Path.of(IPFS_CID))) {
      throw new IllegalStateException(
          IPFS_CID + " is missing; install it with 'apt-get install -y ipfs-cid'.");
    }
    List<Long> sizes = sizes(files, seed, maxSize);
    Path dir = Files.createTempDirectory("airm-cid-agreement");
    Path file = dir.resolve("content.bin");
    long totalBytes = 0;
    double oursSeconds = 0;
    double theirsSeconds = 0;
    List<String> mismatches = new ArrayList<>();
    ObjectNode result = WireFormat.JSON.createObjectNode();
    ArrayNode rows = result.putArray("files");
    System.out.printf(
        "%d files, seed %d, sizes 0 to %,d bytes; comparing with %s%n",
        sizes.size(), seed, maxSize, IPFS_CID);
    for (int i = 0; i < sizes.size(); i++) {
      long size = sizes.get(i);
      long fileSeed = seed * 1_000_003L + i;
      write(file, size, fileSeed);
      long start = System.nanoTime();
      Cid ours;
      try (InputStream in = Files.newInputStream(file)) {
        ours = UnixFsImporter.importFile(in, ImportOptions.kuboDefaultsV0()).root();
      }
      long middle = System.nanoTime();
      JsonNode theirs = ipfsCid(file);
      long end = System.nanoTime();
      oursSeconds += (middle - start) / 1e9;
      theirsSeconds += (end - middle) / 1e9;
      totalBytes += size;
      String theirV0 = theirs.path("CIDv0").asText();
      String theirV1 = theirs.path("CIDv1").asText();
      // ipfs_cid's CIDv1 names the same dag-pb root, so it checks our base32 as well.
      boolean agree = ours.toString().equals(theirV0) && ours.toV1().toString().equals(theirV1);
      ObjectNode row = rows.addObject();
      row.put("size", size);
      row.put("seed", fileSeed);
      row.put("cidV0", ours.toString());
      row.put("agrees", agree);
      if (!agree) {
        String line =
            String.format(
                "MISMATCH size %,d seed %d: ours %s / %s, ipfs_cid %s / %s",
                size, fileSeed, ours, ours.toV1(), theirV0, theirV1);
        mismatches.add(line);
        System.out.println(line);
      }
      if ((i + 1) % 25 == 0 || i + 1 == sizes.size()) {
        System.out.printf(
            "  %d/%d files, %,d MiB so far, %d mismatches%n",
            i + 1, sizes.size(), totalBytes >> 20, mismatches.size());
      }
    }
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
    result.put("fileCount", sizes.size());
    result.put("totalBytes", totalBytes);
    result.put("mismatches", mismatches.size());
    result.put("oursSeconds", oursSeconds);
    result.put("ipfsCidSeconds", theirsSeconds);
    Path out = Path.of("tests/target/bench/cid-agreement.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, result.toPrettyString());
    System.out.printf(
        "%nfiles compared: %d (%,d bytes in all); mismatches: %d%n"
            + "time naming them: ours %.1f s, ipfs_cid %.1f s (including process start)%n"
            + "figures written to %s%n",
        sizes.size(),
        totalBytes,
        mismatches.size(),
        oursSeconds,
        theirsSeconds,
        out.toAbsolutePath());
    System.exit(mismatches.isEmpty() ? 0 : 1);
  }

  /** The edge sizes, the powers of two, then seeded log-uniform sizes until there are enough. */
  static List<Long> sizes(int count, long seed, long maxSize) {
    Set<Long> sizes = new LinkedHashSet<>();
    long c = CHUNK;
    long[] edges = {
      0,
      1,
      2,
      6,
      c - 1,
      c,
      c + 1,
      2 * c - 1,
      2 * c,
      2 * c + 1,
      173 * c,
      174 * c - 1,
      174 * c,
      174 * c + 1,
      175 * c,
      2 * 174 * c,
      2 * 174 * c + 1,
      maxSize - 1,
      maxSize
    };
    for (long size : edges) {
      if (size >= 0 && size <= maxSize) {
        sizes.add(size);
      }
    }
    for (long power = 1; power <= maxSize; power <<= 1) {
      sizes.add(power);
      sizes.add(power - 1);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double logMax = Math.log(maxSize);
    while (sizes.size() < count) {
      sizes.add((long) Math.exp(random.nextDouble() * logMax));
    }
    return new ArrayList<>(sizes);
  }

  /** Writes {@code size} seeded pseudo-random bytes, 1 MiB at a time. */
  static void write(Path file, long size, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(buffer.length, left);
        for (int j = 0; j < n; j += 8) {
          long word = random.nextLong();
          for (int k = 0; k < 8 && j + k < n; k++) {
            buffer[j + k] = (byte) (word >>> (8 * k));
          }
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  /** Runs {@code ipfs_cid FILE} and parses its JSON ({@code {"CIDv0": …, "CIDv1": …}}). */
  static JsonNode ipfsCid(Path file) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(IPFS_CID, file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String stdout;
    try (InputStream in = process.getInputStream()) {
      stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int code = process.waitFor();
    if (code != 0) {
      throw new IllegalStateException(
          IPFS_CID + " exited with " + code + " on " + file + ", printing '" + stdout + "'.");
    }
    return WireFormat.JSON.readTree(stdout);
  }
}
