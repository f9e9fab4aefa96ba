package io.airm.ipfs.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsImporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KuboRpcClientTest {

  private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.UTF_8);

  /** {@code ipfs add} of "hello\n" with Kubo's defaults. */
  private static final Cid HELLO_V0 = Cid.parse("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");

  private FakeKuboNode node;

  @BeforeEach
  void startNode() throws IOException {
    node = new FakeKuboNode();
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void blockGet_returnsBlockThatHashesToCid() {
    Block block = Block.raw(HELLO);
    node.on("block/get", (request, exchange) -> FakeKuboNode.ok(exchange, HELLO));

    assertThat(node.client().blockGet(block.cid()).data()).isEqualTo(HELLO);
  }

  @Test
  void blockGet_wrongBytes_throwsCorruptBlockNamingCid() {
    Block block = Block.raw(HELLO);
    node.on("block/get", (request, exchange) -> FakeKuboNode.ok(exchange, "hellO\n".getBytes()));

    assertThatThrownBy(() -> node.client().blockGet(block.cid()))
        .isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining(block.cid().toString())
        .hasMessageContaining("/api/v0/block/get");
  }

  @Test
  void blockGet_nodeNeverAnswers_timesOut() {
    node.on("block/get", (request, exchange) -> node.hang());
    KuboRpcClient client = node.client();

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.blockGet(Block.raw(HELLO).cid()))
        .isInstanceOf(KuboTimeoutException.class)
        .hasMessageContaining("block/get")
        .hasMessageContaining("500 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void blockGet_nodeStallsMidBody_timesOut() {
    node.on(
        "block/get",
        (request, exchange) -> {
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write(HELLO, 0, 3);
          out.flush();
          node.hang();
        });

    assertThatThrownBy(() -> node.client().blockGet(Block.raw(HELLO).cid()))
        .isInstanceOf(KuboTimeoutException.class)
        .hasMessageContaining("block/get");
  }

  @Test
  void blockGet_declaredLengthOverLimit_throwsTooLarge() {
    node.on("block/get", (request, exchange) -> FakeKuboNode.ok(exchange, new byte[4096]));
    KuboRpcClient client =
        KuboRpcClient.create(KuboConfig.defaults(node.apiUrl()).withMaxResponseBytes(2048));

    assertThatThrownBy(() -> client.blockGet(Block.raw(HELLO).cid()))
        .isInstanceOf(KuboResponseTooLargeException.class)
        .hasMessageContaining("block/get")
        .hasMessageContaining("2048 bytes")
        .hasMessageContaining("maxResponseBytes");
  }

  @Test
  void blockGet_endlessChunkedBody_throwsTooLargeWithoutWaitingForTheEnd() {
    node.on(
        "block/get",
        (request, exchange) -> {
          exchange.sendResponseHeaders(200, 0); // chunked, no Content-Length
          OutputStream out = exchange.getResponseBody();
          byte[] chunk = new byte[8192];
          for (int i = 0; i < 100_000; i++) { // 800 MB unless the client hangs up
            out.write(chunk);
          }
        });
    KuboRpcClient client =
        KuboRpcClient.create(
            KuboConfig.defaults(node.apiUrl())
                .withMaxResponseBytes(64 * 1024)
                .withCallTimeout(Duration.ofSeconds(20)));

    assertThatThrownBy(() -> client.blockGet(Block.raw(HELLO).cid()))
        .isInstanceOf(KuboResponseTooLargeException.class)
        .hasMessageContaining("65536 bytes");
  }

  @Test
  void blockGet_nodeErrorBody_surfacesMessageAndEndpoint() {
    node.on(
        "block/get",
        (request, exchange) -> FakeKuboNode.error(exchange, 500, "invalid path: bad cid"));

    assertThatThrownBy(() -> node.client().blockGet(Block.raw(HELLO).cid()))
        .isInstanceOfSatisfying(
            KuboNodeErrorException.class,
            e -> {
              assertThat(e.endpoint()).isEqualTo("block/get");
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.nodeMessage()).isEqualTo("invalid path: bad cid");
            })
        .hasMessageContaining("block/get")
        .hasMessageContaining("HTTP 500: invalid path: bad cid");
  }

  @Test
  void blockGet_nonJsonErrorBody_surfacesRawBody() {
    node.on(
        "block/get",
        (request, exchange) -> {
          byte[] body = "502 Bad Gateway".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(502, body.length);
          exchange.getResponseBody().write(body);
        });

    assertThatThrownBy(() -> node.client().blockGet(Block.raw(HELLO).cid()))
        .isInstanceOf(KuboNodeErrorException.class)
        .hasMessageContaining("HTTP 502: 502 Bad Gateway");
  }

  @Test
  void blockGet_notFound_throwsBlockNotFound_andBlockSourceIsEmpty() {
    node.on(
        "block/get",
        (request, exchange) ->
            FakeKuboNode.error(exchange, 500, "block was not found locally (offline)"));
    Cid cid = Block.raw(HELLO).cid();

    assertThatThrownBy(() -> node.client().blockGet(cid))
        .isInstanceOf(BlockNotFoundException.class)
        .hasMessageContaining(cid.toString());
    assertThat(new KuboBlockSource(node.client()).find(cid)).isEmpty();
  }

  @Test
  void nodeDown_throwsCouldNotConnect() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    KuboRpcClient client =
        KuboRpcClient.create(KuboConfig.defaults(URI.create("http://127.0.0.1:" + port)));

    assertThatThrownBy(client::version)
        .isInstanceOf(KuboException.class)
        .hasMessageContaining("version could not connect to http://127.0.0.1:" + port);
  }

  @Test
  void add_sendsFileAsMultipartWithParams_andReturnsVerifiedCid() {
    AtomicReference<FakeKuboNode.Request> seen = new AtomicReference<>();
    node.on(
        "add",
        (request, exchange) -> {
          seen.set(request);
          FakeKuboNode.okJson(
              exchange, "{\"Name\":\"file\",\"Hash\":\"" + HELLO_V0 + "\",\"Size\":\"14\"}\n");
        });

    Cid cid = node.client().add(new ByteArrayInputStream(HELLO), AddOptions.kuboDefaults());

    assertThat(cid).isEqualTo(HELLO_V0);
    assertThat(FakeKuboNode.filePart(seen.get().body())).isEqualTo(HELLO);
    assertThat(seen.get().params())
        .containsEntry("cid-version", "0")
        .containsEntry("raw-leaves", "false")
        .containsEntry("chunker", "size-262144")
        .containsEntry("pin", "true");
  }

  @Test
  void add_largeFile_uploadsEveryByteAndChecksCid() throws IOException {
    byte[] content = new byte[3 * ImportOptions.KUBO_CHUNK_SIZE + 17];
    new Random(7).nextBytes(content);
    Cid expected =
        UnixFsImporter.importFile(new ByteArrayInputStream(content), ImportOptions.kuboCidV1())
            .root();
    AtomicReference<byte[]> received = new AtomicReference<>();
    node.on(
        "add",
        (request, exchange) -> {
          received.set(FakeKuboNode.filePart(request.body()));
          FakeKuboNode.okJson(exchange, "{\"Name\":\"file\",\"Hash\":\"" + expected + "\"}\n");
        });

    assertThat(node.client().add(new ByteArrayInputStream(content), AddOptions.cidV1()))
        .isEqualTo(expected);
    assertThat(received.get()).isEqualTo(content);
  }

  @Test
  void add_nodeReportsOtherCid_throwsMismatch() {
    Cid other = Block.raw(HELLO).cid();
    node.on(
        "add",
        (request, exchange) ->
            FakeKuboNode.okJson(exchange, "{\"Name\":\"file\",\"Hash\":\"" + other + "\"}\n"));

    assertThatThrownBy(
            () -> node.client().add(new ByteArrayInputStream(HELLO), AddOptions.kuboDefaults()))
        .isInstanceOfSatisfying(
            KuboCidMismatchException.class,
            e -> {
              assertThat(e.expected()).isEqualTo(HELLO_V0);
              assertThat(e.actual()).isEqualTo(other);
            })
        .hasMessageContaining("add");
  }

  @Test
  void add_streamedErrorAfterOkStatus_surfacesMessage() {
    node.on(
        "add",
        (request, exchange) ->
            FakeKuboNode.okJson(
                exchange, "{\"Message\":\"disk full\",\"Code\":0,\"Type\":\"error\"}\n"));

    assertThatThrownBy(
            () -> node.client().add(new ByteArrayInputStream(HELLO), AddOptions.kuboDefaults()))
        .isInstanceOf(KuboNodeErrorException.class)
        .hasMessageContaining("add")
        .hasMessageContaining("disk full");
  }

  @Test
  void cat_streamsFileAssembledFromVerifiedBlocks() throws IOException {
    byte[] content = new byte[2 * ImportOptions.KUBO_CHUNK_SIZE + 5];
    new Random(1).nextBytes(content);
    Map<Cid, Block> blocks = new ConcurrentHashMap<>();
    Cid root =
        UnixFsImporter.importFile(
                new ByteArrayInputStream(content),
                ImportOptions.kuboDefaultsV0(),
                block -> blocks.put(block.cid(), block))
            .root();
    node.on(
        "block/get",
        (request, exchange) ->
            FakeKuboNode.ok(exchange, blocks.get(Cid.parse(request.params().get("arg"))).data()));

    try (InputStream in = node.client().cat(root)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void cat_oneLeafCorrupt_failsNamingThatLeaf() throws IOException {
    byte[] content = new byte[2 * ImportOptions.KUBO_CHUNK_SIZE];
    new Random(2).nextBytes(content);
    Map<Cid, Block> blocks = new ConcurrentHashMap<>();
    Cid root =
        UnixFsImporter.importFile(
                new ByteArrayInputStream(content),
                ImportOptions.kuboCidV1(),
                block -> blocks.put(block.cid(), block))
            .root();
    Cid leaf = blocks.keySet().stream().filter(cid -> !cid.equals(root)).findFirst().orElseThrow();
    node.on(
        "block/get",
        (request, exchange) -> {
          Cid cid = Cid.parse(request.params().get("arg"));
          byte[] data = blocks.get(cid).data();
          if (cid.equals(leaf)) {
            data[100] ^= 1;
          }
          FakeKuboNode.ok(exchange, data);
        });

    assertThatThrownBy(
            () -> {
              try (InputStream in = node.client().cat(root)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining(leaf.toString());
  }

  @Test
  void blockPut_sendsCodecAndChecksReturnedCid() {
    Block block = Block.raw(HELLO);
    AtomicReference<FakeKuboNode.Request> seen = new AtomicReference<>();
    node.on(
        "block/put",
        (request, exchange) -> {
          seen.set(request);
          FakeKuboNode.okJson(exchange, "{\"Key\":\"" + block.cid() + "\",\"Size\":6}");
        });

    node.client().blockPut(block);

    assertThat(seen.get().params())
        .containsEntry("format", "raw")
        .containsEntry("mhtype", "sha2-256");
    assertThat(FakeKuboNode.filePart(seen.get().body())).isEqualTo(HELLO);
  }

  @Test
  void blockPut_nodeComputesOtherCid_throwsMismatch() {
    Block block = Block.raw(HELLO);
    Cid other = Block.raw("other".getBytes(StandardCharsets.UTF_8)).cid();
    node.on(
        "block/put",
        (request, exchange) -> FakeKuboNode.okJson(exchange, "{\"Key\":\"" + other + "\"}"));

    assertThatThrownBy(() -> node.client().blockPut(block))
        .isInstanceOf(KuboCidMismatchException.class)
        .hasMessageContaining(block.cid().toString())
        .hasMessageContaining(other.toString());
  }

  @Test
  void blockPut_dagPbBlockNamedByV1_isAccepted() {
    Block block = Block.create(0, io.airm.ipfs.cid.Multicodec.DAG_PB, HELLO);
    node.on(
        "block/put",
        (request, exchange) ->
            FakeKuboNode.okJson(exchange, "{\"Key\":\"" + block.cid().toV1() + "\"}"));

    node.client().blockPut(block);
  }

  @Test
  void pinLs_readsKeysObject() {
    Cid a = HELLO_V0;
    Cid b = Block.raw(HELLO).cid();
    node.on(
        "pin/ls",
        (request, exchange) ->
            FakeKuboNode.okJson(
                exchange,
                "{\"Keys\":{\""
                    + a
                    + "\":{\"Type\":\"recursive\"},\""
                    + b
                    + "\":{\"Type\":\"recursive\"}}}"));

    assertThat(node.client().pinLs()).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void pinAdd_answerWithoutThePin_throws() {
    node.on("pin/add", (request, exchange) -> FakeKuboNode.okJson(exchange, "{\"Pins\":[]}"));

    assertThatThrownBy(() -> node.client().pinAdd(HELLO_V0))
        .isInstanceOf(KuboException.class)
        .hasMessageContaining("pin/add")
        .hasMessageContaining(HELLO_V0.toString());
  }

  @Test
  void dagImport_returnsRoots_andReportsPinErrors() {
    node.on(
        "dag/import",
        (request, exchange) ->
            FakeKuboNode.okJson(
                exchange,
                "{\"Root\":{\"Cid\":{\"/\":\"" + HELLO_V0 + "\"},\"PinErrorMsg\":\"\"}}\n"));
    assertThat(node.client().dagImport(new ByteArrayInputStream(new byte[] {1, 2, 3})))
        .containsExactly(HELLO_V0);

    node.on(
        "dag/import",
        (request, exchange) ->
            FakeKuboNode.okJson(
                exchange,
                "{\"Root\":{\"Cid\":{\"/\":\""
                    + HELLO_V0
                    + "\"},\"PinErrorMsg\":\"block missing\"}}\n"));
    assertThatThrownBy(
            () -> node.client().dagImport(new ByteArrayInputStream(new byte[] {1, 2, 3})))
        .isInstanceOf(KuboException.class)
        .hasMessageContaining("could not pin it: block missing");
  }

  @Test
  void version_readsVersionField() {
    node.on(
        "version",
        (request, exchange) ->
            FakeKuboNode.okJson(
                exchange, "{\"Version\":\"0.29.0\",\"Commit\":\"\",\"Repo\":\"15\"}"));

    assertThat(node.client().version()).isEqualTo("0.29.0");
  }

  @Test
  void config_rejectsBadSettingsByName() {
    URI url = URI.create("http://127.0.0.1:5001");
    assertThatThrownBy(() -> KuboConfig.defaults(url).withCallTimeout(Duration.ZERO))
        .hasMessageContaining("callTimeout");
    assertThatThrownBy(() -> KuboConfig.defaults(url).withMaxResponseBytes(10))
        .hasMessageContaining("maxResponseBytes");
    assertThatThrownBy(() -> KuboConfig.defaults(URI.create("ftp://x")))
        .hasMessageContaining("apiUrl");
  }
}
