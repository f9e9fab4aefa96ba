package io.airm.node.audit;

import io.airm.ipfs.IpfsException;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.car.CarReader;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.unixfs.UnixFsReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Fetches files from an IPFS trustless gateway (Kubo's, or a node's {@code /ipfs/{cid}}) without
 * trusting it: the file is asked for as a CAR ({@code Accept: application/vnd.ipld.car}), every
 * block is verified against its CID by {@link CarReader} before any is used, and the file is then
 * assembled by {@link UnixFsReader}, which checks that each block is the one its parent links.
 */
public final class GatewayFetcher implements FileFetcher {
  /** The media type of a CAR, per the trustless gateway specification. */
  public static final String CAR = "application/vnd.ipld.car";

  /** The largest CAR (and file) fetched by default. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  private final String base;
  private final HttpClient http;
  private final Duration timeout;
  private final long maxBytes;

  /** A fetcher from the gateway at {@code base} (e.g. {@code http://127.0.0.1:8080}). */
  public GatewayFetcher(URI base) {
    this(
        base,
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build(),
        Duration.ofMinutes(5),
        DEFAULT_MAX_BYTES);
  }

  /**
   * @param base the gateway's URL; {@code /ipfs/{cid}} is appended
   * @param http the client
   * @param timeout the longest one fetch may take
   * @param maxBytes the largest CAR accepted
   */
  public GatewayFetcher(URI base, HttpClient http, Duration timeout, long maxBytes) {
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.http = http;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  @Override
  public byte[] fetch(Cid cid) {
    URI uri = URI.create(base + "/ipfs/" + cid);
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", CAR).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IpfsException("The gateway " + uri + " could not be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpfsException("Interrupted while fetching " + uri, e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IpfsException(
            "The gateway answered " + response.statusCode() + " for " + uri + " (as a CAR)");
      }
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!type.toLowerCase(java.util.Locale.ROOT).startsWith(CAR)) {
        throw new IpfsException(
            "The gateway answered "
                + uri
                + " with Content-Type '"
                + type
                + "', not a CAR; only a CAR can be verified block by block");
      }
      InMemoryBlockStore blocks = new InMemoryBlockStore();
      List<Cid> roots = CarReader.importInto(new Limited(body, maxBytes, uri), blocks);
      if (roots.stream().noneMatch(root -> root.multihash().equals(cid.multihash()))) {
        throw new IpfsException("The CAR for " + uri + " has roots " + roots + ", not " + cid);
      }
      try (InputStream file = new UnixFsReader(blocks).open(cid)) {
        return file.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the CAR for " + uri + " failed: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "the gateway " + base;
  }

  /** Stops a gateway from streaming without end. */
  private static final class Limited extends FilterInputStream {
    private final long max;
    private final URI uri;
    private long count;

    Limited(InputStream in, long max, URI uri) {
      super(in);
      this.max = max;
      this.uri = uri;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        advance(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        advance(n);
      }
      return n;
    }

    private void advance(long n) {
      count += n;
      if (count > max) {
        throw new IpfsException("The CAR for " + uri + " is larger than " + max + " bytes");
      }
    }
  }
}
