package io.airm.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.node.storage.TestDatabases.Backend;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The leader lease in a real database, H2 and PostgreSQL: one holder, expiry, takeover. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class JdbcLeaseTest {
  private static final Duration TTL = Duration.ofSeconds(15);

  @Parameter Backend backend;
  private TestDatabases.Fresh fresh;
  private Database database;
  private ManualClock clock;

  @BeforeEach
  void open() {
    fresh = TestDatabases.fresh(backend);
    database = fresh.open();
    clock = new ManualClock();
  }

  @AfterEach
  void close() {
    if (fresh != null) { // null when the backend was skipped
      fresh.close();
    }
  }

  private JdbcLease lease(String holder) {
    return new JdbcLease(database, JdbcLease.LEADER, holder, TTL, clock);
  }

  private String storedHolder() {
    return database.inTransaction(
        "read the lease",
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT holder FROM leases WHERE name = 'leader'");
              ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getString(1);
          }
        });
  }

  @Test
  void theFirstNodeAcquires_andASecondIsRefusedWhileTheLeaseLives() {
    JdbcLease a = lease("node-a");
    JdbcLease b = lease("node-b");
    assertThat(a.isLeader()).isFalse(); // nothing is held before the first attempt

    assertThat(a.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
    clock.advance(TTL.minusMillis(1));
    assertThat(b.tryAcquire()).isFalse();

    assertThat(a.isLeader()).isTrue();
    assertThat(b.isLeader()).isFalse();
    assertThat(storedHolder()).isEqualTo("node-a");
  }

  @Test
  void renewingEveryThirdOfTheTtl_keepsTheLeaseFarPastItsFirstExpiry() {
    JdbcLease a = lease("node-a");
    JdbcLease b = lease("node-b");
    assertThat(a.tryAcquire()).isTrue();
    long term = a.term();
    for (int i = 0; i < 12; i++) {
      clock.advance(TTL.dividedBy(3));
      assertThat(a.tryAcquire()).isTrue();
      assertThat(b.tryAcquire()).isFalse();
    }
    assertThat(a.term()).isEqualTo(term); // renewals are one tenure
  }

  @Test
  void anExpiredLease_isTakenOver_andTheFormerHolderStopsLeading() {
    JdbcLease a = lease("node-a");
    JdbcLease b = lease("node-b");
    assertThat(a.tryAcquire()).isTrue();
    long term = a.term();

    clock.advance(TTL); // node-a stopped renewing
    assertThat(a.isLeader()).as("a lease past its expiry is not held").isFalse();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.isLeader()).isTrue();
    assertThat(b.term()).isEqualTo(term + 1);

    // node-a wakes up: its renewal fails, and it knows it no longer leads
    assertThat(a.tryAcquire()).isFalse();
    assertThat(a.isLeader()).isFalse();
    assertThat(storedHolder()).isEqualTo("node-b");
  }

  @Test
  void aReleasedLease_isFreeForAnotherNodeAtOnce() {
    JdbcLease a = lease("node-a");
    JdbcLease b = lease("node-b");
    assertThat(a.tryAcquire()).isTrue();
    a.release();
    assertThat(a.isLeader()).isFalse();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(storedHolder()).isEqualTo("node-b");
    // a release by a node that does not hold the lease changes nothing
    a.release();
    assertThat(storedHolder()).isEqualTo("node-b");
  }

  @Test
  void nodesRacingForAFreeOrExpiredLease_haveExactlyOneWinner() throws Exception {
    List<JdbcLease> nodes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      nodes.add(lease("node-" + i));
    }
    assertThat(race(nodes)).isEqualTo(1);
    clock.advance(TTL.plusSeconds(1)); // the winner is gone: race again for the expired lease
    assertThat(race(nodes)).isEqualTo(1);
    assertThat(nodes.stream().filter(JdbcLease::isLeader).count()).isEqualTo(1);
  }

  private static int race(List<JdbcLease> nodes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> attempts = new ArrayList<>();
    for (JdbcLease node : nodes) {
      attempts.add(
          pool.submit(
              () -> {
                start.await();
                return node.tryAcquire();
              }));
    }
    start.countDown();
    int winners = 0;
    for (Future<Boolean> attempt : attempts) {
      winners += attempt.get() ? 1 : 0;
    }
    pool.shutdown();
    return winners;
  }

  @Test
  void aNodeThatCannotReachTheDatabase_stopsLeadingAtOnce() {
    JdbcLease a = lease("node-a");
    assertThat(a.tryAcquire()).isTrue();
    database.close();
    assertThat(a.tryAcquire()).isFalse();
    assertThat(a.isLeader()).isFalse();
  }

  @Test
  void aStartedLease_renewsItselfInTheBackground_andClosingItHandsItOver() throws Exception {
    Duration ttl = Duration.ofMillis(600);
    try (JdbcLease a = new JdbcLease(database, "renewed", "node-a", ttl, Clock.systemUTC())) {
      JdbcLease b = new JdbcLease(database, "renewed", "node-b", ttl, Clock.systemUTC());
      a.start();
      assertThat(a.isLeader()).as("start acquires at once").isTrue();
      Thread.sleep(2_000); // more than three TTLs: only renewals keep it
      assertThat(a.isLeader()).isTrue();
      assertThat(b.tryAcquire()).isFalse();
      a.close();
      assertThat(a.isLeader()).isFalse();
      assertThat(b.tryAcquire()).isTrue();
    }
  }

  @Test
  void aLeaseNeedsAUsableNameHolderAndTtl() {
    assertThatThrownBy(() -> new JdbcLease(database, "", "a", TTL, clock))
        .hasMessageContaining("lease name");
    assertThatThrownBy(() -> new JdbcLease(database, "x", " ", TTL, clock))
        .hasMessageContaining("holder id");
    assertThatThrownBy(() -> new JdbcLease(database, "x", "a", Duration.ofMillis(10), clock))
        .hasMessageContaining("at least 300 ms");
  }

  @Test
  void nodeIds_differBetweenTwoNodesOfOneProcess() {
    assertThat(JdbcLease.newHolderId()).isNotEqualTo(JdbcLease.newHolderId());
    assertThat(JdbcLease.newHolderId()).contains("/" + ProcessHandle.current().pid() + "/");
  }
}
