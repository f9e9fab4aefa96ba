package io.airm.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.dagpb.PbLink;
import io.airm.ipfs.dagpb.PbNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decodes the DAGs the importer produces and checks every invariant of Kubo's balanced UnixFS
 * layout. This is the check for {@code --cid-version=1} DAGs of more than one chunk, for which no
 * independent implementation is available here.
 */
class DagStructureTest {

  private static final long C = ImportOptions.KUBO_CHUNK_SIZE;
  private static final int L = ImportOptions.KUBO_MAX_LINKS;

  /** What walking a subtree found. */
  private record Subtree(long fileSize, long tsize, int height, List<Long> leafSizes) {}

  private final List<String> blockKinds = new ArrayList<>();

  @Test
  void cidV1_twoChunks_isDagPbV1OverTwoRawLeaves() throws IOException {
    InMemoryBlockStore store = new InMemoryBlockStore();
    ImportResult result = importGenerated(ImportOptions.kuboCidV1(), C + 1, store);

    assertThat(result.root().toString()).startsWith("bafybei");
    Subtree tree = check(result, ImportOptions.kuboCidV1(), store);
    assertThat(tree.height()).isEqualTo(1);
    assertThat(tree.leafSizes()).containsExactly(C, 1L);
    assertThat(result.blockCount()).isEqualTo(3);
  }

  @Test
  void cidV1_fullDepthOne_isOneNodeOf174RawLeaves() throws IOException {
    InMemoryBlockStore store = new InMemoryBlockStore();
    ImportResult result = importGenerated(ImportOptions.kuboCidV1(), L * C, store);

    Subtree tree = check(result, ImportOptions.kuboCidV1(), store);
    assertThat(tree.height()).isEqualTo(1);
    assertThat(tree.leafSizes()).hasSize(L);
    assertThat(result.blockCount()).isEqualTo(L + 1);
  }

  @Test
  void cidV1_oneByteMoreThanDepthOneHolds_growsANewRoot() throws IOException {
    InMemoryBlockStore store = new InMemoryBlockStore();
    ImportResult result = importGenerated(ImportOptions.kuboCidV1(), L * C + 1, store);

    Subtree tree = check(result, ImportOptions.kuboCidV1(), store);
    assertThat(tree.height()).isEqualTo(2);
    assertThat(tree.leafSizes()).hasSize(L + 1).endsWith(1L);
    PbNode root = PbNode.decode(store.get(result.root()).data());
    assertThat(root.links()).hasSize(2);
    // The second subtree is a depth-1 node holding the single last leaf.
    PbNode second = PbNode.decode(store.get(root.links().get(1).hash()).data());
    assertThat(second.links()).hasSize(1);
    assertThat(second.links().get(0).hash().codec()).isEqualTo(Multicodec.RAW);
  }

  @Test
  void kuboDefaults_twoChunks_checksOut() throws IOException {
    InMemoryBlockStore store = new InMemoryBlockStore();
    ImportResult result = importGenerated(ImportOptions.kuboDefaultsV0(), 2 * C + 7, store);

    Subtree tree = check(result, ImportOptions.kuboDefaultsV0(), store);
    assertThat(tree.leafSizes()).containsExactly(C, C, 7L);
    assertThat(result.root().version()).isZero();
  }

  @Test
  void smallChunks_depthFour_checkOut() throws IOException {
    // 3-link nodes over 2-byte chunks: 3^3 = 27 leaves fill depth 3, so 60 leaves need depth 4.
    ImportOptions options = ImportOptions.kuboCidV1().withChunkSize(2).withMaxLinks(3);
    for (long size : new long[] {53, 54, 55, 119, 120}) {
      InMemoryBlockStore store = new InMemoryBlockStore();
      ImportResult result = importGenerated(options, size, store);

      Subtree tree = check(result, options, store);
      int leaves = (int) ((size + 1) / 2);
      int expectedHeight = leaves <= 27 ? 3 : leaves <= 81 ? 4 : 5;
      assertThat(tree.height()).as("height for %d bytes", size).isEqualTo(expectedHeight);
      assertThat(tree.leafSizes()).hasSize(leaves);
    }
  }

