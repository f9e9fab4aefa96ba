package io.airm.node.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty databases for tests, one per test: an H2 file database in a temporary folder, or a
 * new database {@code airm_test_<random>} on the PostgreSQL server that {@code
 * tests/postgres/ensure-postgres.sh} provides. Closing one closes every {@link Database} opened on
 * it and drops it.
 *
 * <p>The PostgreSQL server is found through, in order: the system properties {@code
 * airm.postgres.url}, {@code .user}, {@code .password}; the environment variables {@code
 * AIRM_PG_URL}, {@code AIRM_PG_USER}, {@code AIRM_PG_PASSWORD} the script exports; the file {@code
 * target/airm-postgres.properties} it writes when Maven runs it; {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres} as {@code airm}/{@code airm}. If the server cannot be
 * reached the test fails, naming the script; {@code -Dairm.postgres=skip} skips such tests instead.
 */
public final class TestDatabases {
  /** The script that provides the PostgreSQL server, named in every failure. */
  public static final String ENSURE_SCRIPT = "tests/postgres/ensure-postgres.sh";

  private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestDatabases() {}

  /** The database engines the node supports. */
  public enum Backend {
    H2,
    POSTGRESQL
  }

  /** A fresh empty database of {@code backend}; close it to drop it. */
  public static Fresh fresh(Backend backend) {
    return switch (backend) {
      case H2 -> freshH2();
      case POSTGRESQL -> freshPostgres();
    };
  }

  private static Fresh freshH2() {
    try {
      Path dir = Files.createTempDirectory("airm-h2-");
      return new Fresh(Backend.H2, Database.h2Url(dir), "sa", "", () -> deleteTree(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Fresh freshPostgres() {
    Server server = server();
    String name = "airm_test_" + HexFormat.of().formatHex(randomBytes(8));
    // UTF-8 whatever the cluster's default: works carry any text (metadata, licences)
    server.execute(
        "CREATE DATABASE "
            + name
            + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    String url = server.url().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    return new Fresh(
        Backend.POSTGRESQL, url, server.user(), server.password(), () -> server.drop(name));
  }

  /**
   * The PostgreSQL server's administrative connection (to its {@code postgres} database), checked
   * to accept a login; skips the calling test under {@code -Dairm.postgres=skip}.
   */
  public static Server server() {
    if ("skip".equals(System.getProperty("airm.postgres"))) {
      Assumptions.abort("PostgreSQL tests skipped on request (-Dairm.postgres=skip)");
    }
    Properties file = new Properties();
    Path written = Path.of("target", "airm-postgres.properties");
    if (Files.isRegularFile(written)) {
      try (InputStream in = Files.newInputStream(written)) {
        file.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Server server =
        new Server(
            setting("airm.postgres.url", "AIRM_PG_URL", file, DEFAULT_URL),
            setting("airm.postgres.user", "AIRM_PG_USER", file, "airm"),
            setting("airm.postgres.password", "AIRM_PG_PASSWORD", file, "airm"));
    try (Connection ignored = server.connect()) {
      return server;
    } catch (SQLException e) {
      throw new AssertionError(
          "No PostgreSQL server at "
              + server.url()
              + " accepts role "
              + server.user()
              + " ("
              + e.getMessage()
              + "). Run "
              + ENSURE_SCRIPT
              + " (as root it installs and starts PostgreSQL and creates the role), or skip the"
              + " PostgreSQL tests explicitly with -Dairm.postgres=skip.",
          e);
    }
  }

  private static String setting(String property, String env, Properties file, String fallback) {
    return Optional.ofNullable(System.getProperty(property))
        .or(() -> Optional.ofNullable(System.getenv(env)))
        .or(() -> Optional.ofNullable(file.getProperty(property)))
        .filter(v -> !v.isBlank())
        .orElse(fallback);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PostgreSQL server as the tests reach it. */
  public record Server(String url, String user, String password) {
    /** A plain connection (auto-commit) to the administrative database. */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    /**
     * Drops a test database. FORCE ends connections a failed test left open, and an autovacuum
     * worker, which needs pg_signal_backend (the ensure script grants it); without it, retries.
     */
    void drop(String name) {
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 40; attempt++) {
        try {
          execute("DROP DATABASE IF EXISTS " + name + (attempt == 0 ? " WITH (FORCE)" : ""));
          return;
        } catch (IllegalStateException e) {
          last = e;
          try {
            Thread.sleep(250);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      throw last;
    }

    void execute(String sql) {
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("PostgreSQL refused '" + sql + "': " + e.getMessage(), e);
      }
    }
  }

  /** One fresh database: where it is, and the databases opened on it. */
  public static final class Fresh implements AutoCloseable {
    private final Backend backend;
    private final String url;
    private final String user;
    private final String password;
    private final Runnable drop;
    private final List<Database> opened = new ArrayList<>();

    private Fresh(Backend backend, String url, String user, String password, Runnable drop) {
      this.backend = backend;
      this.url = url;
      this.user = user;
      this.password = password;
      this.drop = drop;
    }

    public Backend backend() {
      return backend;
    }

    /** Its JDBC URL, as the node's {@code db.url}. */
    public String url() {
      return url;
    }

    public String user() {
      return user;
    }

    public String password() {
      return password;
    }

    /** Opens (and migrates) it: a pool of its own, as one node would have. */
    public synchronized Database open() {
      Database database = Database.open(url, user, password);
      opened.add(database);
      return database;
    }

    @Override
    public synchronized void close() {
      for (Database database : opened) {
        database.close();
      }
      opened.clear();
      drop.run();
    }

    @Override
    public String toString() {
      return backend.name();
    }
  }
}
