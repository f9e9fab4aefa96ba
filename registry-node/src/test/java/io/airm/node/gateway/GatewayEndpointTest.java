package io.airm.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.car.CarWriter;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.dagpb.PbNode;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsImporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trustless gateway over HTTP: each mode, ranges, caching headers, and every refusal. */
class GatewayEndpointTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private GatewayHarness node;
  private byte[] bytes;
  private Path file;

  @BeforeEach
  void start() throws IOException {
    node = new GatewayHarness(dir);
    bytes = new byte[600_000]; // three chunks: a root and three leaves
    new Random(7).nextBytes(bytes);
    file = dir.resolve("work.bin");
    Files.write(file, bytes);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  private HttpResponse<byte[]> send(String method, String path, String... headers)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(node.url + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static void assertProblem(HttpResponse<byte[]> response, int status, String detail) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
    assertThat(new String(response.body())).contains("\"status\":" + status).contains(detail);
  }

  @Test
  void file_withoutFormat_isTheWholeFile_withImmutableCachingHeaders() throws Exception {
    String cid = node.register(file, false);
    var response = get("/ipfs/" + cid);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(bytes);
    assertThat(header(response, "Content-Type")).isEqualTo("application/octet-stream");
    assertThat(header(response, "ETag")).isEqualTo("\"" + cid + "\"");
    assertThat(header(response, "Cache-Control")).isEqualTo("public, max-age=29030400, immutable");
    assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(header(response, "Vary")).isEqualTo("Accept");
    assertThat(header(response, "X-Ipfs-Path")).isEqualTo("/ipfs/" + cid);
    assertThat(header(response, "Content-Length")).isEqualTo(String.valueOf(bytes.length));
  }

  @Test
  void file_head_hasTheHeadersAndNoBody() throws Exception {
    String cid = node.register(file, true);
    var response = send("HEAD", "/ipfs/" + cid);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(header(response, "Content-Length")).isEqualTo(String.valueOf(bytes.length));
    assertThat(header(response, "ETag")).isEqualTo("\"" + cid + "\"");
  }

  @Test
  void file_range_acrossAChunkBoundary_is206WithContentRange() throws Exception {
    String cid = node.register(file, true);
    var response = get("/ipfs/" + cid, "Range", "bytes=262100-262299");

    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(bytes, 262100, 262300));
    assertThat(header(response, "Content-Range")).isEqualTo("bytes 262100-262299/600000");
  }

  @Test
  void file_suffixAndOpenRanges_areTheTail() throws Exception {
    String cid = node.register(file, false);
    var suffix = get("/ipfs/" + cid, "Range", "bytes=-10");
    var open = get("/ipfs/" + cid, "Range", "bytes=599990-");
    var past = get("/ipfs/" + cid, "Range", "bytes=599990-700000");

    for (var response : List.of(suffix, open, past)) {
      assertThat(response.statusCode()).isEqualTo(206);
      assertThat(response.body()).isEqualTo(Arrays.copyOfRange(bytes, 599990, 600000));
      assertThat(header(response, "Content-Range")).isEqualTo("bytes 599990-599999/600000");
    }
  }

  @Test
  void file_rangeBeyondTheEnd_is416WithTheSize() throws Exception {
    String cid = node.register(file, false);
    var response = get("/ipfs/" + cid, "Range", "bytes=600000-600010");

    assertProblem(response, 416, "beyond the end");
    assertThat(header(response, "Content-Range")).isEqualTo("bytes */600000");
  }

  @Test
  void raw_byAccept_isTheRootBlock() throws Exception {
    String cid = node.register(file, false);
    var response = get("/ipfs/" + cid, "Accept", "application/vnd.ipld.raw");

    Block root = node.blocks.get(Cid.parse(cid));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(root.data());
    assertThat(Block.of(Cid.parse(cid), response.body())).isEqualTo(root);
    assertThat(header(response, "Content-Type")).isEqualTo("application/vnd.ipld.raw");
    assertThat(header(response, "ETag")).isEqualTo("\"" + cid + ".raw\"");
    assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void raw_byFormatParam_ofALeaf_isTheLeafBytes() throws Exception {
    String root = node.register(file, false);
    Cid leaf = PbNode.decode(node.blocks.get(Cid.parse(root)).data()).links().get(1).hash();
    var response = get("/ipfs/" + leaf + "?format=raw");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(bytes, 262144, 2 * 262144));
  }

  @Test
  void car_byAccept_isTheDagInDfsOrder_asKuboWouldExportIt() throws Exception {
    for (boolean v0 : List.of(true, false)) {
      String cid = node.register(file, v0);
      var response = get("/ipfs/" + cid, "Accept", "application/vnd.ipld.car");

      // The expected CAR is built from a fresh import, independent of the node's store.
      var fresh = new InMemoryBlockStore();
      UnixFsImporter.importFile(
          new ByteArrayInputStream(bytes),
          v0 ? ImportOptions.kuboDefaultsV0() : ImportOptions.kuboCidV1(),
          fresh);
      var expected = new ByteArrayOutputStream();
      CarWriter.write(fresh, Cid.parse(cid), expected);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(expected.toByteArray());
      assertThat(header(response, "Content-Type"))
          .isEqualTo("application/vnd.ipld.car; version=1; order=dfs; dups=n");
      assertThat(header(response, "ETag")).startsWith("\"" + cid + ".car");
    }
  }

  @Test
  void car_byFormatParam_winsOverAccept() throws Exception {
    String cid = node.register(file, false);
    var response = get("/ipfs/" + cid + "?format=car", "Accept", "application/vnd.ipld.raw");

    assertThat(header(response, "Content-Type")).startsWith("application/vnd.ipld.car");
  }

  @Test
  void ifNoneMatch_withTheEtag_is304WithoutABody() throws Exception {
    String cid = node.register(file, false);
    var file = get("/ipfs/" + cid, "If-None-Match", "\"" + cid + "\"");
    var raw =
        get(
            "/ipfs/" + cid,
            "Accept",
            "application/vnd.ipld.raw",
            "If-None-Match",
            "W/\"other\", \"" + cid + ".raw\"");
    var mismatch = get("/ipfs/" + cid, "If-None-Match", "\"" + cid + ".raw\"");

    assertThat(file.statusCode()).isEqualTo(304);
    assertThat(file.body()).isEmpty();
    assertThat(header(file, "ETag")).isEqualTo("\"" + cid + "\"");
    assertThat(raw.statusCode()).isEqualTo(304);
    assertThat(mismatch.statusCode()).isEqualTo(200);
  }

  @Test
  void invalidCid_is400Problem() throws Exception {
    assertProblem(get("/ipfs/not-a-cid"), 400, "no valid CID");
  }

  @Test
  void unknownFormat_is400Problem() throws Exception {
    String cid = node.register(file, false);
    assertProblem(get("/ipfs/" + cid + "?format=tar"), 400, "tar");
  }

  @Test
  void unknownCid_is404Problem_inEveryMode() throws Exception {
    String absent = Block.raw("absent".getBytes()).cid().toString();
    assertProblem(get("/ipfs/" + absent), 404, absent);
    assertProblem(get("/ipfs/" + absent + "?format=raw"), 404, absent);
    assertProblem(get("/ipfs/" + absent + "?format=car"), 404, absent);
  }

  @Test
  void corruptRoot_is502Problem_inEveryMode() throws Exception {
    String cid = node.register(file, false);
    corrupt(Cid.parse(cid));

    assertProblem(get("/ipfs/" + cid), 502, "fails verification");
    assertProblem(get("/ipfs/" + cid + "?format=raw"), 502, "fails verification");
    assertProblem(get("/ipfs/" + cid + "?format=car"), 502, "fails verification");
  }

  @Test
  void corruptLastLeaf_abortsTheFileAndTheCar_midStream() throws Exception {
    String cid = node.register(file, false);
    List<io.airm.ipfs.dagpb.PbLink> links =
        PbNode.decode(node.blocks.get(Cid.parse(cid)).data()).links();
    corrupt(links.get(links.size() - 1).hash());

    // Never a complete-looking answer: the connection breaks before the body ends.
    assertThatThrownBy(() -> get("/ipfs/" + cid)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get("/ipfs/" + cid + "?format=car")).isInstanceOf(IOException.class);
  }

  /** Flips one byte of the stored block, keeping its length (what bit rot does). */
  private void corrupt(Cid cid) throws IOException {
    Path path = node.blockFile(cid);
    byte[] stored = Files.readAllBytes(path);
    stored[stored.length / 2] ^= 0x01;
    Files.write(path, stored);
  }
}
