package io.airm.node.audit;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.MerkleFrontier;
import io.airm.chain.merkle.MerkleProofException;
import io.airm.chain.merkle.MerkleVerifier;
import io.airm.chain.merkle.Rfc6962;
import io.airm.chain.registry.Checkpoint;
import io.airm.node.client.RegistryClientException;
import io.airm.node.domain.LogLeaf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays a node's whole log against the chain: every leaf's signature, every anchored root
 * recomputed from the leaves, and the node's consistency proof between consecutive checkpoints.
 *
 * <p>Leaves stream past in pages: the next page is fetched while one is checked, the signatures of
 * a page are recovered on {@code threads} threads, and the roots come from a {@link MerkleFrontier}
 * (O(log n) hashes), so memory stays flat whatever the log's length. Disagreements are reported in
 * log order: a leaf's before any checkpoint that covers it.
 */
public final class LogAuditor {
  /** Pages handed to the verifiers at once: one being checked, one queued behind it. */
  private static final int PAGES_IN_FLIGHT = 2;

  /** Leaves per verification task, so that a page is shared evenly among the threads. */
  private static final int LEAVES_PER_TASK = 50;

  /**
   * How the audit runs.
   *
   * @param threads how many threads recover signatures (at least 1)
   * @param pageSize how many leaves one request asks for (1 to 1000)
   */
  public record Settings(int threads, int pageSize) {
    public Settings {
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
      }
      if (pageSize < 1 || pageSize > 1000) {
        throw new IllegalArgumentException("The page size must be 1 to 1000, not " + pageSize);
      }
    }

