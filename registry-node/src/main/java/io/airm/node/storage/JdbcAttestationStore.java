package io.airm.node.storage;

import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.Attestation;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.AttestationStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Usage attestations in the database; each insert appends its leaf in the same transaction. A row's
 * {@code live_nonce} is its nonce until it fails and NULL after: the attester's nonces in use are
 * its live ones (unique per attester), so a nonce a failed attestation left unused on chain can be
 * signed again.
 */
public final class JdbcAttestationStore implements AttestationStore {
  private static final String COLUMNS =
      "attestation_id, attester, model_id, model_version, works_root, work_count,"
          + " evidence_digest, evidence_cid, nonce, deadline, signature, log_index, state, tx_hash,"
          + " chain_id, attested_at, failure, submitted_at";

  private final Database database;
  private final Clock clock;

  public JdbcAttestationStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public Attestation insert(Attestation a) {
    try {
      return database.inTransaction(
          "store attestation " + a.id(),
          connection -> {
            long index = JdbcLog.append(connection, a.leafData(), a.submittedAt());
            AttestationMessage m = a.message();
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO attestations ("
                        + COLUMNS
                        + ", updated_at, live_nonce) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?)")) {
              insert.setString(1, a.id().hex());
              insert.setString(2, m.attester().value());
              insert.setString(3, m.modelId().hex());
              insert.setString(4, m.modelVersion());
              insert.setString(5, m.worksRoot().hex());
              insert.setLong(6, m.workCount());
              insert.setString(7, m.evidenceDigest().hex());
              insert.setString(8, a.evidenceCid());
              insert.setBigDecimal(9, new BigDecimal(m.nonce()));
              insert.setBigDecimal(10, new BigDecimal(m.deadline()));
              insert.setString(11, a.signature().toHex());
              insert.setLong(12, index);
              insert.setString(13, AttestationState.PENDING.name());
              insert.setString(14, null);
              insert.setBigDecimal(15, null);
              insert.setObject(16, null);
              insert.setString(17, null);
              insert.setTimestamp(18, Timestamp.from(a.submittedAt()));
              insert.setTimestamp(19, Timestamp.from(a.submittedAt()));
              insert.setBigDecimal(20, new BigDecimal(m.nonce()));
              insert.executeUpdate();
            }
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO attestation_works (attestation_id, position, work_id)"
                        + " VALUES (?, ?, ?)")) {
              for (int i = 0; i < a.works().size(); i++) {
                insert.setString(1, a.id().hex());
                insert.setInt(2, i);
                insert.setString(3, a.works().get(i).hex());
                insert.addBatch();
              }
              insert.executeBatch();
            }
            return new Attestation(
                a.id(),
                a.message(),
                a.signature(),
                a.works(),
                a.evidenceCid(),
                index,
                AttestationState.PENDING,
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                a.submittedAt());
          });
    } catch (StorageException e) {
      if (Database.isUniqueViolation(e)) {
        throw new DuplicateAttestationException(
            "Attestation " + a.id() + " or its attester's nonce is already stored (and not failed)",
            e);
      }
      throw e;
    }
  }

  @Override
  public Optional<Attestation> find(Bytes32 id) {
    return select("WHERE attestation_id = ?", 1, id.hex()).stream().findFirst();
  }

  @Override
  public Optional<Attestation> findByChainId(BigInteger chainId) {
    return select("WHERE chain_id = ?", 1, new BigDecimal(chainId)).stream().findFirst();
  }

  @Override
  public List<Attestation> inState(AttestationState state, int limit) {
    return select("WHERE state = ? ORDER BY log_index", limit, state.name());
  }

  @Override
  public Optional<BigInteger> highestNonce(Address attester) {
    return database.inTransaction(
        "read the highest nonce in use by " + attester,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT MAX(live_nonce) FROM attestations WHERE attester = ?")) {
            select.setString(1, attester.value());
            try (ResultSet rs = select.executeQuery()) {
              BigDecimal max = rs.next() ? rs.getBigDecimal(1) : null;
              return Optional.ofNullable(max).map(BigDecimal::toBigIntegerExact);
            }
          }
        });
  }

  @Override
  public Optional<Attestation> failureLeavingNonceFree(
      Address attester, BigInteger from, BigInteger below) {
    // the lowest such nonce first; of several failed attestations with it, the latest
    return select(
            "WHERE attester = ? AND state = ? AND nonce >= ? AND nonce < ?"
                + " AND NOT EXISTS (SELECT 1 FROM attestations live"
                + " WHERE live.attester = attestations.attester"
                + " AND live.live_nonce = attestations.nonce)"
                + " ORDER BY nonce, log_index DESC",
            1,
            attester.value(),
            AttestationState.FAILED.name(),
            new BigDecimal(from),
            new BigDecimal(below))
        .stream()
        .findFirst();
  }

  @Override
  public long unrecorded(Address attester) {
    return database.inTransaction(
        "count the unrecorded attestations of " + attester,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM attestations WHERE attester = ? AND state IN (?, ?)")) {
            select.setString(1, attester.value());
            select.setString(2, AttestationState.PENDING.name());
            select.setString(3, AttestationState.SUBMITTED.name());
            try (ResultSet rs = select.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public void markSubmitted(Bytes32 id, Bytes32 txHash) {
    update(
        id,
        "state = ?, tx_hash = ?",
        AttestationState.SUBMITTED.name(),
        txHash.hex(),
        "state IN ('PENDING', 'SUBMITTED')"); // a failed one is never revived
  }

  @Override
  public void markRecorded(Bytes32 id, Bytes32 txHash, BigInteger chainId, long attestedAt) {
    database.inTransaction(
        "record attestation " + id,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE attestations SET state = ?, tx_hash = ?, chain_id = ?, attested_at = ?,"
                      + " failure = NULL, updated_at = ? WHERE attestation_id = ?")) {
            update.setString(1, AttestationState.RECORDED.name());
            update.setString(2, txHash.hex());
            update.setBigDecimal(3, new BigDecimal(chainId));
            update.setLong(4, attestedAt);
            update.setTimestamp(5, Timestamp.from(clock.instant()));
            update.setString(6, id.hex());
            update.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void markFailed(Bytes32 id, String reason) {
    // the same statement frees its nonce (the schema's check keeps the two together)
    update(
        id,
        "state = ?, failure = ?, live_nonce = NULL",
        AttestationState.FAILED.name(),
        truncate(reason),
        "state <> 'RECORDED'");
  }

  private void update(Bytes32 id, String set, String first, String second, String guard) {
    database.inTransaction(
        "update attestation " + id,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE attestations SET "
                      + set
                      + ", updated_at = ? WHERE attestation_id = ? AND "
                      + guard)) {
            update.setString(1, first);
            update.setString(2, second);
            update.setTimestamp(3, Timestamp.from(clock.instant()));
            update.setString(4, id.hex());
            update.executeUpdate();
          }
          return null;
        });
  }

  private List<Attestation> select(String where, int limit, Object... parameters) {
    return database.inTransaction(
        "read attestations",
        connection -> {
          List<Attestation> found = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM attestations " + where + " LIMIT " + limit)) {
            for (int i = 0; i < parameters.length; i++) {
              select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                found.add(read(connection, rs));
              }
            }
          }
          return found;
        });
  }

  private static Attestation read(Connection connection, ResultSet rs) throws SQLException {
    Bytes32 id = Bytes32.parse(rs.getString(1));
    Address attester = Address.parse(rs.getString(2));
    AttestationMessage message =
        new AttestationMessage(
            Bytes32.parse(rs.getString(3)),
            rs.getString(4),
            Bytes32.parse(rs.getString(5)),
            rs.getLong(6),
            Bytes32.parse(rs.getString(7)),
            attester,
            rs.getBigDecimal(9).toBigIntegerExact(),
            rs.getBigDecimal(10).toBigIntegerExact());
    long attestedAt = rs.getLong(16);
    OptionalLong attested = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(attestedAt);
    BigDecimal chainId = rs.getBigDecimal(15);
    return new Attestation(
        id,
        message,
        EthSignature.parse(rs.getString(11)),
        works(connection, id),
        rs.getString(8),
        rs.getLong(12),
        AttestationState.valueOf(rs.getString(13)),
        Optional.ofNullable(rs.getString(14)).map(Bytes32::parse),
        Optional.ofNullable(chainId).map(BigDecimal::toBigIntegerExact),
        attested,
        Optional.ofNullable(rs.getString(17)),
        rs.getTimestamp(18).toInstant());
  }

  private static List<Bytes32> works(Connection connection, Bytes32 id) throws SQLException {
    List<Bytes32> works = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT work_id FROM attestation_works WHERE attestation_id = ? ORDER BY position")) {
      select.setString(1, id.hex());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          works.add(Bytes32.parse(rs.getString(1)));
        }
      }
    }
    return works;
  }

  static String truncate(String reason) {
    return reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 2000) + "…";
  }
}
