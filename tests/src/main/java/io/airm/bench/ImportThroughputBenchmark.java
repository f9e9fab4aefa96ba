package io.airm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.ImportResult;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.api.WireFormat;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Throughput of the streaming importer on one large seeded file, beside {@code /usr/bin/ipfs_cid}
 * (Debian {@code ipfs-cid}) on the same file in the same run. Our figures are for {@code ipfs add}
 * with Kubo's defaults (CIDv0) and with {@code --cid-version=1} (raw leaves), each after one
 * unmeasured warm-up pass, with the peak heap over the pass: the sum of every heap pool's peak
 * usage, reset before it (an upper bound, since pools need not peak together). Run it with a small
 * {@code -Xmx} to show that memory does not grow with the file. {@code ipfs_cid}'s time is wall
 * time around the process, start-up included. Arguments: [file=tests/target/bench/import-1gib.bin]
 * [size=1073741824] [seed=4242] [rounds=2]; the file is generated once and kept for later runs.
 * Figures: {@code tests/target/bench/import-throughput.json}.
 */
public final class ImportThroughputBenchmark {
  private ImportThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "tests/target/bench/import-1gib.bin");
    long size = args.length > 1 ? Long.parseLong(args[1]) : 1L << 30;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 4242L;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!Files.exists(file) || Files.size(file) != size) {
      System.out.printf("generating %s (%,d bytes, seed %d)...%n", file, size, seed);
      CidAgreementBenchmark.write(file, size, seed);
    }
    double mib = size / (double) (1 << 20);
    System.out.printf(
        "file %s, %,d bytes; max heap %d MiB; %d measured rounds (best kept)%n",
        file, size, Runtime.getRuntime().maxMemory() >> 20, rounds);

    Measure v0 = null;
    Measure v1 = null;
    double theirsSeconds = Double.MAX_VALUE;
    String theirCid = null;
    measure(file, ImportOptions.kuboDefaultsV0()); // warm-up: JIT and the page cache
    for (int round = 0; round < rounds; round++) {
      Measure a = measure(file, ImportOptions.kuboDefaultsV0());
      Measure b = measure(file, ImportOptions.kuboCidV1());
      long start = System.nanoTime();
      JsonNode theirs = CidAgreementBenchmark.ipfsCid(file);
      double seconds = (System.nanoTime() - start) / 1e9;
      theirCid = theirs.path("CIDv0").asText();
      v0 = v0 == null || a.seconds() < v0.seconds() ? a : v0;
      v1 = v1 == null || b.seconds() < v1.seconds() ? b : v1;
      theirsSeconds = Math.min(theirsSeconds, seconds);
      System.out.printf(
          "round %d: ours v0 %.1f MiB/s, ours v1 %.1f MiB/s, ipfs_cid %.1f MiB/s%n",
          round + 1, mib / a.seconds(), mib / b.seconds(), mib / seconds);
    }
    boolean agree = v0.result().root().toString().equals(theirCid);
    double theirsRate = mib / theirsSeconds;
    double v0Rate = mib / v0.seconds();
    double v1Rate = mib / v1.seconds();
    System.out.println();
    System.out.printf(
        "ours, CIDv0 (Kubo defaults):      %8.1f MiB/s  %6.2f s  peak heap %5.1f MiB  %s%n",
        v0Rate, v0.seconds(), v0.peakHeapBytes() / 1048576.0, v0.result().root());
    System.out.printf(
        "ours, CIDv1 (--cid-version=1):    %8.1f MiB/s  %6.2f s  peak heap %5.1f MiB  %s%n",
        v1Rate, v1.seconds(), v1.peakHeapBytes() / 1048576.0, v1.result().root());
    System.out.printf(
        "ipfs_cid (wall time, one process): %7.1f MiB/s  %6.2f s                       %s%n",
        theirsRate, theirsSeconds, theirCid);
    System.out.printf(
        "ratio ours / ipfs_cid: CIDv0 %.2f, CIDv1 %.2f; CIDv0 agrees with ipfs_cid: %s%n",
        v0Rate / theirsRate, v1Rate / theirsRate, agree);

    ObjectNode out = WireFormat.JSON.createObjectNode();
    out.put("fileBytes", size);
    out.put("seed", seed);
    out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    out.put("oursV0MiBPerSecond", v0Rate);
    out.put("oursV1MiBPerSecond", v1Rate);
    out.put("oursV0PeakHeapBytes", v0.peakHeapBytes());
    out.put("oursV1PeakHeapBytes", v1.peakHeapBytes());
    out.put("ipfsCidMiBPerSecond", theirsRate);
    out.put("ratioV0", v0Rate / theirsRate);
    out.put("ratioV1", v1Rate / theirsRate);
    out.put("cidV0", v0.result().root().toString());
    out.put("cidV1", v1.result().root().toString());
    out.put("ipfsCidV0", theirCid);
    Path json = Path.of("tests/target/bench/import-throughput.json");
    Files.createDirectories(json.getParent());
    Files.writeString(json, out.toPrettyString());
    System.out.println("figures written to " + json.toAbsolutePath());
    System.exit(agree ? 0 : 1);
  }

  /** One import: its result, wall seconds, and the summed peaks of the heap pools. */
  private record Measure(ImportResult result, double seconds, long peakHeapBytes) {}

  private static Measure measure(Path file, ImportOptions options) throws Exception {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    ImportResult result;
    try (InputStream in = Files.newInputStream(file)) {
      result = UnixFsImporter.importFile(in, options);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    return new Measure(result, seconds, peak);
  }
}
