package io.airm.node.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The node's database: a connection pool, the schema migrated to the newest version at start, and
 * transactions. H2 (a file) by default; PostgreSQL by URL.
 */
public final class Database implements AutoCloseable {
  private static final String UNIQUE_VIOLATION = "23505";

  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens the database at {@code jdbcUrl} and applies any pending migration. */
  public static Database open(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(8);
    config.setAutoCommit(false);
    config.setPoolName("airm-db");
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageException(
          "Cannot open the database at " + redact(jdbcUrl) + ": " + e.getMessage(), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new StorageException(
          "Cannot migrate the database at " + redact(jdbcUrl) + ": " + e.getMessage(), e);
    }
    return new Database(pool);
  }

  /** The H2 file database under {@code directory}. */
  public static String h2Url(java.nio.file.Path directory) {
    // WRITE_DELAY=0: every commit reaches the file before the request is answered, so a killed
    // process never loses an accepted registration (H2 otherwise delays the write up to 500 ms)
    return "jdbc:h2:file:"
        + directory.toAbsolutePath().resolve("registry")
        + ";DB_CLOSE_DELAY=0;WRITE_DELAY=0";
  }

  private static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  /**
   * Whether {@code failure} was caused by a unique or primary key violation: SQLState 23505 (the
   * SQL standard's class 23, integrity constraint violation, as H2 and PostgreSQL both report it),
   * looked for along the causes and a batch's chained exceptions.
   */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
          if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The pool, for read-only helpers. */
  DataSource dataSource() {
    return pool;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(String what, SqlWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StorageException("Database failure while trying to " + what + ": " + e, e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
