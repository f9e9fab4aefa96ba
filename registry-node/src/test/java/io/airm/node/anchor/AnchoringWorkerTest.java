package io.airm.node.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.ChainException;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.Anchor;
import io.airm.node.domain.AnchorStatus;
import io.airm.node.domain.Leadership;
import io.airm.node.domain.NewWork;
import io.airm.node.storage.Database;
import io.airm.node.storage.JdbcAnchorStore;
import io.airm.node.storage.JdbcLease;
import io.airm.node.storage.JdbcLog;
import io.airm.node.storage.JdbcWorkStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anchoring worker against an in-memory chain and a real H2 database. */
class AnchoringWorkerTest {
  private static final Duration LEASE_TTL = Duration.ofSeconds(15);
  private static final String KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  @TempDir Path dir;
  private Database database;
  private JdbcWorkStore works;
  private JdbcLog log;
  private JdbcAnchorStore anchors;
  private InMemoryAnchorChain chain;
  private MutableClock clock;

  @BeforeEach
  void open() {
    database = Database.open(Database.h2Url(dir), "sa", "");
    clock = new MutableClock();
    works = new JdbcWorkStore(database);
    log = new JdbcLog(database);
    anchors = new JdbcAnchorStore(database, clock);
    chain = new InMemoryAnchorChain();
  }

  @AfterEach
  void close() {
    database.close();
  }

  private AnchoringWorker worker(int confirmations) {
    return new AnchoringWorker(
        log,
        anchors,
        chain,
        new AnchoringWorker.Settings(Duration.ofSeconds(5), Duration.ofMillis(100), confirmations),
        Leadership.sole(),
        clock);
  }

  /** The worker of one of several nodes on this database, leading while it holds the lease. */
  private AnchoringWorker worker(JdbcLease lease) {
    return new AnchoringWorker(
        log,
        new JdbcAnchorStore(database, clock, lease),
        chain,
        new AnchoringWorker.Settings(Duration.ofSeconds(5), Duration.ofMillis(100), 1),
        lease,
        clock);
  }

  private JdbcLease lease(String node) {
    return new JdbcLease(database, JdbcLease.LEADER, node, LEASE_TTL, clock);
  }

  private void register(int count) {
    for (int i = 0; i < count; i++) {
      long n = works.hashCode() + System.nanoTime();
      WorkRegistration registration =
          new WorkRegistration(
              Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"),
              InMemoryAnchorChain.hash("content " + n),
              "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
              Bytes32.ZERO,
              "CC-BY-4.0",
              true,
              List.of(),
              BigInteger.valueOf(n),
              BigInteger.valueOf(4_000_000_000L));
      Bytes32 id = InMemoryAnchorChain.hash("work " + n);
      works.insert(
          new NewWork(
              id,
              registration,
              EthSignature.sign(id, KEY),
              Optional.empty(),
              false,
              clock.instant()));
    }
  }