  @Test
  void smallChunks_dagPbLeaves_checkOut() throws IOException {
    ImportOptions options = ImportOptions.kuboDefaultsV0().withChunkSize(5).withMaxLinks(4);
    InMemoryBlockStore store = new InMemoryBlockStore();
    ImportResult result = importGenerated(options, 5 * 70 + 3, store);

    Subtree tree = check(result, options, store);
    assertThat(tree.height()).isEqualTo(4);
    assertThat(blockKinds).contains("dag-pb leaf").doesNotContain("raw leaf");
  }

  private static ImportResult importGenerated(
      ImportOptions options, long size, InMemoryBlockStore store) throws IOException {
    return UnixFsImporter.importFile(new SplitMix64InputStream(size, size), options, store);
  }

  /** Walks the whole DAG, asserting every invariant, and checks the root against the result. */
  private Subtree check(ImportResult result, ImportOptions options, InMemoryBlockStore store) {
    Subtree tree = walk(result.root(), options, store, true);
    assertThat(tree.fileSize()).isEqualTo(result.fileSize());
    assertThat(tree.tsize()).isEqualTo(result.dagSize());
    // Every chunk is full but the last.
    List<Long> leaves = tree.leafSizes();
    for (int i = 0; i < leaves.size() - 1; i++) {
      assertThat(leaves.get(i)).as("leaf %d", i).isEqualTo((long) options.chunkSize());
    }
    assertThat(leaves.get(leaves.size() - 1)).isBetween(1L, (long) options.chunkSize());
    // Balanced: the smallest tree of this height that holds this many leaves.
    long capacityBelow = pow(options.maxLinks(), tree.height() - 1);
    assertThat((long) leaves.size()).isGreaterThan(tree.height() == 0 ? 0 : capacityBelow);
    return tree;
  }

  private Subtree walk(Cid cid, ImportOptions options, InMemoryBlockStore store, boolean isRoot) {
    Block block = store.get(cid);
    if (cid.codec() == Multicodec.RAW) {
      assertThat(options.rawLeaves()).isTrue();
      assertThat(cid.version()).isEqualTo(1);
      blockKinds.add("raw leaf");
      return new Subtree(block.length(), block.length(), 0, List.of((long) block.length()));
    }
    assertThat(cid.version()).isEqualTo(options.cidVersion());
    PbNode node = PbNode.decode(block.data());
    assertThat(node.encode()).as("canonical encoding of %s", cid).isEqualTo(block.data());
    UnixFsData data = UnixFsData.decode(node.data());
    assertThat(data.type()).isEqualTo(UnixFsData.Type.FILE);
    if (node.links().isEmpty()) {
      assertThat(options.rawLeaves()).isFalse();
      blockKinds.add("dag-pb leaf");
      assertThat(data.filesize()).isEqualTo(data.dataLength());
      assertThat(data.blocksizes()).isEmpty();
      return new Subtree(data.dataLength(), block.length(), 0, List.of((long) data.dataLength()));
    }
    assertThat(data.data()).as("interior nodes hold no data").isNull();
    assertThat(node.links()).hasSizeLessThanOrEqualTo(options.maxLinks());
    assertThat(data.blocksizes()).hasSameSizeAs(node.links());
    if (isRoot) {
      assertThat(node.links()).as("a root has at least two children").hasSizeGreaterThan(1);
    }
    long fileSize = 0;
    long tsize = block.length();
    int height = -1;
    List<Long> leaves = new ArrayList<>();
    for (int i = 0; i < node.links().size(); i++) {
      PbLink link = node.links().get(i);
      assertThat(link.name()).as("Kubo writes an empty, present Name").isEmpty();
      Subtree child = walk(link.hash(), options, store, false);
      assertThat(link.tsize()).as("Tsize of link %d of %s", i, cid).isEqualTo(child.tsize());
      assertThat(data.blocksizes().get(i)).isEqualTo(child.fileSize());
      if (height < 0) {
        height = child.height() + 1;
      }
      assertThat(child.height() + 1).as("all leaves at one depth").isEqualTo(height);
      if (i < node.links().size() - 1) {
        assertThat(child.leafSizes())
            .as("every child but the last is a full subtree")
            .hasSize((int) pow(options.maxLinks(), child.height()));
      }
      fileSize += child.fileSize();
      tsize += child.tsize();
      leaves.addAll(child.leafSizes());
    }
    assertThat(data.filesize()).as("filesize is the sum of blocksizes").isEqualTo(fileSize);
    return new Subtree(fileSize, tsize, height, leaves);
  }

  private static long pow(int base, int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= base;
    }
    return result;
  }
}
