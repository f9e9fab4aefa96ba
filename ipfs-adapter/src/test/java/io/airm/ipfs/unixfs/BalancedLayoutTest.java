package io.airm.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.cid.Cid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming builder against a port of boxo's recursive layout, over every leaf count up to a
 * few full trees deep, for several fan-outs and both leaf kinds.
 */
class BalancedLayoutTest {

  static Stream<Arguments> options() {
    ImportOptions v0 = ImportOptions.kuboDefaultsV0().withChunkSize(3);
    ImportOptions v1 = ImportOptions.kuboCidV1().withChunkSize(3);
    return Stream.of(
        Arguments.of(v0.withMaxLinks(2), 70),
        Arguments.of(v0.withMaxLinks(3), 90),
        Arguments.of(v1.withMaxLinks(3), 90),
        Arguments.of(v1.withMaxLinks(4), 140),
        Arguments.of(v0.withCidVersion(1).withMaxLinks(5), 130),
        Arguments.of(v0.withRawLeaves(true).withMaxLinks(3), 40),
        Arguments.of(v0.withMaxLinks(174), 400));
  }

  @ParameterizedTest(name = "{0}, up to {1} chunks")
  @MethodSource("options")
  void streamingBuilder_producesBoxosDagForEveryChunkCount(ImportOptions options, int maxChunks)
      throws IOException {
    Random random = new Random(options.hashCode());
    for (int chunks = 0; chunks <= maxChunks; chunks++) {
      // A short last chunk on odd counts, so both full and partial tails are covered.
      int size = chunks * options.chunkSize() - (chunks % 2 == 1 ? 1 : 0);
      byte[] content = new byte[Math.max(0, size)];
      random.nextBytes(content);

      InMemoryBlockStore streamed = new InMemoryBlockStore();
      ImportResult result =
          UnixFsImporter.importFile(new ByteArrayInputStream(content), options, streamed);
      Set<Cid> referenceBlocks = new HashSet<>();
      BoxoBalancedReference.Node reference =
          new BoxoBalancedReference(
                  options,
                  split(content, options.chunkSize()),
                  b -> {
                    referenceBlocks.add(b.cid());
                  })
              .layout();

      assertThat(result.root()).as("root for %d bytes", content.length).isEqualTo(reference.cid());
      assertThat(result.dagSize()).isEqualTo(reference.tsize());
      assertThat(streamed.count()).isEqualTo(referenceBlocks.size());
      assertThat(referenceBlocks).allMatch(streamed::has);
    }
  }

  private static List<byte[]> split(byte[] content, int chunkSize) {
    List<byte[]> chunks = new ArrayList<>();
    for (int offset = 0; offset < content.length; offset += chunkSize) {
      chunks.add(
          java.util.Arrays.copyOfRange(
              content, offset, Math.min(content.length, offset + chunkSize)));
    }
    return chunks;
  }
}
