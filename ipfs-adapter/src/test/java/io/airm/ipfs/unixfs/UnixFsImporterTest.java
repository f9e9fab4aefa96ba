package io.airm.ipfs.unixfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import io.airm.ipfs.cid.Multihash;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnixFsImporterTest {

  private static final int C = ImportOptions.KUBO_CHUNK_SIZE;
  private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void hello_kuboDefaults_isKuboCidV0() throws IOException {
    ImportResult result = importBytes(HELLO, ImportOptions.kuboDefaultsV0());

    assertThat(result.root()).hasToString("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");
    assertThat(result.fileSize()).isEqualTo(6);
    assertThat(result.blockCount()).isEqualTo(1);
    // One block of 14 bytes: 0a 0c, then 08 02 12 06 "hello\n" 18 06.
    assertThat(result.dagSize()).isEqualTo(14);
    assertThat(result.sha256Hex())
        .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  }

  @Test
  void hello_cidV1_isTheRawBlockOfTheBytes() throws IOException {
    ImportResult result = importBytes(HELLO, ImportOptions.kuboCidV1());

    // Raw codec plus sha2-256 of "hello\n" (5891b5b5...), computed independently with Python.
    assertThat(result.root())
        .hasToString("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
    assertThat(result.dagSize()).isEqualTo(6);
  }

  @Test
  void helloWithoutNewline_cidV1_isTheWellKnownRawCid() throws IOException {
    ImportResult result =
        importBytes("hello".getBytes(StandardCharsets.US_ASCII), ImportOptions.kuboCidV1());

    assertThat(result.root())
        .hasToString("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq");
  }

  @Test
  void emptyFile_kuboDefaults_isTheEmptyUnixFsFile() throws IOException {
    InMemoryBlockStore store = new InMemoryBlockStore();
    ImportResult result =
        UnixFsImporter.importFile(
            InputStream.nullInputStream(), ImportOptions.kuboDefaultsV0(), store);

    assertThat(result.root()).hasToString("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
    // dag-pb Data = UnixFS {Type: File, filesize: 0}, with the UnixFS Data field absent.
    assertThat(HexFormat.of().formatHex(store.get(result.root()).data())).isEqualTo("0a0408021800");
    assertThat(result.blockCount()).isEqualTo(1);
    assertThat(result.sha256Hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void emptyFile_cidV1_isTheRawCidOfNoBytes() throws IOException {
    ImportResult result = importBytes(new byte[0], ImportOptions.kuboCidV1());

    assertThat(result.root())
        .hasToString("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    assertThat(result.dagSize()).isZero();
  }

  @Test
  void exactlyOneChunk_cidV1_isRawCodecPlusSha256() throws IOException {
    byte[] content = random(C, 1);

    ImportResult result = importBytes(content, ImportOptions.kuboCidV1());

    byte[] sha256 = sha256(content);
    assertThat(result.root()).isEqualTo(Cid.v1(Multicodec.RAW, sha256));
    assertThat(result.sha256Hex()).isEqualTo(HexFormat.of().formatHex(sha256));
    assertThat(result.blockCount()).isEqualTo(1);
  }

  @Test
  void oneByteMoreThanAChunk_cidV1_isADagPbV1Root() throws IOException {
    ImportResult result = importBytes(random(C + 1, 2), ImportOptions.kuboCidV1());

    assertThat(result.root().version()).isEqualTo(1);
    assertThat(result.root().codec()).isEqualTo(Multicodec.DAG_PB);
    assertThat(result.root().toString()).startsWith("bafybei");
    assertThat(result.blockCount()).isEqualTo(3);
  }

  @Test
  void rawLeavesWithCidV0_keepsCidV0NodesOverRawV1Leaves() throws IOException {
    // ipfs add --raw-leaves: interior nodes stay CIDv0, leaves are raw and so CIDv1.
    ImportOptions options = ImportOptions.kuboDefaultsV0().withRawLeaves(true);
    InMemoryBlockStore store = new InMemoryBlockStore();

    ImportResult result =
        UnixFsImporter.importFile(new ByteArrayInputStream(random(C + 1, 3)), options, store);

    assertThat(result.root().toString()).startsWith("Qm");
    var links = io.airm.ipfs.dagpb.PbNode.decode(store.get(result.root()).data()).links();
    assertThat(links).allSatisfy(link -> assertThat(link.hash().toString()).startsWith("bafkrei"));
  }

  @Test
  void chunking_ignoresHowTheStreamSplitsItsReads() throws IOException {
    byte[] content = random(3 * C + 12345, 4);
    ImportResult whole = importBytes(content, ImportOptions.kuboDefaultsV0());

    ImportResult trickled =
        UnixFsImporter.importFile(
            new RandomShortReads(new ByteArrayInputStream(content), 5),
            ImportOptions.kuboDefaultsV0());

    assertThat(trickled).isEqualTo(whole);
  }

  @Test
  void identify_matchesTwoSeparateImports() throws IOException {
    byte[] content = random(2 * C + 99, 6);
    InMemoryBlockStore v0Blocks = new InMemoryBlockStore();
    InMemoryBlockStore v1Blocks = new InMemoryBlockStore();

    ContentIdentity identity =
        UnixFsImporter.identify(new ByteArrayInputStream(content), v0Blocks, v1Blocks);

    ImportResult v0 = importBytes(content, ImportOptions.kuboDefaultsV0());
    ImportResult v1 = importBytes(content, ImportOptions.kuboCidV1());
    assertThat(identity.cidV0()).isEqualTo(v0.root());
    assertThat(identity.cidV1()).isEqualTo(v1.root());
    assertThat(identity.sha256Hex()).isEqualTo(v0.sha256Hex());
    assertThat(identity.size()).isEqualTo(content.length);
    assertThat(v0Blocks.count()).isEqualTo(4);
    assertThat(v1Blocks.count()).isEqualTo(4);
    assertThat(v0Blocks.has(v0.root())).isTrue();
    assertThat(v1Blocks.has(v1.root())).isTrue();
  }

  @Test
  void sink_receivesChildrenBeforeParentsAndTheRootLast() throws IOException {
    List<Block> blocks = new ArrayList<>();
    ImportOptions options = ImportOptions.kuboCidV1().withChunkSize(4).withMaxLinks(2);

    ImportResult result =
        UnixFsImporter.importFile(new ByteArrayInputStream(random(4 * 5, 7)), options, blocks::add);

    assertThat(blocks).hasSize((int) result.blockCount());
    assertThat(blocks.get(blocks.size() - 1).cid()).isEqualTo(result.root());
    List<Cid> seen = new ArrayList<>();
    for (Block block : blocks) {
      if (block.cid().codec() == Multicodec.DAG_PB) {
        io.airm.ipfs.dagpb.PbNode.decode(block.data())
            .links()
            .forEach(link -> assertThat(seen).contains(link.hash()));
      }
      seen.add(block.cid());
    }
  }

  @Test
  void importFile_propagatesReadFailures() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk gone");
          }
        };

    assertThatThrownBy(() -> UnixFsImporter.importFile(failing, ImportOptions.kuboDefaultsV0()))
        .isInstanceOf(IOException.class)
        .hasMessage("disk gone");
  }

  @Test
  void options_rejectNonsenseWithTheSettingsName() {
    assertThatThrownBy(() -> ImportOptions.kuboDefaultsV0().withChunkSize(0))
        .hasMessageContaining("chunkSize");
    assertThatThrownBy(() -> ImportOptions.kuboDefaultsV0().withChunkSize((1 << 20) + 1))
        .hasMessageContaining("chunkSize");
    assertThatThrownBy(() -> ImportOptions.kuboDefaultsV0().withMaxLinks(1))
        .hasMessageContaining("maxLinks");
    assertThatThrownBy(() -> ImportOptions.kuboDefaultsV0().withCidVersion(2))
        .hasMessageContaining("cidVersion");
  }

  private static ImportResult importBytes(byte[] content, ImportOptions options)
      throws IOException {
    return UnixFsImporter.importFile(new ByteArrayInputStream(content), options);
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] sha256(byte[] content) {
    MessageDigest digest = Multihash.newSha256();
    return digest.digest(content);
  }

  /** A stream that returns between 1 and {@code max} bytes per read, like a slow socket. */
  private static final class RandomShortReads extends FilterInputStream {
    private final Random random = new Random(99);
    private final int max;

    RandomShortReads(InputStream in, int max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(max)));
    }
  }
}
