package io.airm.node.storage;

import static io.airm.node.storage.AttestationFixtures.ATTESTER;
import static io.airm.node.storage.AttestationFixtures.attestation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.Attestation;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.AttestationStore.DuplicateAttestationException;
import io.airm.node.storage.TestDatabases.Backend;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V5 on a database that V4 left with attestations, H2 and PostgreSQL: a failed attestation's nonce
 * is freed, a live one's kept, and the node then stores a new attestation with the freed nonce.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class LiveNonceMigrationTest {
  @Parameter Backend backend;
  private TestDatabases.Fresh fresh;

  @BeforeEach
  void migrateToV4() {
    fresh = TestDatabases.fresh(backend);
    Flyway.configure()
        .dataSource(fresh.url(), fresh.user(), fresh.password())
        .locations("classpath:db/migration")
        .target("4")
        .load()
        .migrate();
  }

  @AfterEach
  void close() {
    if (fresh != null) { // null when the backend was skipped
      fresh.close();
    }
  }

  @Test
  void v5_freesTheNoncesOfFailedAttestationsOnly() throws SQLException {
    Attestation failed = attestation(BigInteger.ZERO, 4_000_000_000L);
    Attestation recorded = attestation(BigInteger.ONE, 4_000_000_000L);
    Attestation pending = attestation(BigInteger.TWO, 4_000_000_000L);
    try (Connection connection =
        DriverManager.getConnection(fresh.url(), fresh.user(), fresh.password())) {
      connection.setAutoCommit(false);
      assertThatThrownBy(() -> liveNonce(connection, failed.id())) // V4 has no such column
          .isInstanceOf(SQLException.class);
      connection.rollback();
      insertAsV4(connection, failed, AttestationState.FAILED);
      insertAsV4(connection, recorded, AttestationState.RECORDED);
      insertAsV4(connection, pending, AttestationState.PENDING);
      connection.commit();
    }

    Database database = fresh.open(); // migrates to the newest version
    try (Connection connection =
        DriverManager.getConnection(fresh.url(), fresh.user(), fresh.password())) {
      assertThat(liveNonce(connection, failed.id())).isNull();
      assertThat(liveNonce(connection, recorded.id())).isEqualByComparingTo(BigDecimal.ONE);
      assertThat(liveNonce(connection, pending.id())).isEqualByComparingTo(BigDecimal.valueOf(2));
    }

    JdbcAttestationStore store = new JdbcAttestationStore(database, new ManualClock());
    assertThat(store.highestNonce(ATTESTER)).contains(BigInteger.TWO);
    assertThat(store.failureLeavingNonceFree(ATTESTER, BigInteger.ZERO, BigInteger.ONE))
        .map(Attestation::id)
        .contains(failed.id());
    Attestation again = store.insert(attestation(BigInteger.ZERO, 4_000_000_100L));
    assertThat(store.find(again.id()).orElseThrow().state()).isEqualTo(AttestationState.PENDING);
    assertThat(store.find(failed.id()).orElseThrow().state()).isEqualTo(AttestationState.FAILED);
    assertThatThrownBy(() -> store.insert(attestation(BigInteger.TWO, 4_000_000_100L)))
        .isInstanceOf(DuplicateAttestationException.class);
  }

  /** The row and log leaf a V4 node wrote (no live_nonce yet), in the given state. */
  private static void insertAsV4(Connection connection, Attestation a, AttestationState state)
      throws SQLException {
    long index = JdbcLog.append(connection, a.leafData(), a.submittedAt());
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO attestations (attestation_id, attester, model_id, model_version,"
                + " works_root, work_count, evidence_digest, evidence_cid, nonce, deadline,"
                + " signature, log_index, state, failure, submitted_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, a.id().hex());
      insert.setString(2, a.message().attester().value());
      insert.setString(3, a.message().modelId().hex());
      insert.setString(4, a.message().modelVersion());
      insert.setString(5, a.message().worksRoot().hex());
      insert.setLong(6, a.message().workCount());
      insert.setString(7, a.message().evidenceDigest().hex());
      insert.setString(8, a.evidenceCid());
      insert.setBigDecimal(9, new BigDecimal(a.message().nonce()));
      insert.setBigDecimal(10, new BigDecimal(a.message().deadline()));
      insert.setString(11, a.signature().toHex());
      insert.setLong(12, index);
      insert.setString(13, state.name());
      insert.setString(14, state == AttestationState.FAILED ? "reverted" : null);
      insert.setTimestamp(15, Timestamp.from(a.submittedAt()));
      insert.setTimestamp(16, Timestamp.from(a.submittedAt()));
      insert.executeUpdate();
    }
  }

  private static BigDecimal liveNonce(Connection connection, Bytes32 id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT live_nonce FROM attestations WHERE attestation_id = ?")) {
      select.setString(1, id.hex());
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).as("attestation " + id + " is stored").isTrue();
        return rs.getBigDecimal(1);
      }
    }
  }
}
