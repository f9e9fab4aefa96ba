package io.airm.bench;

import io.airm.ipfs.blockstore.FileSystemBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.dagpb.PbLink;
import io.airm.ipfs.dagpb.PbNode;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.content.BlockStoreContent;
import io.airm.node.gateway.GatewayEndpoint;
import io.javalin.Javalin;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocks per second the gateway serves over {@code Accept: application/vnd.ipld.raw} to a local
 * client: every leaf of an imported file fetched once, concurrently, on loopback only.
 *
 * <p>Arguments: file MiB (default 256), concurrency (default 32), time limit in seconds (60).
 */
public final class GatewayBenchmark {
  private GatewayBenchmark() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    Path dir = Files.createTempDirectory("airm-gateway-bench");
    var blocks = FileSystemBlockStore.open(dir.resolve("blocks"));
    byte[] bytes = new byte[mib * 1024 * 1024];
    new Random(1).nextBytes(bytes);
    Cid root;
    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
      root = UnixFsImporter.importFile(in, ImportOptions.kuboCidV1(), blocks).root();
    }
    List<Cid> leaves = new java.util.ArrayList<>();
    collect(blocks, root, leaves);
    var gateway = new GatewayEndpoint(new BlockStoreContent(blocks));
    Javalin app =
        Javalin.create(
                c -> {
                  c.jetty.host = "127.0.0.1";
                  c.jetty.port = 0;
                  c.startup.showJavalinBanner = false;
                  c.routes.get(GatewayEndpoint.PATH, gateway::handle);
                })
            .start();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://127.0.0.1:" + app.port() + "/ipfs/";
    AtomicLong served = new AtomicLong();
    AtomicLong bytesServed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    for (Cid leaf : leaves) {
      pool.execute(
          () -> {
            if (System.nanoTime() > deadline) {
              return;
            }
            try {
              var response =
                  http.send(
                      HttpRequest.newBuilder(URI.create(base + leaf))
                          .header("Accept", "application/vnd.ipld.raw")
                          .build(),
                      HttpResponse.BodyHandlers.ofByteArray());
              if (response.statusCode() == 200) {
                served.incrementAndGet();
                bytesServed.addAndGet(response.body().length);
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 10L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    app.stop();
    System.out.printf(
        "gateway raw blocks: %d of %d leaves (%d MiB file, 256 KiB blocks), concurrency %d:"
            + " %.0f blocks/s, %.1f MiB/s in %.2f s%n",
        served.get(),
        leaves.size(),
        mib,
        concurrency,
        served.get() / elapsed,
        bytesServed.get() / elapsed / (1 << 20),
        elapsed);
    System.out.println(
        "command: tests/bench/gateway.sh " + mib + " " + concurrency + " " + seconds);
  }

  private static void collect(FileSystemBlockStore blocks, Cid cid, List<Cid> leaves) {
    if (cid.codec() == io.airm.ipfs.cid.Multicodec.RAW) {
      leaves.add(cid);
      return;
    }
    for (PbLink link : PbNode.decode(blocks.get(cid).data()).links()) {
      collect(blocks, link.hash(), leaves);
    }
  }
}
