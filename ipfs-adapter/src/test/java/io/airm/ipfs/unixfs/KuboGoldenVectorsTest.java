package io.airm.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks our CIDv0 against golden values from /usr/bin/ipfs_cid, an independent implementation, for
 * files from 0 bytes to 64 MiB regenerated from their seeds (see the vector file's header).
 */
class KuboGoldenVectorsTest {

  private static final String VECTORS = "kubo-default-cids.tsv";

  record Vector(long size, long seed, String sha256, String cidV0, String cidV1OfSameDag) {
    @Override
    public String toString() {
      return size + " bytes, seed " + seed;
    }
  }

  static List<Vector> vectors() throws IOException {
    try (InputStream in =
            Objects.requireNonNull(KuboGoldenVectorsTest.class.getResourceAsStream(VECTORS));
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t"))
          .map(f -> new Vector(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3], f[4]))
          .toList();
    }
  }

  @Test
  void vectorsCoverTheBoundariesThatChangeTheDagShape() throws IOException {
    List<Long> sizes = vectors().stream().map(Vector::size).toList();
    long chunk = ImportOptions.KUBO_CHUNK_SIZE;
    long fullDepthOne = ImportOptions.KUBO_MAX_LINKS * chunk;

    assertThat(sizes)
        .contains(0L, 1L, chunk - 1, chunk, chunk + 1, fullDepthOne, fullDepthOne + 1)
        .anyMatch(size -> size > fullDepthOne + chunk);
  }

  @Test
  void generatorMatchesTheDocumentedFirstBytes() throws IOException {
    byte[] first = new SplitMix64InputStream(0, 16).readAllBytes();

    assertThat(HexFormat.of().formatHex(first)).isEqualTo("afcd1d7b39a820e2f465b9a16a9e786e");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void cidV0_matchesIpfsCid(Vector vector) throws IOException {
    ContentIdentity identity =
        UnixFsImporter.identify(new SplitMix64InputStream(vector.seed(), vector.size()));

    assertThat(identity.size()).isEqualTo(vector.size());
    assertThat(identity.sha256Hex()).isEqualTo(vector.sha256());
    assertThat(identity.cidV0()).hasToString(vector.cidV0());
    assertThat(identity.cidV0().toV1()).hasToString(vector.cidV1OfSameDag());
  }
}
