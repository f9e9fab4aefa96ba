package io.airm.node.http;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eth.Address;
import io.airm.ipfs.blockstore.FileSystemBlockStore;
import io.airm.node.client.RegistryClient;
import io.airm.node.content.BlockStoreContent;
import io.airm.node.domain.LogQueries;
import io.airm.node.domain.RegistrationService;
import io.airm.node.domain.WorkQueries;
import io.airm.node.storage.Database;
import io.airm.node.storage.JdbcAnchorStore;
import io.airm.node.storage.JdbcLog;
import io.airm.node.storage.JdbcWorkStore;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/**
 * The node's HTTP API over a real H2 database and a real block store, without a chain: what a
 * registration needs is the domain, not the chain.
 */
final class ApiHarness implements AutoCloseable {
  static final Eip712Domain DOMAIN =
      Eip712Domain.workRegistry(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));

  final Database database;
  final Javalin app;
  final RegistryClient client;
  final String url;

  ApiHarness(Path dir, long maxJsonBytes, long maxUploadBytes) {
    database = Database.open(Database.h2Url(dir.resolve("db")), "sa", "");
    Clock clock = Clock.systemUTC();
    var works = new JdbcWorkStore(database);
    var log = new JdbcLog(database);
    var anchors = new JdbcAnchorStore(database, clock);
    var content = new BlockStoreContent(FileSystemBlockStore.open(dir.resolve("blocks")));
    var registrations = new RegistrationService(DOMAIN, works, content, clock);
    app =
        HttpApi.create(
            "127.0.0.1",
            0,
            new HttpApi.Limits(maxJsonBytes, maxUploadBytes, dir.resolve("spool")),
            new WorksEndpoint(
                registrations, new WorkQueries(works, log, anchors), dir.resolve("spool")),
            new InfoEndpoints(DOMAIN, "http://127.0.0.1:1", 1, log, anchors, content),
            new LogEndpoint(new LogQueries(log, works, anchors)));
    app.start();
    url = "http://127.0.0.1:" + app.port();
    client = new RegistryClient(url);
  }

  /** Rows in a table: what a refused request must leave unchanged. */
  long rows(String table) {
    return database.inTransaction(
        "count " + table,
        connection -> {
          try (PreparedStatement count =
                  connection.prepareStatement("SELECT COUNT(*) FROM " + table);
              ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public void close() {
    app.stop();
    database.close();
  }
}
