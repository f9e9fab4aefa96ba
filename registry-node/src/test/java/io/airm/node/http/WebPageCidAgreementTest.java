package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.UnixFsImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page computes the SHA-256 and CIDv1 of a file exactly as the node does ({@link
 * UnixFsImporter}, Kubo's {@code ipfs add --cid-version=1}): same bytes in, same identity out, at
 * every size where the DAG changes shape.
 */
class WebPageCidAgreementTest {
  private static final int CHUNK = 262_144;

  @TempDir Path dir;

  @Test
  void thePagesContentModule_agreesWithTheJavaImporter_atEveryShapeOfTheDag() throws Exception {
    long[] sizes = {
      0, // a single raw leaf with no bytes
      1,
      CHUNK - 1,
      CHUNK, // still one raw leaf, no node above it
      CHUNK + 1, // a root over two leaves
      174L * CHUNK, // a full root of 174 leaves
      174L * CHUNK + 1, // a second level: two nodes under the root
      50L * 1024 * 1024 + 12_345 // about 50 MiB, not a whole number of chunks
    };
    Map<String, Long> files = new LinkedHashMap<>();
    for (long size : sizes) {
      Path file = dir.resolve("file-" + size + ".bin");
      write(file, size);
      files.put(file.toString(), size);
    }

    List<String> args = new ArrayList<>(List.of("cid"));
    args.addAll(files.keySet());
    String printed = WebModules.run(args, 600);

    ObjectMapper json = new ObjectMapper();
    List<String> lines = printed.lines().toList();
    assertThat(lines).hasSize(files.size());
    List<Long> shapes = new ArrayList<>();
    for (String line : lines) {
      JsonNode page = json.readTree(line);
      Path file = Path.of(page.get("file").asText());
      ContentIdentity node;
      try (InputStream in = Files.newInputStream(file)) {
        node = UnixFsImporter.identify(in);
      }
      long size = files.get(file.toString());
      assertThat(page.get("cid").asText())
          .as("CIDv1 of %d bytes", size)
          .isEqualTo(node.cidV1().toString());
      assertThat(page.get("contentHash").asText())
          .as("SHA-256 of %d bytes", size)
          .isEqualTo("0x" + node.sha256Hex());
      assertThat(page.get("size").asLong()).isEqualTo(size);
      shapes.add(size);
    }
    assertThat(shapes).containsExactly(java.util.Arrays.stream(sizes).boxed().toArray(Long[]::new));
  }

  @Test
  void aDifferenceInOneByte_isADifferentCid_soTheComparisonCanFail() throws Exception {
    Path a = dir.resolve("a.bin");
    Path b = dir.resolve("b.bin");
    write(a, CHUNK + 10);
    byte[] bytes = Files.readAllBytes(a);
    bytes[CHUNK + 5] ^= 1;
    Files.write(b, bytes);
    List<String> lines =
        WebModules.run(List.of("cid", a.toString(), b.toString()), 120).lines().toList();
    ObjectMapper json = new ObjectMapper();
    String cidA = json.readTree(lines.get(0)).get("cid").asText();
    String cidB = json.readTree(lines.get(1)).get("cid").asText();
    assertThat(cidA).isNotEqualTo(cidB);
    try (InputStream in = Files.newInputStream(b)) {
      assertThat(cidB).isEqualTo(UnixFsImporter.identify(in).cidV1().toString());
    }
  }

  /** {@code size} pseudo-random bytes (seeded by the size), written in 1 MiB pieces. */
  private static void write(Path file, long size) throws IOException {
    SplittableRandom random = new SplittableRandom(size);
    byte[] buffer = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(buffer.length, left);
        for (int i = 0; i < n; i += 8) {
          long r = random.nextLong();
          for (int k = 0; k < 8 && i + k < n; k++) {
            buffer[i + k] = (byte) (r >>> (8 * k));
          }
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }
}
