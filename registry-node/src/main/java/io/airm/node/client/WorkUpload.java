package io.airm.node.client;

import io.airm.chain.eth.Bytes32;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.UnixFsImporter;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A work to register: its content (a file, bytes or a stream) and its terms — licence, whether AI
 * models may train on it, metadata, the works it derives from — and whether the content is uploaded
 * or only its hashes. {@link RegistryClient#register(WorkSigner, WorkUpload)} hashes the content
 * (SHA-256 and its CID, in one pass), signs and submits it.
 *
 * <pre>{@code
 * WorkUpload.ofFile(Path.of("essay.md"))
 *     .licence("CC-BY-4.0")
 *     .aiTraining(true)
 *     .metadata(WorkMetadata.titled("An essay").withMediaType("text/markdown"))
 * }</pre>
 *
 * <p>Defaults: licence {@code CC-BY-4.0}, AI training allowed, no metadata, no parents, content
 * uploaded, the signature valid for one hour.
 */
public final class WorkUpload {
  private final Source source;
  private String licence = "CC-BY-4.0";
  private boolean aiTraining = true;
  private Optional<String> metadata = Optional.empty();
  private final List<Bytes32> parents = new ArrayList<>();
  private boolean hashOnly;
  private Duration validity = Duration.ofHours(1);

  private WorkUpload(Source source) {
    this.source = source;
  }

  /** The content of {@code file}, read twice: once to hash it, once to upload it. */
  public static WorkUpload ofFile(Path file) {
    return new WorkUpload(new FileSource(Objects.requireNonNull(file, "file")));
  }

  /** The content {@code bytes} (not copied: do not change them until registered). */
  public static WorkUpload ofBytes(byte[] bytes) {
    return new WorkUpload(new BytesSource(Objects.requireNonNull(bytes, "bytes")));
  }

  /**
   * The content read from {@code stream}, once: it is hashed while it is copied to a temporary
   * file, which is uploaded and then deleted. The stream is not closed.
   */
  public static WorkUpload ofStream(InputStream stream) {
    return new WorkUpload(new StreamSource(Objects.requireNonNull(stream, "stream")));
  }

  /** The licence: an SPDX id or a licence URI. */
  public WorkUpload licence(String licence) {
    this.licence = Objects.requireNonNull(licence, "licence");
    return this;
  }

  /** Whether the licence lets AI models be trained on the work. */
  public WorkUpload aiTraining(boolean allowed) {
    this.aiTraining = allowed;
    return this;
  }

  /** The metadata document, built (see {@link WorkMetadata}). */
  public WorkUpload metadata(WorkMetadata metadata) {
    this.metadata = Optional.of(metadata.toJson());
    return this;
  }

  /** A metadata document as its exact text (its UTF-8 bytes are hashed as they are). */
  public WorkUpload metadata(String metadataJson) {
    this.metadata = Optional.of(Objects.requireNonNull(metadataJson, "metadata"));
    return this;
  }

  /** A work this one derives from or cites. */
  public WorkUpload parent(Bytes32 workId) {
    parents.add(Objects.requireNonNull(workId, "parent"));
    return this;
  }

  /** Works this one derives from or cites. */
  public WorkUpload parents(List<Bytes32> workIds) {
    workIds.forEach(this::parent);
    return this;
  }

  /** Registers only the hashes; the content stays with the creator. */
  public WorkUpload hashOnly() {
    this.hashOnly = true;
    return this;
  }

  /** How long the signature stays valid (the registration's deadline is now plus this). */
  public WorkUpload validity(Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("The validity must be positive, not " + validity);
    }
    this.validity = validity;
    return this;
  }

  String licence() {
    return licence;
  }

  boolean aiTraining() {
    return aiTraining;
  }

  Optional<String> metadata() {
    return metadata;
  }

  List<Bytes32> parents() {
    return List.copyOf(parents);
  }

  boolean isHashOnly() {
    return hashOnly;
  }

  Duration validity() {
    return validity;
  }

  /** Hashes the content; the result uploads it (possibly more than once, for retries). */
  Prepared prepare() {
    return source.prepare();
  }

  /** Hashed content, ready to upload; {@link #close()} deletes any temporary copy. */
  interface Prepared extends AutoCloseable {
    ContentIdentity identity();

    /** A fresh body publisher of the content (each attempt of a request needs its own). */
    HttpRequest.BodyPublisher body();

    @Override
    void close();
  }

  private interface Source {
    Prepared prepare();
  }

  /** Hashed content whose bodies come from {@code body}; {@code onClose} runs at close. */
  private record Ready(
      ContentIdentity identity, Supplier<HttpRequest.BodyPublisher> bodies, Runnable onClose)
      implements Prepared {
    @Override
    public HttpRequest.BodyPublisher body() {
      return bodies.get();
    }

    @Override
    public void close() {
      onClose.run();
    }

    /** The content of {@code file}, uploaded from it; {@code what} names it in an error. */
    static Ready ofFile(ContentIdentity identity, Path file, String what, Runnable onClose) {
      return new Ready(
          identity,
          () -> {
            try {
              return HttpRequest.BodyPublishers.ofFile(file);
            } catch (IOException e) {
              throw new UncheckedIOException("Cannot read " + what, e);
            }
          },
          onClose);
    }
  }

  private record FileSource(Path file) implements Source {
    @Override
    public Prepared prepare() {
      ContentIdentity identity;
      try (InputStream in = Files.newInputStream(file)) {
        identity = UnixFsImporter.identify(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
      return Ready.ofFile(identity, file, file.toString(), () -> {});
    }
  }

  private record BytesSource(byte[] bytes) implements Source {
    @Override
    public Prepared prepare() {
      ContentIdentity identity;
      try {
        identity = UnixFsImporter.identify(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot hash the content", e);
      }
      return new Ready(identity, () -> HttpRequest.BodyPublishers.ofByteArray(bytes), () -> {});
    }
  }

  private record StreamSource(InputStream stream) implements Source {
    @Override
    public Prepared prepare() {
      Path copy;
      try {
        copy = Files.createTempFile("airm-upload-", ".bin");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temporary file for the content", e);
      }
      ContentIdentity identity;
      try (OutputStream out = Files.newOutputStream(copy)) {
        identity = UnixFsImporter.identify(new Tee(stream, out));
      } catch (IOException e) {
        delete(copy);
        throw new UncheckedIOException("Cannot read the content stream", e);
      } catch (RuntimeException e) {
        delete(copy);
        throw e;
      }
      return Ready.ofFile(identity, copy, "the content's copy " + copy, () -> delete(copy));
    }

    private static void delete(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file left behind is harmless; the registration's outcome matters more
      }
    }
  }

  /** Copies what is read to {@code out}: the one pass over a stream both hashes and spools it. */
  private static final class Tee extends FilterInputStream {
    private final OutputStream out;

    Tee(InputStream in, OutputStream out) {
      super(in);
      this.out = out;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        out.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        out.write(buffer, offset, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("The content stream is hashed in full; it cannot be skipped");
    }

    @Override
    public void close() {
      // the caller owns the stream
    }
  }
}
