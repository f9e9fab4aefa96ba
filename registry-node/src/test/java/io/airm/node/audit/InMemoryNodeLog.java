package io.airm.node.audit;

import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.InMemorySubtreeHashes;
import io.airm.chain.merkle.MerkleTree;
import io.airm.chain.merkle.Rfc6962;
import io.airm.node.client.RegistryClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;

/**
 * A node's log in memory, honest until a test changes one thing: an entry, the head, the proofs, or
 * the leaves it fails to serve.
 */
final class InMemoryNodeLog implements NodeLog {
  final List<Entry> entries = new ArrayList<>();
  final Map<Bytes32, AttestationRecord> attestations = new HashMap<>();
  Optional<Head> head = Optional.empty();
  BiFunction<Long, Long, List<byte[]>> consistency = this::honestConsistency;
  LongPredicate unservable = index -> false;
  int entryRequests;

  /** Appends an honest entry for {@code leaf} with its record. */
  void append(byte[] leaf, Optional<WorkRecord> work) {
    entries.add(
        new Entry(
            entries.size(), leaf, Bytes32.of(Rfc6962.leafHash(leaf)), work, Optional.empty()));
  }

  /** The root of the first {@code size} entries' leaves as the honest node holds them. */
  Bytes32 root(long size) {
    return Bytes32.of(Rfc6962.rootOf(leafHashes().subList(0, (int) size)));
  }

  private List<byte[]> leafHashes() {
    return entries.stream().map(e -> Rfc6962.leafHash(e.leaf())).toList();
  }

  private List<byte[]> honestConsistency(long first, long second) {
    return MerkleTree.consistencyProof(first, second, InMemorySubtreeHashes.of(leafHashes()));
  }

  @Override
  public Head head() {
    return head.orElseGet(() -> new Head(entries.size(), root(entries.size())));
  }

  @Override
  public List<Entry> entries(long start, int count) {
    entryRequests++;
    long end = Math.min(entries.size(), start + count);
    for (long index = start; index < end; index++) {
      if (unservable.test(index)) {
        throw new RegistryClientException(500, "The log is damaged at " + index);
      }
    }
    return List.copyOf(entries.subList((int) start, (int) end));
  }

  @Override
  public List<byte[]> consistencyProof(long first, long second) {
    return consistency.apply(first, second);
  }

  @Override
  public Optional<AttestationRecord> attestation(Bytes32 attestationId) {
    return Optional.ofNullable(attestations.get(attestationId));
  }
}
