package io.airm.node.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.kubo.AddOptions;
import io.airm.ipfs.kubo.KuboClient;
import io.airm.ipfs.kubo.KuboException;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.ipfs.unixfs.UnixFsReader;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Content on a Kubo node, against an in-memory stand-in for the node. */
class KuboContentTest {
  /** A Kubo node in memory: imports as Kubo does, optionally lying or down. */
  private static final class InMemoryKubo implements KuboClient {
    final InMemoryBlockStore blocks = new InMemoryBlockStore();
    final Set<Cid> pins = new HashSet<>();
    boolean down;
    Cid lieAbout;

    @Override
    public Cid add(InputStream content, AddOptions options) {
      if (down) {
        throw new KuboException("/api/v0/add", "connection refused");
      }
      try {
        Cid root = UnixFsImporter.importFile(content, options.toImportOptions(), blocks).root();
        if (options.pin()) {
          pins.add(root);
        }
        return lieAbout != null ? lieAbout : root;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public InputStream cat(Cid root) {
      return new UnixFsReader(blocks).open(root);
    }

    @Override
    public Block blockGet(Cid cid) {
      if (down) {
        throw new KuboException("/api/v0/block/get", "connection refused");
      }
      return blocks
          .find(cid)
          .orElseThrow(() -> new BlockNotFoundException(cid, "the in-memory node"));
    }

    @Override
    public void blockPut(Block block) {
      blocks.put(block);
    }

    @Override
    public List<Cid> dagImport(InputStream car) {
      throw new IllegalStateException("not used by KuboContent");
    }

    @Override
    public void pinAdd(Cid cid) {
      pins.add(cid);
    }

    @Override
    public Set<Cid> pinLs() {
      return Set.copyOf(pins);
    }

    @Override
    public void pinRm(Cid cid) {
      pins.remove(cid);
    }

    @Override
    public String version() {
      return "in-memory";
    }
  }

  private static byte[] content(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void store_addsWithTheSignedCidsOptions_pins_andReadsBack() throws Exception {
    InMemoryKubo kubo = new InMemoryKubo();
    KuboContent store = new KuboContent(kubo, true);
    byte[] bytes = content(700_000);
    ContentStore.ContentSource source = () -> new ByteArrayInputStream(bytes);
    ContentStore.ContentIdentity identity = store.identify(source);
    for (String cid : List.of(identity.cidV0(), identity.cidV1())) {
      store.store(source, cid);
      assertThat(kubo.pins).contains(Cid.parse(cid));
      try (InputStream in = store.open(cid).orElseThrow()) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
      assertThat(store.fileSize(cid)).hasValue(bytes.length);
    }
  }

  @Test
  void withoutPinning_nothingIsPinned() {
    InMemoryKubo kubo = new InMemoryKubo();
    byte[] bytes = content(10);
    ContentStore.ContentSource source = () -> new ByteArrayInputStream(bytes);
    KuboContent store = new KuboContent(kubo, false);
    store.store(source, store.identify(source).cidV1());
    assertThat(kubo.pins).isEmpty();
  }

  @Test
  void aNodeThatNamesTheContentOtherwise_isACorruptContentError() {
    InMemoryKubo kubo = new InMemoryKubo();
    byte[] bytes = content(100);
    ContentStore.ContentSource source = () -> new ByteArrayInputStream(bytes);
    KuboContent store = new KuboContent(kubo, true);
    kubo.lieAbout = Cid.parse(store.identify(() -> new ByteArrayInputStream(content(5))).cidV1());
    assertThatThrownBy(() -> store.store(source, store.identify(source).cidV1()))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CORRUPT_CONTENT))
        .hasMessageContaining("not the signed cid");
  }

  @Test
  void aNodeThatIsDown_isAnUpstreamFailure_notNotFound() {
    InMemoryKubo kubo = new InMemoryKubo();
    kubo.down = true;
    KuboContent store = new KuboContent(kubo, true);
    byte[] bytes = content(100);
    ContentStore.ContentSource source = () -> new ByteArrayInputStream(bytes);
    String cid = store.identify(source).cidV0();
    assertThatThrownBy(() -> store.store(source, cid))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED));
    assertThatThrownBy(() -> store.block(cid))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED));
  }

  @Test
  void unknownContent_isEmpty_andAnInvalidCidIsAnInvalidRequest() {
    KuboContent store = new KuboContent(new InMemoryKubo(), true);
    assertThat(store.open("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")).isEmpty();
    assertThatThrownBy(() -> store.block("not-a-cid"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
  }
}
