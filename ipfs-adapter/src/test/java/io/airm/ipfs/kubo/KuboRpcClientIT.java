package io.airm.ipfs.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.car.CarWriter;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.SplitMix64InputStream;
import io.airm.ipfs.unixfs.UnixFsImporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link KuboRpcClient} against a real js-ipfs daemon, started by {@link JsIpfsDaemon}. */
class KuboRpcClientIT {

  private static final Logger LOG = LoggerFactory.getLogger(KuboRpcClientIT.class);
  private static final int CHUNK = ImportOptions.KUBO_CHUNK_SIZE;

  private static JsIpfsDaemon daemon;
  private static KuboRpcClient client;

  @BeforeAll
  static void startDaemon() throws IOException, InterruptedException {
    daemon = JsIpfsDaemon.start();
    client =
        KuboRpcClient.create(
            KuboConfig.defaults(daemon.apiUrl()).withCallTimeout(Duration.ofSeconds(20)));
  }

  @AfterAll
  static void stopDaemon() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /**
   * The sizes where the balanced layout changes shape, plus a few seeded random ones up to 8 MiB.
   */
  static LongStream sizes() {
    Random random = new Random(20_240_601L);
    return LongStream.concat(
        LongStream.of(0, 1, 6, CHUNK - 1, CHUNK, CHUNK + 1, 174L * CHUNK + 1),
        LongStream.generate(() -> 1 + (long) random.nextInt(8 << 20)).limit(3));
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("sizes")
  void add_nodeCidsEqualLocalImporterCids_forV0DefaultsAndV1RawLeaves(long size)
      throws IOException {
    long seed = size * 31 + 7;
    for (AddOptions options : List.of(AddOptions.kuboDefaults(), AddOptions.cidV1())) {
      Cid local =
          UnixFsImporter.importFile(
                  new SplitMix64InputStream(seed, size), options.toImportOptions())
              .root();
      long start = System.nanoTime();
      Cid node = client.add(new SplitMix64InputStream(seed, size), options.withPin(false));
      LOG.info(
          "add of {} bytes (cid-version {}) took {} ms: {}",
          size,
          options.cidVersion(),
          (System.nanoTime() - start) / 1_000_000,
          node);
      assertThat(node).as("CID of %d bytes with %s", size, options).isEqualTo(local);
    }
  }

  @Test
  void add_knownVector_matchesKubo() {
    Cid cid =
        client.add(
            new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)),
            AddOptions.kuboDefaults().withPin(false));

    assertThat(cid).hasToString("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("roundTripSizes")
  void addThenCat_returnsTheSameBytes(long size) throws IOException {
    long seed = size + 99;
    for (AddOptions options : List.of(AddOptions.kuboDefaults(), AddOptions.cidV1())) {
      Cid cid = client.add(new SplitMix64InputStream(seed, size), options.withPin(false));
      try (InputStream in = client.cat(cid)) {
        assertThat(sha256(in)).isEqualTo(sha256(new SplitMix64InputStream(seed, size)));
      }
    }
  }

  static LongStream roundTripSizes() {
    return LongStream.of(0, 6, CHUNK + 1, 3L * CHUNK + 12_345);
  }

  @Test
  void blockPutThenGet_rawAndDagPb() {
    Block raw = Block.raw(("raw block " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    // A valid dag-pb node (an empty PBNode is the empty byte string; a UnixFS leaf is Data =
    // 0x0a...).
    Block dagPb =
        Block.create(
            0, Multicodec.DAG_PB, new byte[] {0x0a, 0x06, 0x08, 0x02, 0x18, 0x00, 0x20, 0x00});

    for (Block block : List.of(raw, dagPb)) {
      client.blockPut(block);
      Block back = client.blockGet(block.cid());
      assertThat(back.data()).isEqualTo(block.data());
      assertThat(back.cid()).isEqualTo(block.cid());
    }
  }

  /**
   * An offline js-ipfs never answers {@code block/get} for a block it lacks (it waits for a
   * provider), so the client's deadline is what ends the call.
   */
  @Test
  void blockGet_missingBlock_endsAtTheCallTimeout() {
    Cid absent =
        Block.raw(("never stored " + System.nanoTime()).getBytes(StandardCharsets.UTF_8)).cid();
    KuboRpcClient impatient =
        KuboRpcClient.create(
            KuboConfig.defaults(daemon.apiUrl()).withCallTimeout(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> impatient.blockGet(absent))
        .isInstanceOf(KuboTimeoutException.class)
        .hasMessageContaining("block/get");
  }

  @Test
  void pinAddLsRm() {
    Cid cid =
        client.add(
            new SplitMix64InputStream(System.nanoTime(), 3L * CHUNK),
            AddOptions.cidV1().withPin(false));
    assertThat(client.pinLs()).doesNotContain(cid);

    client.pinAdd(cid);
    assertThat(client.pinLs()).contains(cid);

    client.pinRm(cid);
    assertThat(client.pinLs()).doesNotContain(cid);
  }

  @Test
  void pinRm_notPinned_surfacesNodeError() {
    Cid cid =
        client.add(
            new ByteArrayInputStream(("unpinned " + System.nanoTime()).getBytes()),
            AddOptions.cidV1().withPin(false));

    assertThatThrownBy(() -> client.pinRm(cid))
        .isInstanceOf(KuboNodeErrorException.class)
        .hasMessageContaining("pin/rm");
  }

  @Test
  void dagImport_ofCarWrittenLocally_makesFileReadableAndPinned() throws IOException {
    long seed = System.nanoTime();
    long size = 5L * CHUNK + 777;
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root =
        UnixFsImporter.importFile(
                new SplitMix64InputStream(seed, size), ImportOptions.kuboCidV1(), store::put)
            .root();
    ByteArrayOutputStream car = new ByteArrayOutputStream();
    CarWriter.write(store, root, car);

    List<Cid> roots = client.dagImport(new ByteArrayInputStream(car.toByteArray()));

    assertThat(roots).containsExactly(root);
    assertThat(client.pinLs()).contains(root);
    try (InputStream in = client.cat(root)) {
      assertThat(sha256(in)).isEqualTo(sha256(new SplitMix64InputStream(seed, size)));
    }
  }

  @Test
  void version_answers() {
    assertThat(client.version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest digest = io.airm.ipfs.cid.Multihash.newSha256();
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = in.read(buffer)) > 0) {
      digest.update(buffer, 0, n);
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }
}
