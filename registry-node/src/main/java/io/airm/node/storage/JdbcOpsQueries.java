package io.airm.node.storage;

import io.airm.node.domain.AttestationState;
import io.airm.node.domain.SettlementState;
import io.airm.node.ops.OpsSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The reads behind {@code /metrics} and the readiness probe: a few indexed queries in one
 * transaction, never a scan of the log.
 */
public final class JdbcOpsQueries implements OpsSnapshot.Source {
  private final Database database;
  private final String indexerCursor;
  private final Clock clock;

  /**
   * @param indexerCursor the name of the pool indexer's cursor (its last applied block)
   */
  public JdbcOpsQueries(Database database, String indexerCursor, Clock clock) {
    this.database = database;
    this.indexerCursor = indexerCursor;
    this.clock = clock;
  }

  /** Round-trips to the database: throws if it cannot be reached. */
  public void ping() {
    database.inTransaction(
        "ping the database",
        connection -> {
          try (PreparedStatement ping = connection.prepareStatement("SELECT 1");
              ResultSet rs = ping.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  @Override
  public OpsSnapshot read() {
    return database.inTransaction(
        "read the node's state for metrics",
        connection -> {
          long size = single(connection, "SELECT tree_size FROM log_head WHERE id = 1", 0);
          long finalSize =
              single(
                  connection,
                  "SELECT COALESCE(MAX(tree_size), 0) FROM anchors WHERE status = 'FINAL'",
                  0);
          long inFlight =
              single(
                  connection,
                  "SELECT COUNT(*) FROM anchors WHERE status IN ('SIGNED', 'SENT', 'MINED')",
                  0);
          double age = 0;
          if (size > finalSize) {
            // the first leaf past the final checkpoint is the oldest one waiting
            try (PreparedStatement oldest =
                connection.prepareStatement(
                    "SELECT appended_at FROM log_leaves WHERE leaf_index = ?")) {
              oldest.setLong(1, finalSize);
              try (ResultSet rs = oldest.executeQuery()) {
                if (rs.next()) {
                  Timestamp at = rs.getTimestamp(1);
                  age =
                      Math.max(0, Duration.between(at.toInstant(), clock.instant()).toMillis())
                          / 1000.0;
                }
              }
            }
          }
          Map<String, Long> attestations = new LinkedHashMap<>();
          for (AttestationState state : AttestationState.values()) {
            attestations.put(lower(state), 0L);
          }
          countByState(connection, "attestations", attestations);
          Map<String, Long> settlements = new LinkedHashMap<>();
          for (SettlementState state : SettlementState.values()) {
            settlements.put(lower(state), 0L);
          }
          countByState(connection, "settlements", settlements);
          OptionalLong indexed = OptionalLong.empty();
          try (PreparedStatement cursor =
              connection.prepareStatement(
                  "SELECT block_number FROM indexer_cursors WHERE name = ?")) {
            cursor.setString(1, indexerCursor);
            try (ResultSet rs = cursor.executeQuery()) {
              if (rs.next()) {
                indexed = OptionalLong.of(rs.getLong(1));
              }
            }
          }
          return new OpsSnapshot(
              size, finalSize, inFlight, age, attestations, settlements, indexed);
        });
  }

  private static long single(Connection connection, String sql, long fallback) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql);
        ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getLong(1) : fallback;
    }
  }

  private static void countByState(Connection connection, String table, Map<String, Long> counts)
      throws SQLException {
    // the table names are this class's constants, never input
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT state, COUNT(*) FROM " + table + " GROUP BY state");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getLong(2));
      }
    }
  }

  private static String lower(Enum<?> state) {
    return state.name().toLowerCase(java.util.Locale.ROOT);
  }
}
