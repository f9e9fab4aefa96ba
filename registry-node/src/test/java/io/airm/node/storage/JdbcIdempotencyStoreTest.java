package io.airm.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.node.domain.IdempotencyStore.Claim;
import io.airm.node.domain.IdempotencyStore.Existing;
import io.airm.node.domain.IdempotencyStore.Granted;
import io.airm.node.domain.IdempotencyStore.Response;
import io.airm.node.domain.IdempotencyStore.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency keys in a real H2 database. */
class JdbcIdempotencyStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  private static final Scope SCOPE = new Scope("peer:127.0.0.1", "POST", "/v1/works", "k1");
  private static final Response ANSWER =
      new Response(
          202,
          Optional.of("application/json"),
          "{\"workId\":\"0x01\"}".getBytes(StandardCharsets.UTF_8),
          Optional.of("/v1/works/0x01"));

  @TempDir Path dir;
  private Database database;
  private JdbcIdempotencyStore store;

  @BeforeEach
  void open() {
    database = Database.open(Database.h2Url(dir), "sa", "");
    store = new JdbcIdempotencyStore(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private Claim claim(Scope scope, String sha, Instant now) {
    return store.claim(
        scope, sha, now, now.minus(Duration.ofHours(24)), now.minus(Duration.ofMinutes(10)));
  }

  @Test
  void aNewKey_isGranted_thenSeenInFlight_thenWithItsAnswer() {
    assertThat(claim(SCOPE, "0xaa", T0)).isInstanceOf(Granted.class);
    assertThat(claim(SCOPE, "0xaa", T0)).isEqualTo(new Existing("0xaa", Optional.empty()));
    store.complete(SCOPE, ANSWER);
    assertThat(claim(SCOPE, "0xbb", T0)).isEqualTo(new Existing("0xaa", Optional.of(ANSWER)));
  }

  @Test
  void theSameKey_inAnotherScope_isAnotherKey() {
    claim(SCOPE, "0xaa", T0);
    assertThat(claim(new Scope("operator", "POST", "/v1/works", "k1"), "0xaa", T0))
        .isInstanceOf(Granted.class);
    assertThat(claim(new Scope("peer:127.0.0.1", "POST", "/v1/other", "k1"), "0xaa", T0))
        .isInstanceOf(Granted.class);
  }

  @Test
  void aReleasedClaim_mayBeClaimedAgain() {
    claim(SCOPE, "0xaa", T0);
    store.release(SCOPE);
    assertThat(claim(SCOPE, "0xbb", T0)).isInstanceOf(Granted.class);
  }

  @Test
  void anAbandonedClaim_isTakenOverAfterTheLease_butAnAnswerIsKept24Hours() {
    claim(SCOPE, "0xaa", T0);
    assertThat(claim(SCOPE, "0xaa", T0.plus(Duration.ofMinutes(9)))).isInstanceOf(Existing.class);
    assertThat(claim(SCOPE, "0xaa", T0.plus(Duration.ofMinutes(11)))).isInstanceOf(Granted.class);

    Instant t1 = T0.plus(Duration.ofMinutes(11));
    store.complete(SCOPE, ANSWER);
    assertThat(claim(SCOPE, "0xaa", t1.plus(Duration.ofHours(23))))
        .isEqualTo(new Existing("0xaa", Optional.of(ANSWER)));
    assertThat(claim(SCOPE, "0xcc", t1.plus(Duration.ofHours(25)))).isInstanceOf(Granted.class);
  }

  @Test
  void deleteExpired_dropsOnlyOldKeys() {
    claim(SCOPE, "0xaa", T0);
    claim(new Scope("admin", "POST", "/v1/works", "k2"), "0xaa", T0.plus(Duration.ofHours(2)));
    assertThat(store.deleteExpired(T0.plus(Duration.ofHours(1)))).isEqualTo(1);
    assertThat(claim(SCOPE, "0xaa", T0.plus(Duration.ofHours(3)))).isInstanceOf(Granted.class);
  }

  @Test
  void completingAClaimNobodyHolds_fails() {
    assertThatThrownBy(() -> store.complete(SCOPE, ANSWER))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("k1");
  }

  @Test
  void concurrentClaims_grantExactlyOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Claim>> attempts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        attempts.add(() -> claim(SCOPE, "0xaa", T0));
      }
      long granted = 0;
      for (Future<Claim> result : pool.invokeAll(attempts)) {
        if (result.get() instanceof Granted) {
          granted++;
        } else {
          assertThat(result.get()).isEqualTo(new Existing("0xaa", Optional.empty()));
        }
      }
      assertThat(granted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