  private Anchor onlyAnchor() {
    List<Anchor> all = anchors.unfinished();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void anchorIsStoredBeforeItIsBroadcast() {
    AnchoringWorker worker = worker(1);
    register(3);
    chain.beforeBroadcast =
        () -> assertThat(anchors.unfinished()).as("stored before broadcast").hasSize(1);
    clock.advance(Duration.ofSeconds(5));

    worker.tick();

    assertThat(chain.broadcasts).hasSize(1);
    Anchor anchor = onlyAnchor();
    assertThat(anchor.status()).isEqualTo(AnchorStatus.SENT);
    assertThat(anchor.treeSize()).isEqualTo(3);
    assertThat(anchor.root()).isEqualTo(log.root(3));
  }

  @Test
  void noAnchorBeforeTheInterval_thenOneAnchorCoversEverything() {
    AnchoringWorker worker = worker(1);
    register(2);
    worker.tick();
    assertThat(chain.signed).isEmpty();
    register(5);
    clock.advance(Duration.ofSeconds(5));
    worker.tick();
    assertThat(chain.signed).hasSize(1);
    assertThat(onlyAnchor().treeSize()).isEqualTo(7);
  }

  @Test
  void crashAfterStoringTheAnchor_isRebroadcastWithTheSameBytes_andNotSignedTwice() {
    AnchoringWorker dying = worker(1);
    register(4);
    clock.advance(Duration.ofSeconds(5));
    chain.failBroadcasts = 1; // the process "dies" between storing and broadcasting
    assertThatThrownBy(dying::tick).isInstanceOf(ChainException.class);
    Anchor stored = onlyAnchor();
    assertThat(stored.status()).isEqualTo(AnchorStatus.SIGNED);
    assertThat(chain.broadcasts).isEmpty();

    AnchoringWorker restarted = worker(1);
    restarted.tick();

    assertThat(chain.signed).hasSize(1);
    assertThat(chain.broadcasts).containsExactly(stored.rawTx());
    chain.mine();
    restarted.tick();
    Optional<Anchor> onChain = anchors.newestOnChain();
    assertThat(onChain).isPresent();
    assertThat(onChain.get().txHash()).isEqualTo(stored.txHash());
    assertThat(onChain.get().status()).isEqualTo(AnchorStatus.FINAL);
  }

  @Test
  void unminedAnchor_isRebroadcastUntilMined_andNoSecondAnchorIsSigned() {
    AnchoringWorker worker = worker(2);
    register(1);
    clock.advance(Duration.ofSeconds(5));
    worker.tick();
    register(1);
    clock.advance(Duration.ofSeconds(10));
    worker.tick();
    worker.tick();
    assertThat(chain.signed).hasSize(1);
    assertThat(chain.broadcasts).hasSize(3).containsOnly(chain.signed.get(0).rawHex());

    chain.mine();
    worker.tick();
    assertThat(anchors.newestOnChain().orElseThrow().status()).isEqualTo(AnchorStatus.MINED);
    // mined, so the second entry gets its own anchor at the next interval
    assertThat(chain.signed).hasSize(2);
    assertThat(chain.signed.get(1).nonce()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void anchorBecomesFinalOnlyWhenConfirmationsDeep() {
    AnchoringWorker worker = worker(3);
    register(2);
    clock.advance(Duration.ofSeconds(5));
    worker.tick();
    chain.mine(); // mined in block 1: depth 1
    worker.tick();
    assertThat(anchors.newestOnChain().orElseThrow().status()).isEqualTo(AnchorStatus.MINED);
    chain.mine(); // depth 2
    worker.tick();
    assertThat(anchors.newestOnChain().orElseThrow().status()).isEqualTo(AnchorStatus.MINED);
    chain.mine(); // depth 3
    worker.tick();
    assertThat(anchors.newestOnChain().orElseThrow().status()).isEqualTo(AnchorStatus.FINAL);
  }

  @Test
  void reorgOfTheAnchorsBlock_putsItBackInFlight_andItIsMinedAgain() {
    AnchoringWorker worker = worker(3);
    register(2);
    clock.advance(Duration.ofSeconds(5));
    worker.tick();
    chain.mine();
    worker.tick();
    Anchor mined = anchors.newestOnChain().orElseThrow();
    assertThat(mined.status()).isEqualTo(AnchorStatus.MINED);

    chain.reorgFrom(mined.blockNumber().getAsLong());
    worker.tick();
    Anchor back = onlyAnchor();
    assertThat(back.status()).isIn(AnchorStatus.SENT);
    assertThat(back.txHash()).isEqualTo(mined.txHash());
    assertThat(anchors.newestOnChain()).isEmpty();

    worker.tick(); // rebroadcast the same bytes
    chain.mine();
    worker.tick();
    assertThat(anchors.newestOnChain().orElseThrow().txHash()).isEqualTo(mined.txHash());
    assertThat(chain.signed).hasSize(1);
  }

  @Test
  void droppedAnchor_isMarkedFailed_andTheEntriesAreAnchoredAgain() {
    AnchoringWorker worker = worker(1);
    register(3);
    clock.advance(Duration.ofSeconds(5));
    worker.tick();
    Anchor first = onlyAnchor();
    chain.dropPoolAndUseNonce();
    worker.tick();
    assertThat(chain.signed).hasSize(1);
    clock.advance(Duration.ofSeconds(5));
    worker.tick();
    assertThat(chain.signed).hasSize(2);
    Anchor second = onlyAnchor();
    assertThat(second.txHash()).isNotEqualTo(first.txHash());
    assertThat(second.treeSize()).isEqualTo(3);
    chain.mine();
    worker.tick();
    assertThat(anchors.newestOnChain().orElseThrow().txHash()).isEqualTo(second.txHash());
  }

  @Test
  void ofTwoNodes_onlyTheLeaseHolderAnchors_andTheOtherFinishesItsAnchorOnceItTakesOver() {
    JdbcLease leaseA = lease("node-a");
    JdbcLease leaseB = lease("node-b");
    AnchoringWorker a = worker(leaseA);
    AnchoringWorker b = worker(leaseB);
    assertThat(leaseA.tryAcquire()).isTrue();
    assertThat(leaseB.tryAcquire()).isFalse();
    register(3);
    clock.advance(Duration.ofSeconds(5));

    b.tick();
    assertThat(chain.signed).as("a node without the lease signs nothing").isEmpty();
    a.tick();
    assertThat(chain.signed).hasSize(1);
    Anchor inFlight = onlyAnchor();

    // node-a stops (its anchor still in flight); once its lease expires node-b takes over
    register(2);
    clock.advance(LEASE_TTL);
    assertThat(leaseB.tryAcquire()).isTrue();
    b.tick();
    assertThat(chain.signed).as("the in-flight anchor is finished, not doubled").hasSize(1);
    assertThat(chain.broadcasts).containsOnly(inFlight.rawTx());
    chain.mine();
    b.tick();
    assertThat(anchors.newestOnChain().orElseThrow().txHash()).isEqualTo(inFlight.txHash());
    clock.advance(Duration.ofSeconds(5));
    b.tick();
    assertThat(chain.signed).hasSize(2);
    assertThat(onlyAnchor().treeSize()).isEqualTo(5);

    int broadcasts = chain.broadcasts.size();
    a.tick(); // node-a wakes up: it no longer leads, so it does nothing
    assertThat(chain.signed).hasSize(2);
    assertThat(chain.broadcasts).hasSize(broadcasts);
  }

  @Test
  void aNodeThatLosesTheLeaseWhileSigning_storesNothing_soItsTransactionIsNeverBroadcast() {
    JdbcLease leaseA = lease("node-a");
    JdbcLease leaseB = lease("node-b");
    AnchoringWorker a = worker(leaseA);
    assertThat(leaseA.tryAcquire()).isTrue();
    register(3);
    clock.advance(Duration.ofSeconds(5));
    // node-a checked its lease, then stalls while signing long enough for node-b to take over
    chain.beforeSign =
        () -> {
          clock.advance(LEASE_TTL);
          assertThat(leaseB.tryAcquire()).isTrue();
        };

    assertThatThrownBy(a::tick).isInstanceOf(Leadership.NotLeaderException.class);

    assertThat(chain.signed).hasSize(1);
    assertThat(chain.broadcasts).isEmpty();
    assertThat(anchors.unfinished()).isEmpty();
    assertThat(leaseA.isLeader()).isFalse();
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
