package io.airm.node.storage;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.Allocation;
import io.airm.node.domain.Settlement;
import io.airm.node.domain.SettlementState;
import io.airm.node.domain.SettlementStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Settlement runs and allocations in the database. */
public final class JdbcSettlementStore implements SettlementStore {
  private static final String COLUMNS =
      "pool_id, state, attestation_id, funded, tree_size, report_cid, report_digest,"
          + " valuation_cid, input_cid, root, total, leaves, tx_hash, challenge_ends_at, failure,"
          + " requested_at";

  private final Database database;
  private final Clock clock;

  public JdbcSettlementStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public Settlement createIfAbsent(BigInteger poolId, Bytes32 attestationId) {
    Optional<Settlement> existing = find(poolId);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      database.inTransaction(
          "request the settlement of pool " + poolId,
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO settlements (pool_id, state, attestation_id, requested_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?)")) {
              Timestamp now = Timestamp.from(clock.instant());
              insert.setBigDecimal(1, new BigDecimal(poolId));
              insert.setString(2, SettlementState.WAITING.name());
              insert.setString(3, attestationId.hex());
              insert.setTimestamp(4, now);
              insert.setTimestamp(5, now);
              insert.executeUpdate();
            }
            return null;
          });
    } catch (StorageException e) {
      if (!Database.isUniqueViolation(e)) {
        throw e;
      }
      // a concurrent request created it first: answer that run
    }
    return find(poolId).orElseThrow();
  }

  @Override
  public Optional<Settlement> find(BigInteger poolId) {
    return select("WHERE pool_id = ?", new BigDecimal(poolId), 1).stream().findFirst();
  }

  @Override
  public List<Settlement> open(int limit) {
    return select(
        "WHERE state IN (?, 'POSTING', 'POSTED') ORDER BY requested_at",
        SettlementState.WAITING.name(),
        limit);
  }

  @Override
  public void valued(Settlement v, List<Allocation> allocations) {
    database.inTransaction(
        "store the valuation of pool " + v.poolId(),
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM allocations WHERE pool_id = ?")) {
            delete.setBigDecimal(1, new BigDecimal(v.poolId()));
            delete.executeUpdate();
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO allocations (pool_id, leaf_index, account, amount, claimed)"
                      + " VALUES (?, ?, ?, ?, FALSE)")) {
            int batched = 0;
            for (Allocation a : allocations) {
              insert.setBigDecimal(1, new BigDecimal(a.poolId()));
              insert.setLong(2, a.index());
              insert.setString(3, a.account().value());
              insert.setBigDecimal(4, new BigDecimal(a.amount()));
              insert.addBatch();
              if (++batched % 1000 == 0) {
                insert.executeBatch();
              }
            }
            insert.executeBatch();
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE settlements SET state = ?, funded = ?, tree_size = ?, report_cid = ?,"
                      + " report_digest = ?, valuation_cid = ?, input_cid = ?, root = ?, total = ?,"
                      + " leaves = ?, failure = NULL, updated_at = ? WHERE pool_id = ?")) {
            update.setString(1, SettlementState.POSTING.name());
            update.setBigDecimal(2, new BigDecimal(v.funded().orElseThrow()));
            update.setLong(3, v.treeSize().orElseThrow());
            update.setString(4, v.reportCid().orElseThrow());
            update.setString(5, v.reportDigest().orElseThrow().hex());
            update.setString(6, v.valuationCid().orElseThrow());
            update.setString(7, v.inputCid().orElseThrow());
            update.setString(8, v.root().orElseThrow().hex());
            update.setBigDecimal(9, new BigDecimal(v.total().orElseThrow()));
            update.setLong(10, v.leaves().orElseThrow());
            update.setTimestamp(11, Timestamp.from(clock.instant()));
            update.setBigDecimal(12, new BigDecimal(v.poolId()));
            update.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void posting(BigInteger poolId, Bytes32 txHash) {
    update(poolId, "tx_hash = ?", txHash.hex());
  }

  @Override
  public void posted(BigInteger poolId, Bytes32 txHash, long challengeEndsAt) {
    database.inTransaction(
        "mark pool " + poolId + " posted",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE settlements SET state = ?, tx_hash = ?, challenge_ends_at = ?,"
                      + " updated_at = ? WHERE pool_id = ?")) {
            update.setString(1, SettlementState.POSTED.name());
            update.setString(2, txHash.hex());
            update.setLong(3, challengeEndsAt);
            update.setTimestamp(4, Timestamp.from(clock.instant()));
            update.setBigDecimal(5, new BigDecimal(poolId));
            update.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void moveTo(BigInteger poolId, SettlementState state) {
    update(poolId, "state = ?", state.name());
  }

  @Override
  public void failed(BigInteger poolId, String reason) {
    database.inTransaction(
        "mark the settlement of pool " + poolId + " failed",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE settlements SET state = ?, failure = ?, updated_at = ?"
                      + " WHERE pool_id = ?")) {
            update.setString(1, SettlementState.FAILED.name());
            update.setString(2, JdbcAttestationStore.truncate(reason));
            update.setTimestamp(3, Timestamp.from(clock.instant()));
            update.setBigDecimal(4, new BigDecimal(poolId));
            update.executeUpdate();
          }
          return null;
        });
  }

  private void update(BigInteger poolId, String set, String value) {
    database.inTransaction(
        "update the settlement of pool " + poolId,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE settlements SET " + set + ", updated_at = ? WHERE pool_id = ?")) {
            update.setString(1, value);
            update.setTimestamp(2, Timestamp.from(clock.instant()));
            update.setBigDecimal(3, new BigDecimal(poolId));
            update.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<Allocation> allocations(BigInteger poolId) {
    return allocationsWhere(
        "WHERE pool_id = ? ORDER BY leaf_index", ps -> ps.setBigDecimal(1, new BigDecimal(poolId)));
  }

  @Override
  public List<Allocation> allocationsOf(Address account) {
    return allocationsWhere(
        "WHERE account = ? ORDER BY pool_id, leaf_index", ps -> ps.setString(1, account.value()));
  }

  @Override
  public void claimed(BigInteger poolId, long index) {
    database.inTransaction(
        "mark a claim in pool " + poolId,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE allocations SET claimed = TRUE WHERE pool_id = ? AND leaf_index = ?")) {
            update.setBigDecimal(1, new BigDecimal(poolId));
            update.setLong(2, index);
            update.executeUpdate();
          }
          return null;
        });
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private List<Allocation> allocationsWhere(String where, Binder binder) {
    return database.inTransaction(
        "read allocations",
        connection -> {
          List<Allocation> found = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT pool_id, leaf_index, account, amount, claimed FROM allocations "
                      + where)) {
            binder.bind(select);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                found.add(
                    new Allocation(
                        rs.getBigDecimal(1).toBigIntegerExact(),
                        rs.getLong(2),
                        Address.parse(rs.getString(3)),
                        rs.getBigDecimal(4).toBigIntegerExact(),
                        rs.getBoolean(5)));
              }
            }
          }
          return found;
        });
  }

  private List<Settlement> select(String where, Object parameter, int limit) {
    return database.inTransaction(
        "read settlements",
        connection -> {
          List<Settlement> found = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM settlements " + where + " LIMIT " + limit)) {
            select.setObject(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                found.add(read(rs));
              }
            }
          }
          return found;
        });
  }

  private static Settlement read(ResultSet rs) throws SQLException {
    return new Settlement(
        rs.getBigDecimal(1).toBigIntegerExact(),
        SettlementState.valueOf(rs.getString(2)),
        Bytes32.parse(rs.getString(3)),
        big(rs.getBigDecimal(4)),
        optionalLong(rs, 5),
        Optional.ofNullable(rs.getString(6)),
        Optional.ofNullable(rs.getString(7)).map(Bytes32::parse),
        Optional.ofNullable(rs.getString(8)),
        Optional.ofNullable(rs.getString(9)),
        Optional.ofNullable(rs.getString(10)).map(Bytes32::parse),
        big(rs.getBigDecimal(11)),
        optionalLong(rs, 12),
        Optional.ofNullable(rs.getString(13)).map(Bytes32::parse),
        optionalLong(rs, 14),
        Optional.ofNullable(rs.getString(15)),
        rs.getTimestamp(16).toInstant());
  }

  private static Optional<BigInteger> big(BigDecimal value) {
    return Optional.ofNullable(value).map(BigDecimal::toBigIntegerExact);
  }

  private static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
