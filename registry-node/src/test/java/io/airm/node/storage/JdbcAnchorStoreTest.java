package io.airm.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.Anchor;
import io.airm.node.domain.AnchorStatus;
import io.airm.node.domain.Leadership;
import io.airm.node.storage.TestDatabases.Backend;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Anchor transactions in a real database, H2 and PostgreSQL, and the lease that fences them. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class JdbcAnchorStoreTest {
  private static final Address ANCHORER =
      Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

  @Parameter Backend backend;
  private TestDatabases.Fresh fresh;
  private Database database;
  private ManualClock clock;
  private JdbcAnchorStore anchors;

  @BeforeEach
  void open() {
    fresh = TestDatabases.fresh(backend);
    database = fresh.open();
    clock = new ManualClock();
    anchors = new JdbcAnchorStore(database, clock);
  }

  @AfterEach
  void close() {
    if (fresh != null) { // null when the backend was skipped
      fresh.close();
    }
  }

  private static Bytes32 hash(int n) {
    return Bytes32.parse(String.format("0x%064x", n));
  }

  private static Anchor signed(long treeSize, int tx) {
    return new Anchor(
        treeSize,
        hash(1000 + (int) treeSize),
        hash(tx),
        "0x02f8" + "ab".repeat(200),
        ANCHORER,
        BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(tx)), // beyond a long
        AnchorStatus.SIGNED,
        OptionalLong.empty(),
        Optional.empty(),
        OptionalLong.empty());
  }

  private String signedBy(Anchor anchor) {
    return database.inTransaction(
        "read signed_by",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT signed_by FROM anchors WHERE tx_hash = ?")) {
            select.setString(1, anchor.txHash().hex());
            try (ResultSet rs = select.executeQuery()) {
              rs.next();
              return rs.getString(1);
            }
          }
        });
  }

  @Test
  void aSignedAnchor_isUnfinished_withEveryFieldAsStored_andNotYetOnChain() {
    Anchor anchor = signed(5, 1);
    anchors.insert(anchor);
    assertThat(anchors.unfinished()).containsExactly(anchor);
    assertThat(signedBy(anchor)).as("a store without a lease names no node").isNull();
    assertThat(anchors.newestOnChain()).isEmpty();
    assertThat(anchors.newestCovering(0, false)).isEmpty();
  }

  @Test
  void minedThenFinal_movesTheAnchorOnChain_andCoversTheLeavesBelowItsTreeSize() {
    Anchor anchor = signed(5, 1);
    anchors.insert(anchor);
    Anchor mined = anchor.minedIn(AnchorStatus.MINED, 42, hash(77), 61_234);
    anchors.update(mined);

    assertThat(anchors.newestOnChain()).contains(mined);
    assertThat(anchors.unfinished()).containsExactly(mined); // mined, not yet final
    assertThat(anchors.newestCovering(4, false)).contains(mined);
    assertThat(anchors.newestCovering(5, false)).isEmpty();
    assertThat(anchors.newestCovering(4, true)).isEmpty();

    Anchor fin = mined.withStatus(AnchorStatus.FINAL);
    anchors.update(fin);
    assertThat(anchors.unfinished()).isEmpty();
    assertThat(anchors.newestCovering(4, true)).contains(fin);
  }

  @Test
  void unfinished_isOldestFirst_andLeavesOutFailedAndFinalAnchors() {
    anchors.insert(signed(9, 3));
    anchors.insert(signed(3, 1));
    anchors.insert(signed(6, 2));
    anchors.update(signed(6, 2).withStatus(AnchorStatus.FAILED));
    anchors.insert(signed(2, 4));
    anchors.update(signed(2, 4).minedIn(AnchorStatus.FINAL, 1, hash(5), 1));

    assertThat(anchors.unfinished().stream().map(Anchor::treeSize)).containsExactly(3L, 9L);
    assertThat(anchors.newestOnChain().map(Anchor::treeSize)).contains(2L);
  }

  @Test
  void updatingAnUnknownTransaction_fails_namingIt() {
    Anchor never = signed(1, 9);
    assertThatThrownBy(() -> anchors.update(never))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(never.txHash().hex());
  }

  @Test
  void aFencedStore_writesWhileItsNodeHoldsTheLease_andRefusesOnceAnotherNodeTookItOver() {
    Duration ttl = Duration.ofSeconds(15);
    JdbcLease mine = new JdbcLease(database, JdbcLease.LEADER, "node-a", ttl, clock);
    JdbcLease theirs = new JdbcLease(database, JdbcLease.LEADER, "node-b", ttl, clock);
    JdbcAnchorStore fenced = new JdbcAnchorStore(database, clock, mine);

    assertThat(mine.tryAcquire()).isTrue();
    fenced.insert(signed(1, 1));
    fenced.update(signed(1, 1).withStatus(AnchorStatus.SENT));
    assertThat(signedBy(signed(1, 1))).isEqualTo("node-a");

    clock.advance(ttl); // node-a stalls past its lease, node-b takes over
    assertThat(theirs.tryAcquire()).isTrue();
    assertThatThrownBy(() -> fenced.insert(signed(2, 2)))
        .isInstanceOf(Leadership.NotLeaderException.class)
        .hasMessageContaining("node-a");
    assertThatThrownBy(() -> fenced.update(signed(1, 1).withStatus(AnchorStatus.FAILED)))
        .isInstanceOf(Leadership.NotLeaderException.class);
    assertThat(anchors.unfinished()).containsExactly(signed(1, 1).withStatus(AnchorStatus.SENT));
    assertThat(mine.isLeader()).isFalse();
  }

  @Test
  void aFencedStore_refusesWhenTheLeaseHasExpired_evenIfNobodyElseTookIt() {
    Duration ttl = Duration.ofSeconds(15);
    JdbcLease mine = new JdbcLease(database, JdbcLease.LEADER, "node-a", ttl, clock);
    JdbcAnchorStore fenced = new JdbcAnchorStore(database, clock, mine);
    assertThat(mine.tryAcquire()).isTrue();
    clock.advance(ttl);
    assertThatThrownBy(() -> fenced.insert(signed(1, 1)))
        .isInstanceOf(Leadership.NotLeaderException.class);
    assertThat(mine.tryAcquire()).isTrue(); // nobody took it: renewing works
    fenced.insert(signed(1, 1));
    assertThat(anchors.unfinished()).hasSize(1);
  }
}
