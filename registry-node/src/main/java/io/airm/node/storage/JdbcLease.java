package io.airm.node.storage;

import io.airm.node.domain.Leadership;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named lease in the {@code leases} table: at most one holder at a time among the nodes sharing
 * the database. The holder renews it every ttl/3; a node that fails to renew stops leading at once,
 * and once the lease has expired any node may take it over. Acquiring and renewing are one
 * conditional {@code UPDATE}, so two nodes racing for an expired lease cannot both win: the row
 * lock makes the second re-read the row the first has just written.
 *
 * <p>Stores that only the leader may write call {@link #fence} inside their own transaction: it
 * locks the lease row, so a takeover waits until that transaction commits, and a node that lost the
 * lease (however stale its view) cannot commit such a write. Expiry is computed with each node's
 * clock; clocks that disagree by a sizeable part of the TTL shorten a lease, but the fence keeps
 * writes safe whatever the skew, because it checks the holder column, not only the time.
 */
public final class JdbcLease implements Leadership, AutoCloseable {
  /** The lease of the node that writes to the chain (anchors, and later settles). */
  public static final String LEADER = "leader";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcLease.class);

  private final Database database;
  private final String name;
  private final String holder;
  private final Duration ttl;
  private final Clock clock;
  private volatile Instant heldUntil = Instant.MIN;
  private volatile long term = -1;
  private ScheduledExecutorService renewer;
  private volatile boolean abandoned;

  /**
   * A lease named {@code name} for the node {@code holder}; nothing is acquired until {@link
   * #start} or {@link #tryAcquire}.
   *
   * @param ttl how long an acquired or renewed lease lasts (at least 300 ms)
   */
  public JdbcLease(Database database, String name, String holder, Duration ttl, Clock clock) {
    if (name == null || name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("A lease name is 1 to 64 characters, not '" + name + "'");
    }
    if (holder == null || holder.isBlank() || holder.length() > 200) {
      throw new IllegalArgumentException(
          "A holder id is 1 to 200 characters, not '" + holder + "'");
    }
    if (ttl == null || ttl.toMillis() < 300) {
      throw new IllegalArgumentException("A lease TTL must be at least 300 ms, not " + ttl);
    }
    this.database = database;
    this.name = name;
    this.holder = holder;
    this.ttl = ttl;
    this.clock = clock;
    createRowIfMissing();
  }

  /** A fresh node id: host, process id and a random part, so two nodes in one JVM differ too. */
  public static String newHolderId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return host + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
  }

  /** The id this node holds the lease under. */
  public String holder() {
    return holder;
  }

  /** The lease's time to live. */
  public Duration ttl() {
    return ttl;
  }

  /**
   * The lease's term while this node holds it: it grows by one at every change of holder, so a term
   * names one tenure.
   */
  public long term() {
    return term;
  }

  @Override
  public boolean isLeader() {
    return clock.instant().isBefore(heldUntil);
  }

  /** Tries to acquire the lease now, then renews (or keeps trying to acquire) every ttl/3. */
  public synchronized void start() {
    if (renewer != null) {
      return;
    }
    renewer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "airm-lease-" + name);
              thread.setDaemon(true);
              return thread;
            });
    tryAcquire(); // at once, so that a node alone on its database leads as soon as it has started
    long period = Math.max(1, ttl.toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::tryAcquire, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Acquires the lease if it is free or expired, or renews it if this node holds it.
   *
   * @return whether this node holds the lease now; false also when the database could not be
   *     reached, in which case this node stops leading at once
   */
  public boolean tryAcquire() {
    boolean wasLeader = isLeader();
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    long acquiredTerm;
    try {
      acquiredTerm =
          database.inTransaction(
              "acquire or renew the lease " + name,
              connection -> {
                try (PreparedStatement update =
                    connection.prepareStatement(
                        "UPDATE leases SET"
                            + " term = CASE WHEN holder = ? THEN term ELSE term + 1 END,"
                            + " acquired_at = CASE WHEN holder = ? THEN acquired_at ELSE ? END,"
                            + " holder = ?, renewed_at = ?, expires_at = ?"
                            + " WHERE name = ? AND (holder = ? OR holder IS NULL OR expires_at <= ?)")) {
                  update.setString(1, holder);
                  update.setString(2, holder);
                  update.setObject(3, utc(now));
                  update.setString(4, holder);
                  update.setObject(5, utc(now));
                  update.setObject(6, utc(expires));
                  update.setString(7, name);
                  update.setString(8, holder);
                  update.setObject(9, utc(now));
                  if (update.executeUpdate() != 1) {
                    return -1L;
                  }
                }
                return currentTerm(connection);
              });
    } catch (RuntimeException e) { // the renewer must keep running whatever happens
      heldUntil = Instant.MIN;
      if (wasLeader) {
        LOG.warn("Lost the lease {}: it could not be renewed: {}", name, e.getMessage());
      }
      return false;
    }
    if (acquiredTerm < 0) {
      heldUntil = Instant.MIN;
      if (wasLeader) {
        LOG.warn("Lost the lease {}: another node holds it now", name);
      }
      return false;
    }
    heldUntil = expires;
    if (!wasLeader || acquiredTerm != term) {
      LOG.info("Holding the lease {} as {} (term {})", name, holder, acquiredTerm);
    }
    term = acquiredTerm;
    return true;
  }

  /**
   * Checks, inside the caller's transaction, that this node still holds the lease, and locks its
   * row until that transaction ends, so no other node can take the lease over meanwhile.
   *
   * @throws Leadership.NotLeaderException if this node does not hold the lease (the caller's
   *     transaction is then rolled back)
   */
  void fence(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT term FROM leases WHERE name = ? AND holder = ? AND expires_at > ? FOR UPDATE")) {
      select.setString(1, name);
      select.setString(2, holder);
      select.setObject(3, utc(clock.instant()));
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          heldUntil = Instant.MIN;
          throw new Leadership.NotLeaderException(
              "Node " + holder + " no longer holds the lease " + name + "; the write was refused");
        }
      }
    }
  }

  /** Gives the lease up now if this node holds it, so another node can take it without waiting. */
  public void release() {
    heldUntil = Instant.MIN;
    database.inTransaction(
        "release the lease " + name,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE leases SET holder = NULL, expires_at = ? WHERE name = ? AND holder = ?")) {
            update.setObject(1, utc(clock.instant()));
            update.setString(2, name);
            update.setString(3, holder);
            if (update.executeUpdate() == 1) {
              LOG.info("Released the lease {}", name);
            }
          }
          return null;
        });
  }

  /**
   * Stops renewing without releasing, as a crashed node would: the lease stays taken until it
   * expires (fault tests). A later {@link #close} releases nothing.
   */
  public void abandon() {
    abandoned = true;
    stopRenewing();
    heldUntil = Instant.MIN;
  }

  /** Stops renewing and releases the lease (unless it was abandoned). */
  @Override
  public void close() {
    stopRenewing();
    if (abandoned) {
      return;
    }
    try {
      release();
    } catch (StorageException e) {
      LOG.warn("Could not release the lease {}; it expires by itself: {}", name, e.getMessage());
    }
  }

  private void stopRenewing() {
    synchronized (this) {
      if (renewer != null) {
        renewer.shutdown();
        try {
          renewer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private long currentTerm(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT term FROM leases WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void createRowIfMissing() {
    try {
      database.inTransaction(
          "create the lease " + name,
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO leases (name, holder, term, expires_at)"
                        + " SELECT ?, NULL, 0, ? WHERE NOT EXISTS"
                        + " (SELECT 1 FROM leases WHERE name = ?)")) {
              insert.setString(1, name);
              insert.setObject(2, utc(Instant.EPOCH));
              insert.setString(3, name);
              return insert.executeUpdate();
            }
          });
    } catch (StorageException e) {
      // another node created the row between our check and our insert: that is all we wanted
      if (!Database.isUniqueViolation(e)) {
        throw e;
      }
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return "JdbcLease[" + name + ", holder=" + holder + ", ttl=" + ttl + "]";
  }
}