    /** As many threads as processors, pages of 1000 leaves. */
    public static Settings defaults() {
      return new Settings(Runtime.getRuntime().availableProcessors(), 1000);
    }
  }

  /** Hears how far the audit has got (a progress bar). */
  public interface Progress {
    /** The audit will check {@code leaves} leaves and {@code checkpoints} checkpoints. */
    void started(long leaves, int checkpoints);

    /** {@code leaves} leaves and {@code checkpoints} checkpoints have been verified so far. */
    void advanced(long leaves, int checkpoints);

    /** Nothing is reported. */
    Progress NONE =
        new Progress() {
          @Override
          public void started(long leaves, int checkpoints) {}

          @Override
          public void advanced(long leaves, int checkpoints) {}
        };
  }

  /**
   * What a passed audit verified.
   *
   * @param leaves the leaves replayed, 0 to {@code leaves - 1}
   * @param checkpoints the anchored checkpoints whose roots were recomputed
   * @param root the root of those leaves, equal to the node's
   */
  public record Result(long leaves, int checkpoints, Bytes32 root) {}

  private final NodeLog node;
  private final Eip712Domain workRegistry;
  private final Optional<Eip712Domain> usageAttestations;
  private final Settings settings;
  private final Progress progress;

  /**
   * @param node the node whose log is audited
   * @param workRegistry the EIP-712 domain of the WorkRegistry, as the chain reports it
   * @param usageAttestations the domain of the UsageAttestations contract, if the node names one
   */
  public LogAuditor(
      NodeLog node,
      Eip712Domain workRegistry,
      Optional<Eip712Domain> usageAttestations,
      Settings settings,
      Progress progress) {
    this.node = node;
    this.workRegistry = workRegistry;
    this.usageAttestations = usageAttestations;
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Audits the node's log against {@code checkpoints}, the chain's CheckpointAnchored events in
   * chain order.
   *
   * @throws LogAuditException at the first disagreement, in log order
   * @throws RegistryClientException with status 0 if the node cannot be reached
   */
  public Result audit(List<Checkpoint> checkpoints) {
    NodeLog.Head head = node.head();
    long size = head.treeSize();
    requireGrowing(checkpoints);
    if (!checkpoints.isEmpty() && checkpoints.get(checkpoints.size() - 1).treeSize() > size) {
      Checkpoint beyond =
          checkpoints.stream().filter(c -> c.treeSize() > size).findFirst().orElseThrow();
      throw LogAuditException.atCheckpoint(
          beyond.treeSize(),
          "anchored on chain with root "
              + beyond.root()
              + ", but the node's log has only "
              + size
              + " leaves (the node lost leaves, or serves another log)");
    }
    progress.started(size, checkpoints.size());

    ThreadFactory daemons = daemonThreads();
    ExecutorService fetcher = Executors.newSingleThreadExecutor(daemons);
    ExecutorService verifiers = Executors.newFixedThreadPool(settings.threads(), daemons);
    try {
      Replay replay = new Replay(checkpoints);
      Deque<Submitted> inFlight = new ArrayDeque<>();
      long fetched = 0;
      CompletableFuture<List<NodeLog.Entry>> fetching = size > 0 ? fetch(fetcher, 0, size) : null;
      while (fetching != null || !inFlight.isEmpty()) {
        // keep the verifiers fed: hand them each page as it arrives and fetch the next, so that
        // the node, the network and every verifier thread work at once
        while (fetching != null && inFlight.size() < PAGES_IN_FLIGHT) {
          List<NodeLog.Entry> page;
          try {
            page = fetching.join();
          } catch (CompletionException e) {
            replay.takeAll(inFlight); // earlier leaves are reported first
            throw unserved(e, fetched, size);
          }
          if (page.isEmpty()) {
            replay.takeAll(inFlight);
            throw LogAuditException.atLeaf(
                fetched,
                "the node returned no entries from here, but its log has " + size + " leaves");
          }
          if (fetched + page.size() > size) {
            page = page.subList(0, (int) (size - fetched)); // a node may serve more than asked
          }
          inFlight.add(submit(verifiers, page, fetched));
          fetched += page.size();
          fetching = fetched < size ? fetch(fetcher, fetched, size) : null;
        }
        replay.take(inFlight.poll());
      }
      byte[] root = replay.frontier.root();
      if (!Arrays.equals(root, head.root().bytes())) {
        throw LogAuditException.ofLog(
            "the node's head says the root of its "
                + size
                + " leaves is "
                + head.root()
                + ", but the leaves it serves give "
                + Bytes32.of(root));
      }
      return new Result(size, replay.checkpointsVerified, Bytes32.of(root));
    } finally {
      fetcher.shutdownNow();
      verifiers.shutdownNow();
    }
  }

  private static void requireGrowing(List<Checkpoint> checkpoints) {
    for (int i = 1; i < checkpoints.size(); i++) {
      if (checkpoints.get(i).treeSize() <= checkpoints.get(i - 1).treeSize()) {
        throw LogAuditException.atCheckpoint(
            checkpoints.get(i).treeSize(),
            "anchored on chain after the checkpoint of tree size "
                + checkpoints.get(i - 1).treeSize()
                + "; an append-only log's checkpoints only grow");
      }
    }
  }

  private CompletableFuture<List<NodeLog.Entry>> fetch(
      ExecutorService fetcher, long start, long size) {
    int count = (int) Math.min(settings.pageSize(), size - start);
    return CompletableFuture.supplyAsync(() -> node.entries(start, count), fetcher);
  }

  /**
   * Why the page from {@code start} was not served: a node that answers a page with an error is
   * asked leaf by leaf, so that the report names the leaf.
   */
  private RuntimeException unserved(CompletionException e, long start, long size) {
    if (!(e.getCause() instanceof RegistryClientException failure) || failure.status() == 0) {
      return e.getCause() instanceof RuntimeException r ? r : e;
    }
    long end = Math.min(size, start + settings.pageSize());
    for (long index = start; index < end; index++) {
      try {
        node.entries(index, 1);
      } catch (RegistryClientException single) {
        return single.status() == 0
            ? single
            : LogAuditException.atLeaf(index, "the node does not serve it: " + single.getMessage());
      }
    }
    return LogAuditException.atLeaf(
        start, "the node does not serve the page from here: " + failure.getMessage());
  }

  /** A leaf checked: its hash, or why it does not verify. */
  private record Verified(byte[] leafHash, LogAuditException failure) {}

  /** A page handed to the verifiers: its first index and its tasks' results, in log order. */
  private record Submitted(long start, int size, List<Future<Verified[]>> tasks) {}

  /** Hands the page's leaves to the verifier threads in small tasks. */
  private Submitted submit(ExecutorService verifiers, List<NodeLog.Entry> page, long start) {
    List<Future<Verified[]>> tasks = new ArrayList<>();
    for (int from = 0; from < page.size(); from += LEAVES_PER_TASK) {
      int first = from;
      int to = Math.min(page.size(), from + LEAVES_PER_TASK);
      tasks.add(
          verifiers.submit(
              () -> {
                Verified[] results = new Verified[to - first];
                for (int i = first; i < to; i++) {
                  try {
                    results[i - first] = new Verified(verifyLeaf(page.get(i), start + i), null);
                  } catch (LogAuditException e) {
                    results[i - first] = new Verified(null, e);
                  }
                }
                return results;
              }));
    }
    return new Submitted(start, page.size(), tasks);
  }

  private static Verified[] results(Future<Verified[]> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("The audit was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }

  /** Checks one leaf against the record it commits to; returns SHA-256(0x00 || leaf). */
  private byte[] verifyLeaf(NodeLog.Entry entry, long index) {
    if (entry.malformed().isPresent()) {
      throw LogAuditException.atLeaf(
          index, "the node's entry cannot be read: " + entry.malformed().get());
    }
    if (entry.leafIndex() != index) {
      throw LogAuditException.atLeaf(
          index,
          "the node served leaf "
              + entry.leafIndex()
              + " in its place (a leaf is missing or out of order)");
    }
    byte[] leaf = entry.leaf();
    if (leaf.length == 0
        || (leaf[0] != LogLeaf.WORK_REGISTRATION && leaf[0] != LogLeaf.ATTESTATION)) {
      throw LogAuditException.atLeaf(
          index,
          leaf.length == 0
              ? "the leaf is empty"
              : String.format("the leaf has type 0x%02x, which no AIRM record has", leaf[0]));
    }
    if (leaf.length != LogLeaf.WORK_REGISTRATION_LENGTH) {
      throw LogAuditException.atLeaf(
          index,
          "the leaf is " + leaf.length + " bytes long; a typed leaf is 98 (type, id, r s v)");
    }
    Bytes32 id = LogLeaf.id(leaf).orElseThrow();
    EthSignature leafSignature;
    try {
      leafSignature = EthSignature.parse("0x" + HexFormat.of().formatHex(leaf, 33, 98));
    } catch (RuntimeException e) {
      throw LogAuditException.atLeaf(index, "the leaf's signature is malformed: " + e.getMessage());
    }
    if (leaf[0] == LogLeaf.WORK_REGISTRATION) {
      verifyWork(entry, index, id, leafSignature);
    } else {
      verifyAttestation(index, id, leafSignature);
    }
    byte[] leafHash = Rfc6962.leafHash(leaf);
    if (!Arrays.equals(leafHash, entry.leafHash().bytes())) {
      throw LogAuditException.atLeaf(
          index,
          "the node gives its leaf hash as "
              + entry.leafHash()
              + ", but SHA-256(0x00 || leaf) is "
              + Bytes32.of(leafHash));
    }
    return leafHash;
  }

  private void verifyWork(NodeLog.Entry entry, long index, Bytes32 workId, EthSignature leafSig) {
    if (entry.work().isEmpty()) {
      throw LogAuditException.atLeaf(
          index, "work " + workId + ": the node serves no registration for it");
    }
    NodeLog.WorkRecord record = entry.work().get();
    Bytes32 digest = record.registration().digest(workRegistry);
    if (!digest.equals(workId)) {
      throw LogAuditException.atLeaf(
          index,
          "the EIP-712 digest of the node's registration is "
              + digest
              + ", but the leaf commits to work id "
              + workId
              + ": the record is not what the creator signed");
    }
    requireSameSignature(index, "work " + workId, leafSig, record.signature());
    requireSigner(
        index, "work " + workId, digest, leafSig, "creator", record.registration().creator());
  }

  private void verifyAttestation(long index, Bytes32 attestationId, EthSignature leafSig) {
    if (usageAttestations.isEmpty()) {
      throw LogAuditException.atLeaf(
          index,
          "attestation "
              + attestationId
              + ": the leaf is a usage attestation, but the node names no usageAttestations"
              + " contract in /v1/registry to check it against");
    }
    Optional<NodeLog.AttestationRecord> found;
    try {
      found = node.attestation(attestationId);
    } catch (RegistryClientException e) {
      if (e.status() == 0) {
        throw e;
      }
      throw LogAuditException.atLeaf(index, "attestation " + attestationId + ": " + e.getMessage());
    }
    if (found.isEmpty()) {
      throw LogAuditException.atLeaf(
          index, "attestation " + attestationId + ": the node serves no attestation with this id");
    }
    NodeLog.AttestationRecord record = found.get();
    Bytes32 digest = record.attestation().digest(usageAttestations.get());
    if (!digest.equals(attestationId)) {
      throw LogAuditException.atLeaf(
          index,
          "the EIP-712 digest of the node's attestation is "
              + digest
              + ", but the leaf commits to attestation id "
              + attestationId
              + ": the record is not what the attester signed");
    }
    requireSameSignature(index, "attestation " + attestationId, leafSig, record.signature());
    requireSigner(
        index,
        "attestation " + attestationId,
        digest,
        leafSig,
        "attester",
        record.attestation().attester());
  }

  private static void requireSameSignature(
      long index, String what, EthSignature leaf, EthSignature record) {
    if (!leaf.equals(record)) {
      throw LogAuditException.atLeaf(
          index,
          what
              + ": the leaf holds signature "
              + leaf.toHex()
              + ", but the node's record has "
              + record.toHex());
    }
  }

  private static void requireSigner(
      long index,
      String what,
      Bytes32 digest,
      EthSignature signature,
      String role,
      Address expected) {
    Address signer;
    try {
      signer = signature.recover(digest); // refuses a high-s signature (EIP-2)
    } catch (RuntimeException e) {
      throw LogAuditException.atLeaf(index, what + ": " + e.getMessage());
    }
    if (!signer.equals(expected)) {
      throw LogAuditException.atLeaf(
          index,
          what + ": the signature recovers " + signer + ", but the " + role + " is " + expected);
    }
  }

  /** The frontier of the replayed leaves, checked against each checkpoint as it is reached. */
  private final class Replay {
    final MerkleFrontier frontier = new MerkleFrontier();
    final List<Checkpoint> checkpoints;
    int checkpointsVerified;

    Replay(List<Checkpoint> checkpoints) {
      this.checkpoints = checkpoints;
    }

    /** Takes every page still in flight, in order. */
    void takeAll(Deque<Submitted> inFlight) {
      while (!inFlight.isEmpty()) {
        take(inFlight.poll());
      }
    }

    /**
     * Takes a checked page in log order: a leaf's own failure is thrown, else its hash goes into
     * the tree, which checks any checkpoint it completes.
     */
    void take(Submitted page) {
      for (Future<Verified[]> task : page.tasks()) {
        for (Verified leaf : results(task)) {
          if (leaf.failure() != null) {
            throw leaf.failure();
          }
          append(leaf.leafHash());
        }
      }
      progress.advanced(page.start() + page.size(), checkpointsVerified);
    }

    void append(byte[] leafHash) {
      frontier.append(leafHash);
      if (checkpointsVerified < checkpoints.size()
          && checkpoints.get(checkpointsVerified).treeSize() == frontier.size()) {
        verifyCheckpoint(checkpoints.get(checkpointsVerified));
        checkpointsVerified++;
      }
    }

    private void verifyCheckpoint(Checkpoint checkpoint) {
      byte[] root = frontier.root();
      if (!Arrays.equals(root, checkpoint.root().bytes())) {
        throw LogAuditException.atCheckpoint(
            checkpoint.treeSize(),
            "the root of leaves 0 to "
                + (checkpoint.treeSize() - 1)
                + " as the node serves them is "
                + Bytes32.of(root)
                + ", but the chain anchored "
                + checkpoint.root());
      }
      if (checkpointsVerified == 0) {
        return; // the first checkpoint extends the empty tree, which needs no proof
      }
      Checkpoint previous = checkpoints.get(checkpointsVerified - 1);
      try {
        MerkleVerifier.verifyConsistency(
            previous.treeSize(),
            checkpoint.treeSize(),
            previous.root().bytes(),
            checkpoint.root().bytes(),
            node.consistencyProof(previous.treeSize(), checkpoint.treeSize()));
      } catch (MerkleProofException e) {
        throw LogAuditException.atCheckpoint(
            checkpoint.treeSize(),
            "the node's consistency proof from tree size "
                + previous.treeSize()
                + " does not verify against the anchored roots: "
                + e.getMessage());
      } catch (RegistryClientException e) {
        if (e.status() == 0) {
          throw e;
        }
        throw LogAuditException.atCheckpoint(
            checkpoint.treeSize(),
            "the node gives no consistency proof from tree size "
                + previous.treeSize()
                + ": "
                + e.getMessage());
      }
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "airm-audit-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
