package io.airm.node.storage;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.Anchor;
import io.airm.node.domain.AnchorStatus;
import io.airm.node.domain.AnchorStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Anchor transactions in the database. Fenced by a lease, it writes only while its node holds the
 * lease, checked in the write's own transaction: a node that lost the lead cannot store (and so
 * never broadcasts) a second anchor beside the new leader's. Each row names the node that signed it
 * ({@code signed_by}).
 */
public final class JdbcAnchorStore implements AnchorStore {
  private static final String COLUMNS =
      "tree_size, root, tx_hash, raw_tx, sender, nonce, status, block_number, block_hash, gas_used";

  private final Database database;
  private final Clock clock;
  private final Optional<JdbcLease> fence;

  /** A store for a node alone on its database. */
  public JdbcAnchorStore(Database database, Clock clock) {
    this(database, clock, Optional.empty());
  }

  /** A store whose writes succeed only while this node holds {@code lease}. */
  public JdbcAnchorStore(Database database, Clock clock, JdbcLease lease) {
    this(database, clock, Optional.of(lease));
  }

  private JdbcAnchorStore(Database database, Clock clock, Optional<JdbcLease> fence) {
    this.database = database;
    this.clock = clock;
    this.fence = fence;
  }

  private void checkFence(Connection connection) throws SQLException {
    if (fence.isPresent()) {
      fence.get().fence(connection);
    }
  }

  @Override
  public void insert(Anchor anchor) {
    database.inTransaction(
        "store anchor transaction " + anchor.txHash(),
        connection -> {
          checkFence(connection);
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO anchors ("
                      + COLUMNS
                      + ", created_at, updated_at, signed_by)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, anchor.treeSize());
            insert.setString(2, anchor.root().hex());
            insert.setString(3, anchor.txHash().hex());
            insert.setString(4, anchor.rawTx());
            insert.setString(5, anchor.sender().value());
            insert.setBigDecimal(6, new BigDecimal(anchor.nonce()));
            insert.setString(7, anchor.status().name());
            setBlock(insert, 8, anchor);
            Timestamp now = Timestamp.from(clock.instant());
            insert.setTimestamp(11, now);
            insert.setTimestamp(12, now);
            insert.setString(13, fence.map(JdbcLease::holder).orElse(null));
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void update(Anchor anchor) {
    database.inTransaction(
        "update anchor transaction " + anchor.txHash(),
        connection -> {
          checkFence(connection);
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE anchors SET status = ?, block_number = ?, block_hash = ?, gas_used = ?,"
                      + " updated_at = ? WHERE tx_hash = ?")) {
            update.setString(1, anchor.status().name());
            setBlock(update, 2, anchor);
            update.setTimestamp(5, Timestamp.from(clock.instant()));
            update.setString(6, anchor.txHash().hex());
            if (update.executeUpdate() != 1) {
              throw new SQLException("No anchor row for tx " + anchor.txHash());
            }
          }
          return null;
        });
  }

  private static void setBlock(PreparedStatement statement, int first, Anchor anchor)
      throws SQLException {
    if (anchor.blockNumber().isPresent()) {
      statement.setLong(first, anchor.blockNumber().getAsLong());
    } else {
      statement.setNull(first, Types.BIGINT);
    }
    statement.setString(first + 1, anchor.blockHash().map(Bytes32::hex).orElse(null));
    if (anchor.gasUsed().isPresent()) {
      statement.setLong(first + 2, anchor.gasUsed().getAsLong());
    } else {
      statement.setNull(first + 2, Types.BIGINT);
    }
  }

  @Override
  public List<Anchor> unfinished() {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM anchors WHERE status IN ('SIGNED', 'SENT', 'MINED')"
            + " ORDER BY tree_size",
        -1);
  }

  @Override
  public Optional<Anchor> newestOnChain() {
    return query(
            "SELECT "
                + COLUMNS
                + " FROM anchors WHERE status IN ('MINED', 'FINAL')"
                + " ORDER BY tree_size DESC LIMIT 1",
            -1)
        .stream()
        .findFirst();
  }

  @Override
  public Optional<Anchor> newestCovering(long logIndex, boolean finalOnly) {
    String statuses = finalOnly ? "('FINAL')" : "('MINED', 'FINAL')";
    return query(
            "SELECT "
                + COLUMNS
                + " FROM anchors WHERE status IN "
                + statuses
                + " AND tree_size > ? ORDER BY tree_size DESC LIMIT 1",
            logIndex)
        .stream()
        .findFirst();
  }

  private List<Anchor> query(String sql, long parameter) {
    return database.inTransaction(
        "read anchors",
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter >= 0) {
              select.setLong(1, parameter);
            }
            List<Anchor> anchors = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                anchors.add(read(rs));
              }
            }
            return anchors;
          }
        });
  }

  private static Anchor read(ResultSet rs) throws SQLException {
    long block = rs.getLong(8);
    OptionalLong blockNumber = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(block);
    String blockHash = rs.getString(9);
    long gas = rs.getLong(10);
    OptionalLong gasUsed = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(gas);
    return new Anchor(
        rs.getLong(1),
        Bytes32.parse(rs.getString(2)),
        Bytes32.parse(rs.getString(3)),
        rs.getString(4),
        Address.parse(rs.getString(5)),
        rs.getBigDecimal(6).toBigIntegerExact(),
        AnchorStatus.valueOf(rs.getString(7)),
        blockNumber,
        Optional.ofNullable(blockHash).map(Bytes32::parse),
        gasUsed);
  }
}
