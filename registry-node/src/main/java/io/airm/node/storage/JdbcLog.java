package io.airm.node.storage;

import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.MerkleTree;
import io.airm.chain.merkle.Rfc6962;
import io.airm.chain.merkle.SubtreeHashes;
import io.airm.chain.merkle.SubtreeNode;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.LogEntry;
import io.airm.node.domain.RegistryException;
import io.airm.node.domain.TransparencyLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The append-only RFC 6962 log in the database. Each append stores the leaf and every perfect
 * subtree it completes, so roots and proofs need O(log n) reads.
 */
public final class JdbcLog implements TransparencyLog {
  private final Database database;

  public JdbcLog(Database database) {
    this.database = database;
  }

  /**
   * Appends a leaf inside the caller's transaction. Locks the log head row first, so concurrent
   * appends (from this or another node) are serialised and indices stay contiguous.
   *
   * @return the new leaf's index
   */
  static long append(Connection connection, byte[] leafData, Instant at) throws SQLException {
    long index;
    try (PreparedStatement lock =
            connection.prepareStatement("SELECT tree_size FROM log_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = lock.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("The log head row is missing; the schema is damaged");
      }
      index = rs.getLong(1);
    }
    byte[] leafHash = Rfc6962.leafHash(leafData);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO log_leaves (leaf_index, leaf_hash, leaf_data, appended_at)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, index);
      insert.setString(2, hex(leafHash));
      insert.setString(3, hex(leafData));
      insert.setTimestamp(4, Timestamp.from(at));
      insert.executeUpdate();
    }
    List<SubtreeNode> nodes =
        MerkleTree.nodesToStoreOnAppend(index, leafHash, new ConnectionSubtrees(connection));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO log_nodes (node_level, node_index, node_hash) VALUES (?, ?, ?)")) {
      for (SubtreeNode node : nodes) {
        insert.setInt(1, node.level());
        insert.setLong(2, node.index());
        insert.setString(3, hex(node.hash()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE log_head SET tree_size = ? WHERE id = 1")) {
      update.setLong(1, index + 1);
      update.executeUpdate();
    }
    return index;
  }

  @Override
  public long size() {
    return database.inTransaction(
        "read the log size",
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT tree_size FROM log_head WHERE id = 1");
              ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public Bytes32 root(long treeSize) {
    requireSize(treeSize);
    return database.inTransaction(
        "compute the log root",
        connection -> Bytes32.of(MerkleTree.root(treeSize, new ConnectionSubtrees(connection))));
  }

  @Override
  public List<Bytes32> inclusionProof(long index, long treeSize) {
    requireSize(treeSize);
    return database.inTransaction(
        "compute an inclusion proof",
        connection ->
            MerkleTree.inclusionProof(index, treeSize, new ConnectionSubtrees(connection)).stream()
                .map(Bytes32::of)
                .toList());
  }

  @Override
  public List<Bytes32> consistencyProof(long oldSize, long newSize) {
    requireSize(newSize);
    return database.inTransaction(
        "compute a consistency proof",
        connection ->
            MerkleTree.consistencyProof(oldSize, newSize, new ConnectionSubtrees(connection))
                .stream()
                .map(Bytes32::of)
                .toList());
  }

  @Override
  public Bytes32 leafHash(long index) {
    return database.inTransaction(
        "read a leaf hash",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT leaf_hash FROM log_leaves WHERE leaf_index = ?")) {
            select.setLong(1, index);
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next()) {
                throw new RegistryException(
                    ErrorKind.NOT_FOUND, "The log has no leaf at index " + index);
              }
              return Bytes32.parse(rs.getString(1));
            }
          }
        });
  }

  @Override
  public List<LogEntry> entries(long start, long end) {
    return database.inTransaction(
        "read leaves " + start + " to " + (end - 1),
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT leaf_index, leaf_data, leaf_hash FROM log_leaves"
                      + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index")) {
            select.setLong(1, start);
            select.setLong(2, end);
            List<LogEntry> entries =
                new ArrayList<>((int) Math.max(0, Math.min(end - start, 1024)));
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                entries.add(entry(rs.getLong(1), rs.getString(2), rs.getString(3)));
              }
            }
            return entries;
          }
        });
  }

  private static LogEntry entry(long index, String leafHex, String leafHashHex) {
    try {
      return new LogEntry(index, unhex(leafHex), Bytes32.parse(leafHashHex));
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          ErrorKind.CORRUPT_LOG,
          "The log is damaged: leaf " + index + " is not stored as hex (" + e.getMessage() + ")");
    }
  }

  private void requireSize(long treeSize) {
    long size = size();
    if (treeSize < 1 || treeSize > size) {
      throw new RegistryException(
          ErrorKind.NOT_FOUND,
          "The log has " + size + " leaves; there is no tree of size " + treeSize);
    }
  }

  /** Perfect-subtree hashes read through one connection (and so inside its transaction). */
  private static final class ConnectionSubtrees implements SubtreeHashes {
    private final Connection connection;

    ConnectionSubtrees(Connection connection) {
      this.connection = connection;
    }

    @Override
    public byte[] hash(int level, long index) {
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT node_hash FROM log_nodes WHERE node_level = ? AND node_index = ?")) {
        select.setInt(1, level);
        select.setLong(2, index);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? HexFormat.of().parseHex(rs.getString(1).substring(2)) : null;
        }
      } catch (SQLException e) {
        throw new StorageException("Could not read log node (" + level + ", " + index + ")", e);
      }
    }
  }

  private static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  private static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
  }
}
