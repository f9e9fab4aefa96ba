package io.airm.node.audit;

import com.sun.net.httpserver.HttpServer;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.car.CarWriter;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsImporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/**
 * A trustless gateway in the test's own process: {@code GET /ipfs/{cid}} answers a CAR of the
 * file's DAG, written by the ipfs-adapter from blocks imported here. It can be told to lie.
 */
public final class InMemoryGateway implements AutoCloseable {
  private final InMemoryBlockStore blocks = new InMemoryBlockStore();
  private final Set<String> corrupted = new HashSet<>();
  private final HttpServer server;
  private volatile boolean ignoreAccept;

  public InMemoryGateway() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/ipfs/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Cid cid;
            try {
              cid = Cid.parse(path.substring("/ipfs/".length()));
            } catch (RuntimeException e) {
              exchange.sendResponseHeaders(400, -1);
              return;
            }
            if (!blocks.has(cid)) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            ByteArrayOutputStream car = new ByteArrayOutputStream();
            CarWriter.write(blocks, cid, car);
            byte[] body = car.toByteArray();
            if (corrupted.contains(cid.toString())) {
              body[body.length - 1] ^= 1; // the last byte is data of the last block
            }
            boolean asCar =
                !ignoreAccept
                    && exchange
                        .getRequestHeaders()
                        .getFirst("Accept")
                        .startsWith(GatewayFetcher.CAR);
            if (!asCar) {
              body = "not a car".getBytes();
            }
            exchange
                .getResponseHeaders()
                .set("Content-Type", asCar ? GatewayFetcher.CAR + "; version=1" : "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  /** Imports {@code bytes} as {@code ipfs add --cid-version=1} would; returns the CID. */
  public String add(byte[] bytes) {
    try {
      return UnixFsImporter.importFile(
              new ByteArrayInputStream(bytes), ImportOptions.kuboCidV1(), blocks)
          .root()
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From now on, flips a bit of the CAR served for {@code cid}. */
  public void corrupt(String cid) {
    corrupted.add(cid);
  }

  /** From now on, answers the file's bytes whatever the request asks for. */
  public void ignoreAccept() {
    ignoreAccept = true;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
