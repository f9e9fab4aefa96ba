package io.airm.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.NewWork;
import io.airm.node.domain.Work;
import io.airm.node.domain.WorkStore.DuplicateWorkException;
import io.airm.node.storage.TestDatabases.Backend;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Registrations in a real database, H2 and PostgreSQL: stored as signed, each id and nonce once.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class JdbcWorkStoreTest {
  private static final BigInteger UINT256_MAX =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private static final Address OTHER_CREATOR =
      Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

  @Parameter Backend backend;
  private TestDatabases.Fresh fresh;
  private JdbcWorkStore works;
  private JdbcLog log;

  @BeforeEach
  void open() {
    fresh = TestDatabases.fresh(backend);
    Database database = fresh.open();
    works = new JdbcWorkStore(database);
    log = new JdbcLog(database);
  }

  @AfterEach
  void close() {
    if (fresh != null) { // null when the backend was skipped
      fresh.close();
    }
  }

  /** A work that uses every column: parents, metadata, stored content, uint256 extremes. */
  private static NewWork everyField() {
    NewWork base = StoreFixtures.work(OTHER_CREATOR, UINT256_MAX, "every field");
    WorkRegistration r = base.registration();
    WorkRegistration registration =
        new WorkRegistration(
            r.creator(),
            r.contentHash(),
            r.cid(),
            Bytes32.parse("0x" + "ab".repeat(32)),
            "https://creativecommons.org/licenses/by-nc/4.0/",
            false,
            List.of(Bytes32.parse("0x" + "01".repeat(32)), Bytes32.parse("0x" + "02".repeat(32))),
            r.nonce(),
            UINT256_MAX.subtract(BigInteger.TWO));
    return new NewWork(
        base.workId(),
        registration,
        base.signature(),
        Optional.of("{\"title\":\"Über \\\"quoted\\\" ✓\"}"),
        true,
        Instant.parse("2026-03-04T05:06:07.123456Z"));
  }

  @Test
  void aStoredWork_readsBackWithEveryFieldAsSigned() {
    NewWork work = everyField();
    Work stored = works.insert(work);

    Work found = works.find(work.workId()).orElseThrow();
    assertThat(found).isEqualTo(stored);
    assertThat(found.registration()).isEqualTo(work.registration());
    assertThat(found.signature()).isEqualTo(work.signature());
    assertThat(found.metadata()).isEqualTo(work.metadata());
    assertThat(found.contentStored()).isTrue();
    assertThat(found.logIndex()).isZero();
    assertThat(found.registeredAt()).isEqualTo(work.registeredAt());
    assertThat(found.leafData()).isEqualTo(work.leafData());
  }

  @Test
  void registrationTime_isKeptToTheMicrosecond() {
    Instant withNanos = Instant.parse("2026-03-04T05:06:07.123456789Z");
    NewWork base = StoreFixtures.work(1);
    NewWork work =
        new NewWork(
            base.workId(),
            base.registration(),
            base.signature(),
            base.metadata(),
            base.contentStored(),
            withNanos);
    works.insert(work);
    Instant read = works.find(work.workId()).orElseThrow().registeredAt();
    // both databases keep microseconds; PostgreSQL rounds, H2 may too, so allow one microsecond
    assertThat(ChronoUnit.NANOS.between(withNanos, read)).isBetween(-1000L, 1000L);
  }

  @Test
  void lookups_findWhatIsStored_andNothingElse() {
    NewWork work = StoreFixtures.work(7);
    assertThat(works.find(work.workId())).isEmpty();
    assertThat(works.exists(work.workId())).isFalse();
    works.insert(work);

    assertThat(works.exists(work.workId())).isTrue();
    assertThat(works.findByCreatorNonce(StoreFixtures.CREATOR, BigInteger.valueOf(7)))
        .contains(work.workId());
    assertThat(works.findByCreatorNonce(StoreFixtures.CREATOR, BigInteger.valueOf(8))).isEmpty();
    assertThat(works.findByCreatorNonce(OTHER_CREATOR, BigInteger.valueOf(7))).isEmpty();
  }

  @Test
  void theSameWorkTwice_isADuplicate_andAppendsNoSecondLeaf() {
    NewWork work = StoreFixtures.work(1);
    works.insert(work);
    assertThatThrownBy(() -> works.insert(work))
        .isInstanceOf(DuplicateWorkException.class)
        .hasMessageContaining(work.workId().hex());
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void aCreatorsNonce_isUsedOnce_butAnotherCreatorMayUseTheSameNumber() {
    works.insert(StoreFixtures.work(StoreFixtures.CREATOR, BigInteger.TEN, "first"));
    NewWork sameNonce = StoreFixtures.work(StoreFixtures.CREATOR, BigInteger.TEN, "second");
    assertThatThrownBy(() -> works.insert(sameNonce)).isInstanceOf(DuplicateWorkException.class);
    assertThat(works.exists(sameNonce.workId())).isFalse();
    assertThat(log.size()).isEqualTo(1);

    Work other = works.insert(StoreFixtures.work(OTHER_CREATOR, BigInteger.TEN, "third"));
    assertThat(other.logIndex()).isEqualTo(1);
  }

  @Test
  void theSameWorkSentConcurrently_isStoredOnce_andEveryOtherAttemptIsADuplicate()
      throws Exception {
    NewWork work = StoreFixtures.work(3);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Work>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      attempts.add(
          pool.submit(
              () -> {
                start.await();
                return works.insert(work);
              }));
    }
    start.countDown();
    int stored = 0;
    int duplicates = 0;
    for (Future<Work> attempt : attempts) {
      try {
        attempt.get();
        stored++;
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(DuplicateWorkException.class);
        duplicates++;
      }
    }
    pool.shutdown();
    assertThat(stored).isEqualTo(1);
    assertThat(duplicates).isEqualTo(7);
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void aCreatorsWorks_readNewestFirst_inPagesBelowALogIndex_withTheirParents() {
    Work first = works.insert(StoreFixtures.work(1));
    works.insert(StoreFixtures.work(OTHER_CREATOR, BigInteger.ONE, "someone else's"));
    Work withParents = works.insert(everyFieldOf(StoreFixtures.CREATOR, BigInteger.TWO));
    Work third = works.insert(StoreFixtures.work(3));

    assertThat(ids(works.findByCreator(StoreFixtures.CREATOR, Long.MAX_VALUE, 10)))
        .containsExactly(third.workId(), withParents.workId(), first.workId());
    assertThat(ids(works.findByCreator(StoreFixtures.CREATOR, Long.MAX_VALUE, 2)))
        .containsExactly(third.workId(), withParents.workId());
    List<Work> below = works.findByCreator(StoreFixtures.CREATOR, third.logIndex(), 2);
    assertThat(ids(below)).containsExactly(withParents.workId(), first.workId());
    assertThat(below.get(0).registration()).isEqualTo(withParents.registration());
    assertThat(below.get(0).registration().parents()).hasSize(2);
    assertThat(below.get(0).metadata()).isEqualTo(withParents.metadata());
    assertThat(works.findByCreator(StoreFixtures.CREATOR, first.logIndex(), 2)).isEmpty();
    assertThat(works.findByCreator(Address.parse("0x" + "99".repeat(20)), Long.MAX_VALUE, 5))
        .isEmpty();
  }

  private static List<Bytes32> ids(List<Work> list) {
    return list.stream().map(Work::workId).toList();
  }

  /** {@link #everyField()}'s columns for another creator and nonce. */
  private static NewWork everyFieldOf(Address creator, BigInteger nonce) {
    NewWork base = StoreFixtures.work(creator, nonce, "every field " + nonce);
    NewWork every = everyField();
    WorkRegistration r = every.registration();
    return new NewWork(
        base.workId(),
        new WorkRegistration(
            creator,
            r.contentHash(),
            r.cid(),
            r.metadataHash(),
            r.licence(),
            r.aiTraining(),
            r.parents(),
            nonce,
            r.deadline()),
        base.signature(),
        every.metadata(),
        every.contentStored(),
        base.registeredAt());
  }
}
