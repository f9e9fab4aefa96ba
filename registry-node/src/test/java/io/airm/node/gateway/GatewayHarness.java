package io.airm.node.gateway;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.ipfs.blockstore.FileSystemBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.multiformats.Base32;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.api.JsonLimits;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.content.BlockStoreContent;
import io.airm.node.domain.LogQueries;
import io.airm.node.domain.RegistrationService;
import io.airm.node.domain.WorkQueries;
import io.airm.node.http.AccessControl;
import io.airm.node.http.ApiGuards;
import io.airm.node.http.HttpApi;
import io.airm.node.http.Idempotency;
import io.airm.node.http.InfoEndpoints;
import io.airm.node.http.LogEndpoint;
import io.airm.node.http.RateLimits;
import io.airm.node.http.TokenBuckets;
import io.airm.node.http.WorksEndpoint;
import io.airm.node.storage.Database;
import io.airm.node.storage.JdbcAnchorStore;
import io.airm.node.storage.JdbcIdempotencyStore;
import io.airm.node.storage.JdbcLog;
import io.airm.node.storage.JdbcWorkStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A node (real H2, real block store, no chain) whose content got there the way a user's does: by a
 * signed registration over HTTP.
 */
final class GatewayHarness implements AutoCloseable {
  static final Eip712Domain DOMAIN =
      Eip712Domain.workRegistry(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  final Path blocksDir;
  final FileSystemBlockStore blocks;
  final String url;
  private final Database database;
  private final Javalin app;
  private final RegistryClient client;
  private final WorkSigner creator = new WorkSigner(CREATOR_KEY);

  GatewayHarness(Path dir) {
    database = Database.open(Database.h2Url(dir.resolve("db")), "sa", "");
    Clock clock = Clock.systemUTC();
    var works = new JdbcWorkStore(database);
    var log = new JdbcLog(database);
    var anchors = new JdbcAnchorStore(database, clock);
    blocksDir = dir.resolve("blocks");
    blocks = FileSystemBlockStore.open(blocksDir);
    var content = new BlockStoreContent(blocks);
    var registrations = new RegistrationService(DOMAIN, works, content, clock);
    app =
        HttpApi.create(
            "127.0.0.1",
            0,
            new HttpApi.Limits(64 * 1024, 64L * 1024 * 1024, dir.resolve("spool")),
            // loopback clients that fetch block by block: limits far above what they send
            new ApiGuards(
                new AccessControl(Optional.empty(), Optional.empty()),
                new RateLimits(
                    new TokenBuckets(100_000, 100_000, 16, System::nanoTime),
                    new TokenBuckets(100_000, 100_000, 16, System::nanoTime)),
                JsonLimits.DEFAULTS,
                new Idempotency(new JdbcIdempotencyStore(database), clock)),
            new WorksEndpoint(
                registrations, new WorkQueries(works, log, anchors), dir.resolve("spool")),
            new InfoEndpoints(DOMAIN, "http://127.0.0.1:1", 1, log, anchors, content),
            new LogEndpoint(new LogQueries(log, works, anchors)),
            new GatewayEndpoint(content));
    app.start();
    url = "http://127.0.0.1:" + app.port();
    client = new RegistryClient(url);
  }

  /**
   * Registers {@code file} under its CIDv1 (raw leaves) or, if {@code v0}, its CIDv0, and returns
   * that CID.
   */
  String register(Path file, boolean v0) throws IOException {
    ContentIdentity identity;
    try (InputStream in = Files.newInputStream(file)) {
      identity = UnixFsImporter.identify(in);
    }
    WorkRegistration signed = creator.signFile(file, DOMAIN).registration();
    String cid = (v0 ? identity.cidV0() : identity.cidV1()).toString();
    WorkRegistration registration =
        new WorkRegistration(
            signed.creator(),
            signed.contentHash(),
            cid,
            signed.metadataHash(),
            signed.licence(),
            signed.aiTraining(),
            signed.parents(),
            signed.nonce(),
            signed.deadline());
    WorkSigner.Signed request = creator.sign(registration, DOMAIN);
    var answer =
        client.register(
            request.registration(), request.signature(), Optional.empty(), Optional.of(file));
    if (answer.status() != 202) {
      throw new IllegalStateException("Registration failed: " + answer.body());
    }
    return cid;
  }

  /** The file the store keeps block {@code cid} in. */
  Path blockFile(Cid cid) throws IOException {
    String key = Base32.encodeUpper(cid.multihash().bytes());
    try (Stream<Path> files = Files.walk(blocksDir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(key + "."))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No file holds " + cid));
    }
  }

  @Override
  public void close() {
    app.stop();
    database.close();
  }
}
