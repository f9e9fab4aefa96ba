package io.airm.node.storage;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.BlockRef;
import io.airm.chain.events.IndexerCursor;
import io.airm.chain.events.IndexerCursorStore;
import io.airm.node.domain.Pool;
import io.airm.node.domain.PoolEvent;
import io.airm.node.domain.PoolStore;
import io.airm.node.domain.SettlementState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pools as indexed from the chain. Every event is kept in {@code chain_events}; the {@code pools}
 * rows, allocation claim flags and challenge states are derived from them, so that a reorg is
 * undone by deleting the events above the fork point and deriving again.
 */
public final class JdbcPoolStore implements PoolStore, IndexerCursorStore {
  private final Database database;
  private final String cursorName;

  public JdbcPoolStore(Database database, String cursorName) {
    this.database = database;
    this.cursorName = cursorName;
  }

  /** Applies the events (idempotently: a batch may come twice) and nothing else. */
  public void apply(List<PoolEvent.At> events) {
    if (events.isEmpty()) {
      return;
    }
    database.inTransaction(
        "index " + events.size() + " pool events",
        connection -> {
          for (PoolEvent.At at : events) {
            if (insertEvent(connection, at)) {
              derive(connection, at.event());
            }
          }
          return null;
        });
  }

  /** Forgets the events above {@code forkBlock} and derives pools and claims again. */
  public void rollBackTo(long forkBlock) {
    database.inTransaction(
        "roll pool events back to block " + forkBlock,
        connection -> {
          List<BigInteger> touched = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT DISTINCT pool_id FROM chain_events WHERE block_number > ?")) {
            select.setLong(1, forkBlock);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                touched.add(rs.getBigDecimal(1).toBigIntegerExact());
              }
            }
          }
          execute(connection, "DELETE FROM chain_events WHERE block_number > ?", forkBlock);
          for (BigInteger pool : touched) {
            BigDecimal id = new BigDecimal(pool);
            execute(connection, "DELETE FROM pools WHERE pool_id = ?", id);
            execute(connection, "UPDATE allocations SET claimed = FALSE WHERE pool_id = ?", id);
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT kind, data FROM chain_events WHERE pool_id = ?"
                        + " ORDER BY block_number, log_index")) {
              select.setBigDecimal(1, id);
              List<PoolEvent> replay = new ArrayList<>();
              try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  replay.add(decode(pool, rs.getString(1), rs.getString(2)));
                }
              }
              for (PoolEvent event : replay) {
                derive(connection, event);
              }
            }
          }
          return null;
        });
  }

  private static void execute(Connection connection, String sql, Object parameter)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      statement.executeUpdate();
    }
  }

  private static boolean insertEvent(Connection connection, PoolEvent.At at) throws SQLException {
    try (PreparedStatement exists =
        connection.prepareStatement(
            "SELECT 1 FROM chain_events WHERE block_number = ? AND log_index = ?")) {
      exists.setLong(1, at.position().blockNumber());
      exists.setLong(2, at.position().logIndex());
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO chain_events (block_number, log_index, block_hash, tx_hash, kind,"
                + " pool_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, at.position().blockNumber());
      insert.setLong(2, at.position().logIndex());
      insert.setString(3, at.position().blockHash().hex());
      insert.setString(4, at.position().txHash().hex());
      insert.setString(5, at.event().getClass().getSimpleName());
      insert.setBigDecimal(6, new BigDecimal(at.event().poolId()));
      insert.setString(7, encode(at.event(), at.position().blockNumber()));
      insert.executeUpdate();
    }
    return true;
  }

  /** The event's fields, tab-separated (the pool id is its own column). */
  private static String encode(PoolEvent event, long block) {
    if (event instanceof PoolEvent.Created c) {
      return String.join(
          "\t",
          c.attestationChainId().toString(),
          c.funder().value(),
          c.token().value(),
          Long.toString(c.expiry()));
    } else if (event instanceof PoolEvent.Funded f) {
      return String.join("\t", f.funder().value(), f.amount().toString());
    } else if (event instanceof PoolEvent.Posted p) {
      return String.join("\t", p.root().hex(), p.reportCid(), Long.toString(p.challengeEndsAt()));
    } else if (event instanceof PoolEvent.Challenged c) {
      return c.reason().replace('\t', ' ');
    } else if (event instanceof PoolEvent.Resolved r) {
      return Boolean.toString(r.upheld());
    } else if (event instanceof PoolEvent.Claimed c) {
      return String.join(
          "\t", Long.toString(c.index()), c.account().value(), c.amount().toString());
    }
    throw new IllegalArgumentException("Unknown pool event " + event);
  }

  private static PoolEvent decode(BigInteger pool, String kind, String data) {
    String[] f = data.split("\t", -1);
    return switch (kind) {
      case "Created" ->
          new PoolEvent.Created(
              pool,
              new BigInteger(f[0]),
              Address.parse(f[1]),
              Address.parse(f[2]),
              Long.parseLong(f[3]));
      case "Funded" -> new PoolEvent.Funded(pool, Address.parse(f[0]), new BigInteger(f[1]));
      case "Posted" -> new PoolEvent.Posted(pool, Bytes32.parse(f[0]), f[1], Long.parseLong(f[2]));
      case "Challenged" -> new PoolEvent.Challenged(pool, data);
      case "Resolved" -> new PoolEvent.Resolved(pool, Boolean.parseBoolean(data));
      case "Claimed" ->
          new PoolEvent.Claimed(
              pool, Long.parseLong(f[0]), Address.parse(f[1]), new BigInteger(f[2]));
      default -> throw new StorageException("Unknown indexed event kind " + kind, null);
    };
  }

  private static void derive(Connection connection, PoolEvent event) throws SQLException {
    BigDecimal id = new BigDecimal(event.poolId());
    if (event instanceof PoolEvent.Created c) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO pools (pool_id, attestation_chain_id, token, funder, expiry, funded,"
                  + " created_block) VALUES (?, ?, ?, ?, ?, 0, ?)")) {
        insert.setBigDecimal(1, id);
        insert.setBigDecimal(2, new BigDecimal(c.attestationChainId()));
        insert.setString(3, c.token().value());
        insert.setString(4, c.funder().value());
        insert.setLong(5, c.expiry());
        insert.setLong(6, createdBlock(connection, id));
        insert.executeUpdate();
      }
    } else if (event instanceof PoolEvent.Funded f) {
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE pools SET funded = funded + ? WHERE pool_id = ?")) {
        update.setBigDecimal(1, new BigDecimal(f.amount()));
        update.setBigDecimal(2, id);
        update.executeUpdate();
      }
    } else if (event instanceof PoolEvent.Claimed c) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE allocations SET claimed = TRUE WHERE pool_id = ? AND leaf_index = ?")) {
        update.setBigDecimal(1, id);
        update.setLong(2, c.index());
        update.executeUpdate();
      }
    } else if (event instanceof PoolEvent.Challenged) {
      setSettlementState(connection, id, SettlementState.CHALLENGED);
    } else if (event instanceof PoolEvent.Resolved r) {
      setSettlementState(
          connection, id, r.upheld() ? SettlementState.FAILED : SettlementState.POSTED);
    }
    // Posted: the settlement worker records its own posting from the chain's view
  }

  private static long createdBlock(Connection connection, BigDecimal id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT MIN(block_number) FROM chain_events WHERE pool_id = ? AND kind = 'Created'")) {
      select.setBigDecimal(1, id);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static void setSettlementState(
      Connection connection, BigDecimal id, SettlementState state) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE settlements SET state = ? WHERE pool_id = ?")) {
      update.setString(1, state.name());
      update.setBigDecimal(2, id);
      update.executeUpdate();
    }
  }

  @Override
  public Optional<Pool> find(BigInteger poolId) {
    List<Pool> found = select("WHERE pool_id = ?", new BigDecimal(poolId), 0, 1);
    return found.stream().findFirst();
  }

  @Override
  public List<Pool> list(long offset, int limit) {
    return select("WHERE 1 = ?", 1, offset, limit);
  }

  private List<Pool> select(String where, Object parameter, long offset, int limit) {
    return database.inTransaction(
        "read pools",
        connection -> {
          List<Pool> found = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT pool_id, attestation_chain_id, token, funder, expiry, funded,"
                      + " created_block FROM pools "
                      + where
                      + " ORDER BY pool_id LIMIT "
                      + limit
                      + " OFFSET "
                      + offset)) {
            select.setObject(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                found.add(
                    new Pool(
                        rs.getBigDecimal(1).toBigIntegerExact(),
                        rs.getBigDecimal(2).toBigIntegerExact(),
                        Address.parse(rs.getString(3)),
                        Address.parse(rs.getString(4)),
                        rs.getLong(5),
                        rs.getBigDecimal(6).toBigIntegerExact(),
                        rs.getLong(7)));
              }
            }
          }
          return found;
        });
  }

  @Override
  public Optional<IndexerCursor> load() {
    return database.inTransaction(
        "read the indexer cursor",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT recent FROM indexer_cursors WHERE name = ?")) {
            select.setString(1, cursorName);
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              List<BlockRef> blocks = new ArrayList<>();
              for (String entry : rs.getString(1).split(",")) {
                String[] parts = entry.split(":");
                blocks.add(new BlockRef(Long.parseLong(parts[0]), Bytes32.parse(parts[1])));
              }
              return Optional.of(new IndexerCursor(blocks));
            }
          }
        });
  }

  @Override
  public void commit(IndexerCursor cursor) {
    StringBuilder recent = new StringBuilder();
    for (BlockRef block : cursor.recentBlocks()) {
      if (recent.length() > 0) {
        recent.append(',');
      }
      recent.append(block.number()).append(':').append(block.hash().hex());
    }
    BlockRef last = cursor.recentBlocks().get(cursor.recentBlocks().size() - 1);
    database.inTransaction(
        "commit the indexer cursor",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE indexer_cursors SET block_number = ?, block_hash = ?, recent = ?"
                      + " WHERE name = ?")) {
            update.setLong(1, last.number());
            update.setString(2, last.hash().hex());
            update.setString(3, recent.toString());
            update.setString(4, cursorName);
            if (update.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO indexer_cursors (name, block_number, block_hash, recent)"
                      + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, cursorName);
            insert.setLong(2, last.number());
            insert.setString(3, last.hash().hex());
            insert.setString(4, recent.toString());
            insert.executeUpdate();
          }
          return null;
        });
  }
}
