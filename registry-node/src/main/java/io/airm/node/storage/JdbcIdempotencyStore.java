package io.airm.node.storage;

import io.airm.node.domain.IdempotencyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** Idempotency keys and their first answers in the database ({@code V4__idempotency.sql}). */
public final class JdbcIdempotencyStore implements IdempotencyStore {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String KEY =
      "principal = ? AND request_method = ? AND request_path = ? AND idem_key = ?";

  private final Database database;

  public JdbcIdempotencyStore(Database database) {
    this.database = database;
  }

  @Override
  public Claim claim(
      Scope scope,
      String requestSha256,
      Instant now,
      Instant expiredBefore,
      Instant abandonedBefore) {
    try {
      return database.inTransaction(
          "claim idempotency key " + scope.key(),
          connection -> {
            Optional<Row> row = select(connection, scope);
            if (row.isPresent() && row.get().stale(expiredBefore, abandonedBefore)) {
              delete(connection, scope);
              row = Optional.empty();
            }
            if (row.isPresent()) {
              return row.get().claim;
            }
            insert(connection, scope, requestSha256, now);
            return new Granted();
          });
    } catch (StorageException e) {
      if (!(e.getCause() instanceof SQLException sql)
          || !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        throw e;
      }
      // a concurrent request inserted the same key first: it is in flight, or has just finished
      return database.inTransaction(
          "read idempotency key " + scope.key(),
          connection ->
              select(connection, scope)
                  .map(r -> r.claim)
                  .orElse(new Existing(requestSha256, Optional.empty())));
    }
  }

  @Override
  public void complete(Scope scope, Response response) {
    database.inTransaction(
        "store the answer to idempotency key " + scope.key(),
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, body = ?"
                      + " WHERE "
                      + KEY)) {
            update.setInt(1, response.status());
            update.setString(2, response.contentType().orElse(null));
            update.setString(3, response.location().orElse(null));
            update.setBytes(4, response.body());
            bind(update, 5, scope);
            if (update.executeUpdate() != 1) {
              throw new SQLException(
                  "No claim on idempotency key " + scope.key() + " for " + scope.path());
            }
          }
          return null;
        });
  }

  @Override
  public void release(Scope scope) {
    database.inTransaction(
        "release idempotency key " + scope.key(),
        connection -> {
          delete(connection, scope);
          return null;
        });
  }

  @Override
  public int deleteExpired(Instant before) {
    return database.inTransaction(
        "delete expired idempotency keys",
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM idempotency_keys WHERE created_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
          }
        });
  }

  private static Optional<Row> select(Connection connection, Scope scope) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT request_sha256, status, content_type, location, body, created_at"
                + " FROM idempotency_keys WHERE "
                + KEY
                + " FOR UPDATE")) {
      bind(select, 1, scope);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String requestSha256 = rs.getString(1);
        int status = rs.getInt(2);
        Optional<Response> response =
            rs.wasNull()
                ? Optional.empty()
                : Optional.of(
                    new Response(
                        status,
                        Optional.ofNullable(rs.getString(3)),
                        Optional.ofNullable(rs.getBytes(5)).orElse(new byte[0]),
                        Optional.ofNullable(rs.getString(4))));
        return Optional.of(
            new Row(new Existing(requestSha256, response), rs.getTimestamp(6).toInstant()));
      }
    }
  }

  private static void insert(Connection connection, Scope scope, String requestSha256, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO idempotency_keys (principal, request_method, request_path, idem_key,"
                + " request_sha256, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      bind(insert, 1, scope);
      insert.setString(5, requestSha256);
      insert.setNull(6, Types.INTEGER);
      insert.setTimestamp(7, Timestamp.from(now));
      insert.executeUpdate();
    }
  }

  private static void delete(Connection connection, Scope scope) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM idempotency_keys WHERE " + KEY)) {
      bind(delete, 1, scope);
      delete.executeUpdate();
    }
  }

  private static void bind(PreparedStatement statement, int first, Scope scope)
      throws SQLException {
    statement.setString(first, scope.principal());
    statement.setString(first + 1, scope.method());
    statement.setString(first + 2, scope.path());
    statement.setString(first + 3, scope.key());
  }

  private record Row(Existing claim, Instant createdAt) {
    boolean stale(Instant expiredBefore, Instant abandonedBefore) {
      boolean inFlight = claim.response().isEmpty();
      return createdAt.isBefore(inFlight ? abandonedBefore : expiredBefore);
    }
  }
}
