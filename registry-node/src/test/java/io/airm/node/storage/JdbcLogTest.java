package io.airm.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.MerkleVerifier;
import io.airm.chain.merkle.Rfc6962;
import io.airm.node.domain.NewWork;
import io.airm.node.domain.Work;
import io.airm.node.domain.WorkStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log in a real H2 database: roots and proofs agree with the RFC 6962 reference. */
class JdbcLogTest {
  private static final String KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  @TempDir Path dir;
  private Database database;
  private JdbcWorkStore works;
  private JdbcLog log;

  @BeforeEach
  void open() {
    database = Database.open(Database.h2Url(dir), "sa", "");
    works = new JdbcWorkStore(database);
    log = new JdbcLog(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static NewWork newWork(long n) {
    Bytes32 id = Bytes32.of(Rfc6962.leafHash(BigInteger.valueOf(n).toByteArray()));
    WorkRegistration registration =
        new WorkRegistration(
            Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"),
            id,
            "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
            Bytes32.ZERO,
            "CC-BY-4.0",
            true,
            List.of(),
            BigInteger.valueOf(n),
            BigInteger.valueOf(4_000_000_000L));
    return new NewWork(
        id, registration, EthSignature.sign(id, KEY), Optional.empty(), false, Instant.now());
  }

  @Test
  void rootsAndProofs_matchTheReference_forEveryPrefixOfTheLog() {
    List<byte[]> leafHashes = new ArrayList<>();
    for (int n = 0; n < 37; n++) {
      Work work = works.insert(newWork(n));
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
  void concurrentRegistrations_getContiguousIndices() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Work>> futures = new ArrayList<>();
    for (int n = 0; n < 64; n++) {
      long nonce = n;
      futures.add(pool.submit(() -> works.insert(newWork(nonce))));
    }
    List<Long> indices = new ArrayList<>();
    for (Future<Work> future : futures) {
      indices.add(future.get().logIndex());
    }
    pool.shutdown();
    assertThat(indices)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.LongStream.range(0, 64).boxed().toList());
    assertThat(log.size()).isEqualTo(64);
  }

  @Test
  void aDuplicateWork_isRefused_andLeavesTheLogAsItWas() {
    NewWork work = newWork(1);
    works.insert(work);
    Bytes32 root = log.root(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> works.insert(work))
        .isInstanceOf(WorkStore.DuplicateWorkException.class);
    assertThat(log.size()).isEqualTo(1);
    assertThat(log.root(1)).isEqualTo(root);
  }
}
