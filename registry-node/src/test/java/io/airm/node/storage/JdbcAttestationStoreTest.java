package io.airm.node.storage;

import static io.airm.node.storage.AttestationFixtures.ATTESTER;
import static io.airm.node.storage.AttestationFixtures.attestation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.Attestation;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.AttestationStore.DuplicateAttestationException;
import io.airm.node.storage.TestDatabases.Backend;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attestations in a real database, H2 and PostgreSQL: an attester's nonce is held once by the
 * attestations that are not failed, and a failed one's nonce can be signed again.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class JdbcAttestationStoreTest {
  private static final Bytes32 TX = Bytes32.parse("0x" + "7a".repeat(32));

  @Parameter Backend backend;
  private TestDatabases.Fresh fresh;
  private Database database;
  private JdbcAttestationStore store;

  @BeforeEach
  void open() {
    fresh = TestDatabases.fresh(backend);
    database = fresh.open();
    store = new JdbcAttestationStore(database, new ManualClock());
  }

  @AfterEach
  void close() {
    if (fresh != null) { // null when the backend was skipped
      fresh.close();
    }
  }

  @Test
  void aFailedAttestationsNonce_isStoredAgain_byANewAttestationWithItsOwnLeaf() {
    Attestation first = store.insert(attestation(BigInteger.ZERO, 4_000_000_000L));
    assertThat(store.highestNonce(ATTESTER)).contains(BigInteger.ZERO);

    store.markFailed(first.id(), "The signature's deadline passed before it could be sent");
    assertThat(store.highestNonce(ATTESTER)).isEmpty();

    Attestation again = store.insert(attestation(BigInteger.ZERO, 4_000_000_100L));
    assertThat(again.id()).isNotEqualTo(first.id());
    assertThat(again.logIndex()).isEqualTo(first.logIndex() + 1);
    assertThat(new JdbcLog(database).size()).isEqualTo(2); // the failed one's leaf stays
    assertThat(store.highestNonce(ATTESTER)).contains(BigInteger.ZERO);

    Attestation failed = store.find(first.id()).orElseThrow();
    assertThat(failed.state()).isEqualTo(AttestationState.FAILED);
    assertThat(failed.failure()).hasValueSatisfying(f -> assertThat(f).contains("deadline"));
    assertThat(failed.message().nonce()).isEqualTo(BigInteger.ZERO);
    assertThat(store.find(again.id()).orElseThrow().state()).isEqualTo(AttestationState.PENDING);
    assertThat(store.unrecorded(ATTESTER)).isEqualTo(1);

    // the new one is relayed and recorded; the failed one is unchanged beside it
    store.markSubmitted(again.id(), TX);
    store.markRecorded(again.id(), TX, BigInteger.ONE, 1_790_000_000L);
    assertThat(store.findByChainId(BigInteger.ONE).orElseThrow().id()).isEqualTo(again.id());
    assertThat(store.find(first.id()).orElseThrow().state()).isEqualTo(AttestationState.FAILED);
    assertThat(store.inState(AttestationState.FAILED, 10))
        .extracting(Attestation::id)
        .containsExactly(first.id());
  }

  @Test
  void twoAttestationsHoldingOneNonce_areRefused_leavingNoRowAndNoLeaf() {
    Attestation first = store.insert(attestation(BigInteger.ZERO, 4_000_000_000L));
    assertRefused(attestation(BigInteger.ZERO, 4_000_000_100L), 1);

    // submitted or recorded, it still holds its nonce
    store.markSubmitted(first.id(), TX);
    assertRefused(attestation(BigInteger.ZERO, 4_000_000_100L), 1);
    store.markRecorded(first.id(), TX, BigInteger.ONE, 1_790_000_000L);
    assertRefused(attestation(BigInteger.ZERO, 4_000_000_100L), 1);

    // failed ones hold none: any number of them share a nonce with at most one live one
    Attestation second = store.insert(attestation(BigInteger.ONE, 4_000_000_000L));
    store.markFailed(second.id(), "UsageAttestations.attestBySig reverted");
    Attestation third = store.insert(attestation(BigInteger.ONE, 4_000_000_100L));
    assertRefused(attestation(BigInteger.ONE, 4_000_000_200L), 3);
    store.markFailed(third.id(), "UsageAttestations.attestBySig reverted");
    store.insert(attestation(BigInteger.ONE, 4_000_000_200L));
    assertThat(rows("SELECT COUNT(*) FROM attestations WHERE nonce = 1")).isEqualTo(3);
    assertRefused(attestation(BigInteger.ONE, 4_000_000_300L), 4);
  }

  private void assertRefused(Attestation duplicate, long rowsBefore) {
    long leaves = new JdbcLog(database).size();
    assertThatThrownBy(() -> store.insert(duplicate))
        .isInstanceOf(DuplicateAttestationException.class)
        .satisfies(e -> assertThat(Database.isUniqueViolation(e)).isTrue());
    assertThat(rows("SELECT COUNT(*) FROM attestations")).isEqualTo(rowsBefore);
    assertThat(new JdbcLog(database).size()).isEqualTo(leaves);
    assertThat(store.find(duplicate.id())).isEmpty();
  }

  @Test
  void aFailedAttestation_isNeverSubmittedAgain() {
    Attestation a = store.insert(attestation(BigInteger.ZERO, 4_000_000_000L));
    store.markFailed(a.id(), "The signature's deadline passed before it could be sent");
    store.markSubmitted(a.id(), TX);
    Attestation stored = store.find(a.id()).orElseThrow();
    assertThat(stored.state()).isEqualTo(AttestationState.FAILED);
    assertThat(stored.txHash()).isEmpty();
    assertThat(store.highestNonce(ATTESTER)).isEmpty();
  }

  @Test
  void theFailureLeavingANonceFree_isTheLowestSuchNonce_andTheLatestFailureAtIt() {
    Attestation zero = store.insert(attestation(BigInteger.ZERO, 4_000_000_000L));
    store.markFailed(zero.id(), "The attester's nonce 0 was used on chain by another transaction");
    store.insert(attestation(BigInteger.ZERO, 4_000_000_100L)); // holds 0 again
    Attestation one = store.insert(attestation(BigInteger.ONE, 4_000_000_000L));
    store.insert(attestation(BigInteger.TWO, 4_000_000_000L));
    store.insert(attestation(BigInteger.valueOf(3), 4_000_000_000L));
    assertThat(store.failureLeavingNonceFree(ATTESTER, BigInteger.ZERO, BigInteger.TEN)).isEmpty();

    store.markFailed(one.id(), "UsageAttestations.attestBySig reverted");
    assertThat(store.failureLeavingNonceFree(ATTESTER, BigInteger.ZERO, BigInteger.valueOf(3)))
        .map(Attestation::id)
        .contains(one.id());
    // a range that ends at or starts past the freed nonce does not include it
    assertThat(store.failureLeavingNonceFree(ATTESTER, BigInteger.ZERO, BigInteger.ONE)).isEmpty();
    assertThat(store.failureLeavingNonceFree(ATTESTER, BigInteger.TWO, BigInteger.TEN)).isEmpty();
    // another attester's failures are its own
    Address other = Address.parse("0x" + "12".repeat(20));
    assertThat(store.failureLeavingNonceFree(other, BigInteger.ZERO, BigInteger.TEN)).isEmpty();

    // signed again and failed again: the latest failure at that nonce is named
    Attestation oneAgain = store.insert(attestation(BigInteger.ONE, 4_000_000_100L));
    assertThat(store.failureLeavingNonceFree(ATTESTER, BigInteger.ZERO, BigInteger.TEN)).isEmpty();
    store.markFailed(oneAgain.id(), "UsageAttestations.attestBySig reverted");
    assertThat(store.failureLeavingNonceFree(ATTESTER, BigInteger.ONE, BigInteger.TEN))
        .map(Attestation::id)
        .contains(oneAgain.id());
  }

  @Test
  void theSchema_refusesAFailedRowThatStillHoldsItsNonce() {
    Attestation a = store.insert(attestation(BigInteger.ZERO, 4_000_000_000L));
    assertThatThrownBy(
            () ->
                database.inTransaction(
                    "fail without freeing the nonce",
                    connection -> {
                      try (PreparedStatement update =
                          connection.prepareStatement(
                              "UPDATE attestations SET state = 'FAILED' WHERE attestation_id = ?")) {
                        update.setString(1, a.id().hex());
                        return update.executeUpdate();
                      }
                    }))
        .isInstanceOf(StorageException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage().toLowerCase()).contains("attestations_live_nonce_state"));
    assertThat(store.find(a.id()).orElseThrow().state()).isEqualTo(AttestationState.PENDING);
  }

  private long rows(String sql) {
    return database.inTransaction(
        "count",
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql);
              ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
