package io.airm.node.content;

import io.airm.ipfs.IpfsException;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Counts the content store's failures: the Kubo node down, hung or answering wrong bytes, a block
 * store that cannot write or holds a corrupt block. A client's mistake (a malformed CID, content
 * that does not match its signed CID, an upload that could not be read) is not the store's failure
 * and is not counted.
 */
public final class MeteredContentStore implements ContentStore {
  /** Where a failure is reported: the store's name and the operation that failed. */
  @FunctionalInterface
  public interface Failures {
    void failed(String store, String operation);
  }

  private final ContentStore inner;
  private final String store;
  private final Failures failures;

  /**
   * @param store the store's name in the metric: {@code embedded} or {@code kubo}
   */
  public MeteredContentStore(ContentStore inner, String store, Failures failures) {
    this.inner = inner;
    this.store = store;
    this.failures = failures;
  }

  @Override
  public ContentIdentity identify(ContentSource content) {
    return inner.identify(content); // computed locally, from the upload: no store involved
  }

  @Override
  public void store(ContentSource content, String expectedCid) {
    counted(
        "store",
        () -> {
          inner.store(content, expectedCid);
          return null;
        });
  }

  @Override
  public Optional<InputStream> open(String cid) {
    return counted("open", () -> inner.open(cid)).map(CountingStream::new);
  }

  @Override
  public Optional<byte[]> block(String cid) {
    return counted("block", () -> inner.block(cid));
  }

  @Override
  public OptionalLong fileSize(String cid) {
    return counted("file_size", () -> inner.fileSize(cid));
  }

  private <T> T counted(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      if (isStoreFailure(e)) {
        failures.failed(store, operation);
      }
      throw e;
    }
  }

  /** Whether {@code failure} is the store's, not the client's. */
  static boolean isStoreFailure(RuntimeException failure) {
    if (failure instanceof RegistryException registry) {
      return registry.kind() == ErrorKind.UPSTREAM_FAILED
          || registry.kind() == ErrorKind.CORRUPT_CONTENT;
    }
    return failure instanceof IpfsException;
  }

  /** A file being streamed: a block that turns out missing or corrupt mid-stream is counted. */
  private final class CountingStream extends FilterInputStream {
    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (RuntimeException e) {
        throw count(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (RuntimeException e) {
        throw count(e);
      }
    }

    private RuntimeException count(RuntimeException e) {
      if (isStoreFailure(e)) {
        failures.failed(store, "read");
      }
      return e;
    }
  }
}
