package io.airm.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.MerkleVerifier;
import io.airm.chain.merkle.Rfc6962;
import io.airm.node.domain.NewWork;
import io.airm.node.domain.Work;
import io.airm.node.domain.WorkStore;
import io.airm.node.storage.TestDatabases.Backend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The log in a real database, H2 and PostgreSQL: roots and proofs agree with RFC 6962. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class JdbcLogTest {
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

  @Test
  void rootsAndProofs_matchTheReference_forEveryPrefixOfTheLog() {
    List<byte[]> leafHashes = new ArrayList<>();
    for (int n = 0; n < 37; n++) {
      Work work = works.insert(StoreFixtures.work(n));
      assertThat(work.logIndex()).isEqualTo(n);
      leafHashes.add(Rfc6962.leafHash(work.leafData()));
    }
    assertThat(log.size()).isEqualTo(37);
    for (int size = 1; size <= 37; size++) {
      byte[] expected = Rfc6962.rootOf(leafHashes.subList(0, size));
      Bytes32 root = log.root(size);
      assertThat(root).isEqualTo(Bytes32.of(expected));
      for (int index = 0; index < size; index += 5) {
        List<byte[]> proof = log.inclusionProof(index, size).stream().map(Bytes32::bytes).toList();
        MerkleVerifier.verifyInclusion(leafHashes.get(index), index, size, proof, expected);
      }
      if (size > 1) {
        List<byte[]> consistency =
            log.consistencyProof(size - 1, size).stream().map(Bytes32::bytes).toList();
        MerkleVerifier.verifyConsistency(
            size - 1, size, log.root(size - 1).bytes(), expected, consistency);
      }
    }
  }

  @Test
  void concurrentAppends_fromTwoNodesAndManyThreads_leaveAGapFreeLogWithTheReferenceRoots()
      throws Exception {
    // two pools on one database, as two nodes would have, each with its own store
    List<JdbcWorkStore> nodes = List.of(works, new JdbcWorkStore(fresh.open()));
    int total = 160;
    ExecutorService pool = Executors.newFixedThreadPool(12);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Work>> futures = new ArrayList<>();
    for (int n = 0; n < total; n++) {
      NewWork work = StoreFixtures.work(n);
      JdbcWorkStore node = nodes.get(n % 2);
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return node.insert(work);
              }));
    }
    start.countDown();
    List<Work> stored = new ArrayList<>();
    for (Future<Work> future : futures) {
      stored.add(future.get());
    }
    pool.shutdown();

    assertThat(stored.stream().map(Work::logIndex))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, total).boxed().toList());
    assertThat(log.size()).isEqualTo(total);
    // the leaves are in the log in the order the indices were handed out, and each root is the
    // RFC 6962 root of exactly those leaves
    stored.sort(Comparator.comparingLong(Work::logIndex));
    List<byte[]> leafHashes = new ArrayList<>();
    for (Work work : stored) {
      byte[] leafHash = Rfc6962.leafHash(work.leafData());
      assertThat(log.leafHash(work.logIndex())).isEqualTo(Bytes32.of(leafHash));
      leafHashes.add(leafHash);
    }
    for (int size = 1; size <= total; size++) {
      assertThat(log.root(size))
          .as("root of the first %d leaves", size)
          .isEqualTo(Bytes32.of(Rfc6962.rootOf(leafHashes.subList(0, size))));
    }
    byte[] root = Rfc6962.rootOf(leafHashes);
    for (int index = 0; index < total; index += 17) {
      List<byte[]> proof = log.inclusionProof(index, total).stream().map(Bytes32::bytes).toList();
      MerkleVerifier.verifyInclusion(leafHashes.get(index), index, total, proof, root);
    }
  }

  @Test
  void aDuplicateWork_isRefused_andLeavesTheLogAsItWas() {
    NewWork work = StoreFixtures.work(1);
    works.insert(work);
    Bytes32 root = log.root(1);
    assertThatThrownBy(() -> works.insert(work))
        .isInstanceOf(WorkStore.DuplicateWorkException.class);
    assertThat(log.size()).isEqualTo(1);
    assertThat(log.root(1)).isEqualTo(root);
    // the next append takes the next index: the refused one left no hole
    assertThat(works.insert(StoreFixtures.work(2)).logIndex()).isEqualTo(1);
  }

  @Test
  void aTreeLargerThanTheLog_isNotFound() {
    works.insert(StoreFixtures.work(1));
    assertThatThrownBy(() -> log.root(2)).hasMessageContaining("there is no tree of size 2");
    assertThatThrownBy(() -> log.leafHash(1)).hasMessageContaining("no leaf at index 1");
  }
}
