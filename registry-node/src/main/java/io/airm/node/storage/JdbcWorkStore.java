package io.airm.node.storage;

import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.NewWork;
import io.airm.node.domain.Work;
import io.airm.node.domain.WorkStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registrations in the database, each written with its log leaf in one transaction. */
public final class JdbcWorkStore implements WorkStore {
  private static final String COLUMNS =
      "work_id, creator, content_hash, cid, metadata_hash, licence, ai_training, nonce, deadline,"
          + " signature, metadata, content_stored, log_index, registered_at";

  private final Database database;

  public JdbcWorkStore(Database database) {
    this.database = database;
  }

  @Override
  public Work insert(NewWork work) {
    try {
      return database.inTransaction(
          "register work " + work.workId(),
          connection -> {
            long index = JdbcLog.append(connection, work.leafData(), work.registeredAt());
            insertRow(connection, work, index);
            return work.at(index);
          });
    } catch (StorageException e) {
      if (Database.isUniqueViolation(e)) {
        throw new DuplicateWorkException(
            "Work " + work.workId() + " or its creator's nonce is already stored", e);
      }
      throw e;
    }
  }

  private static void insertRow(Connection connection, NewWork work, long index)
      throws SQLException {
    WorkRegistration r = work.registration();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO works (work_id, creator, content_hash, cid, metadata_hash, licence,"
                + " ai_training, nonce, deadline, signature, metadata, content_stored, log_index,"
                + " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, work.workId().hex());
      insert.setString(2, r.creator().value());
      insert.setString(3, r.contentHash().hex());
      insert.setString(4, r.cid());
      insert.setString(5, r.metadataHash().hex());
      insert.setString(6, r.licence());
      insert.setBoolean(7, r.aiTraining());
      insert.setBigDecimal(8, new BigDecimal(r.nonce()));
      insert.setBigDecimal(9, new BigDecimal(r.deadline()));
      insert.setString(10, work.signature().toHex());
      insert.setString(11, work.metadata().orElse(null));
      insert.setBoolean(12, work.contentStored());
      insert.setLong(13, index);
      insert.setTimestamp(14, Timestamp.from(work.registeredAt()));
      insert.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO work_parents (work_id, parent_position, parent_id) VALUES (?, ?, ?)")) {
      for (int i = 0; i < r.parents().size(); i++) {
        insert.setString(1, work.workId().hex());
        insert.setInt(2, i);
        insert.setString(3, r.parents().get(i).hex());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Override
  public Optional<Work> find(Bytes32 workId) {
    return database.inTransaction(
        "read work " + workId,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT " + COLUMNS + " FROM works WHERE work_id = ?")) {
            select.setString(1, workId.hex());
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(work(rs, parents(connection, workId)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<Work> findByLogIndex(long start, long end) {
    return database.inTransaction(
        "read the works of leaves " + start + " to " + (end - 1),
        connection -> {
          // Two queries for the whole range: the parents of every work in it, then the works.
          return worksWhere(
              connection,
              "w.log_index >= ? AND w.log_index < ?",
              "ASC",
              ps -> {
                ps.setLong(1, start);
                ps.setLong(2, end);
              });
        });
  }

  @Override
  public List<Work> findByCreator(Address creator, long beforeLogIndex, int limit) {
    return database.inTransaction(
        "read the works of " + creator,
        connection -> {
          // Three queries whatever the page size: where the page ends, the parents of its works,
          // then the works. The page is the log index range [lowest, beforeLogIndex).
          long lowest;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT MIN(log_index) FROM (SELECT log_index FROM works"
                      + " WHERE creator = ? AND log_index < ? ORDER BY log_index DESC LIMIT ?) page")) {
            select.setString(1, creator.value());
            select.setLong(2, beforeLogIndex);
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
              rs.next();
              lowest = rs.getLong(1);
              if (rs.wasNull()) {
                return List.of();
              }
            }
          }
          return worksWhere(
              connection,
              "w.creator = ? AND w.log_index >= ? AND w.log_index < ?",
              "DESC",
              ps -> {
                ps.setString(1, creator.value());
                ps.setLong(2, lowest);
                ps.setLong(3, beforeLogIndex);
              });
        });
  }

  /** Binds the parameters of a {@link #worksWhere} condition. */
  private interface Parameters {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /**
   * The works matching {@code condition} (over {@code works w}) in log order ({@code order} ASC or
   * DESC), in two queries whatever their number: the parents of all of them, then the works.
   */
  private static List<Work> worksWhere(
      Connection connection, String condition, String order, Parameters parameters)
      throws SQLException {
    Map<String, List<Bytes32>> parents = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT p.work_id, p.parent_id FROM work_parents p"
                + " JOIN works w ON w.work_id = p.work_id WHERE "
                + condition
                + " ORDER BY p.work_id, p.parent_position")) {
      parameters.bind(select);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          parents
              .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
              .add(Bytes32.parse(rs.getString(2)));
        }
      }
    }
    List<Work> works = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM works w WHERE "
                + condition
                + " ORDER BY w.log_index "
                + order)) {
      parameters.bind(select);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          works.add(work(rs, parents.getOrDefault(rs.getString(1), List.of())));
        }
      }
    }
    return works;
  }

  /** The work in the current row of a {@code SELECT COLUMNS} query. */
  private static Work work(ResultSet rs, List<Bytes32> parents) throws SQLException {
    WorkRegistration registration =
        new WorkRegistration(
            Address.parse(rs.getString(2)),
            Bytes32.parse(rs.getString(3)),
            rs.getString(4),
            Bytes32.parse(rs.getString(5)),
            rs.getString(6),
            rs.getBoolean(7),
            parents,
            rs.getBigDecimal(8).toBigIntegerExact(),
            rs.getBigDecimal(9).toBigIntegerExact());
    return new Work(
        Bytes32.parse(rs.getString(1)),
        registration,
        EthSignature.parse(rs.getString(10)),
        Optional.ofNullable(rs.getString(11)),
        rs.getBoolean(12),
        rs.getLong(13),
        rs.getTimestamp(14).toInstant());
  }

  private static List<Bytes32> parents(Connection connection, Bytes32 workId) throws SQLException {
    List<Bytes32> parents = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT parent_id FROM work_parents WHERE work_id = ? ORDER BY parent_position")) {
      select.setString(1, workId.hex());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          parents.add(Bytes32.parse(rs.getString(1)));
        }
      }
    }
    return parents;
  }

  @Override
  public Optional<Bytes32> findByCreatorNonce(Address creator, BigInteger nonce) {
    return database.inTransaction(
        "look up a nonce",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT work_id FROM works WHERE creator = ? AND nonce = ?")) {
            select.setString(1, creator.value());
            select.setBigDecimal(2, new BigDecimal(nonce));
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(Bytes32.parse(rs.getString(1))) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean exists(Bytes32 workId) {
    return database.inTransaction(
        "look up work " + workId,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT 1 FROM works WHERE work_id = ?")) {
            select.setString(1, workId.hex());
            try (ResultSet rs = select.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  @Override
  public long countByCreatorBefore(Address creator, long treeSize) {
    return database.inTransaction(
        "count the works of " + creator,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM works WHERE creator = ? AND log_index < ?")) {
            select.setString(1, creator.value());
            select.setLong(2, treeSize);
            try (ResultSet rs = select.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }
}
