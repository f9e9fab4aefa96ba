package io.airm.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.Rfc6962;
import io.airm.chain.registry.Checkpoint;
import io.airm.node.client.RegistryClientException;
import io.airm.node.client.WorkSigner;
import io.airm.node.domain.LogLeaf;
import io.airm.node.testing.SignedWorks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log audit on an honest in-memory node, and each way a node can disagree with its signatures
 * or the chain, built by changing one thing of the honest log.
 */
class LogAuditorTest {
  static final Eip712Domain DOMAIN =
      Eip712Domain.workRegistry(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
  private static final WorkSigner CREATOR =
      new WorkSigner("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final WorkSigner OTHER =
      new WorkSigner("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  private static final int SIZE = 40;

  /** The works of the honest log, signed once for all tests. */
  private static final List<WorkSigner.Signed> works = new ArrayList<>();

  private InMemoryNodeLog node;

  @BeforeAll
  static void signWorks() {
    for (int n = 0; n < SIZE; n++) {
      List<Bytes32> parents = n % 7 == 6 ? List.of(works.get(n - 1).workId()) : List.of();
      works.add(SignedWorks.signed(CREATOR, DOMAIN, n, parents));
    }
  }

  @BeforeEach
  void honestLog() {
    node = new InMemoryNodeLog();
    for (WorkSigner.Signed signed : works) {
      node.append(
          LogLeaf.workRegistration(signed.workId(), signed.signature()),
          Optional.of(new NodeLog.WorkRecord(signed.registration(), signed.signature())));
    }
  }

  /** The checkpoints an honest anchorer put on chain: 5, 16, 17 and 33 leaves. */
  private List<Checkpoint> checkpoints() {
    return List.of(checkpoint(5), checkpoint(16), checkpoint(17), checkpoint(33));
  }

  private Checkpoint checkpoint(long size) {
    return new Checkpoint(size, node.root(size));
  }

  private LogAuditor auditor(int threads, int pageSize) {
    return new LogAuditor(
        node,
        DOMAIN,
        Optional.empty(),
        new LogAuditor.Settings(threads, pageSize),
        LogAuditor.Progress.NONE);
  }

  private LogAuditor.Result audit() {
    return auditor(3, 7).audit(checkpoints());
  }

  private static LogAuditException failure(ThrowingCallable audit) {
    Throwable thrown = catchThrowable(audit);
    assertThat(thrown).isInstanceOf(LogAuditException.class);
    return (LogAuditException) thrown;
  }

  /** Replaces entry {@code index} with the record of {@code registration}, signed as given. */
  private void replaceRecord(int index, WorkRegistration registration, EthSignature signature) {
    NodeLog.Entry entry = node.entries.get(index);
    node.entries.set(
        index,
        new NodeLog.Entry(
            index,
            entry.leaf(),
            entry.leafHash(),
            Optional.of(new NodeLog.WorkRecord(registration, signature)),
            Optional.empty()));
  }

  /** Replaces leaf {@code index} and its record consistently, as a node that logs it would. */
  private void replaceLeaf(int index, WorkRegistration registration, EthSignature signature) {
    byte[] leaf = LogLeaf.workRegistration(registration.digest(DOMAIN), signature);
    node.entries.set(
        index,
        new NodeLog.Entry(
            index,
            leaf,
            Bytes32.of(Rfc6962.leafHash(leaf)),
            Optional.of(new NodeLog.WorkRecord(registration, signature)),
            Optional.empty()));
  }

  @Test
  void anHonestLog_verifies_everyLeafAndCheckpoint() {
    LogAuditor.Result result = audit();

    assertThat(result.leaves()).isEqualTo(SIZE);
    assertThat(result.checkpoints()).isEqualTo(4);
    assertThat(result.root()).isEqualTo(node.root(SIZE));
  }

  @Test
  void anHonestLog_verifies_withOneThread_onePage_orOneLeafPerPage() {
    assertThat(auditor(1, 1000).audit(checkpoints()).leaves()).isEqualTo(SIZE);
    assertThat(auditor(4, 1).audit(checkpoints()).leaves()).isEqualTo(SIZE);
    assertThat(node.entryRequests).isEqualTo(1 + SIZE);
  }

  @Test
  void anEmptyLog_withNoCheckpoint_verifies() {
    node.entries.clear();

    assertThat(auditor(2, 10).audit(List.of()).leaves()).isZero();
  }

  @Test
  void progress_hearsEveryPage_andEveryCheckpoint() {
    List<String> calls = new ArrayList<>();
    LogAuditor.Progress progress =
        new LogAuditor.Progress() {
          @Override
          public void started(long total, int checkpoints) {
            calls.add("started " + total + " " + checkpoints);
          }

          @Override
          public void advanced(long done, int checkpoints) {
            calls.add(done + " " + checkpoints);
          }
        };
    new LogAuditor(node, DOMAIN, Optional.empty(), new LogAuditor.Settings(2, 16), progress)
        .audit(checkpoints());

    assertThat(calls).containsExactly("started 40 4", "16 2", "32 3", "40 4");
  }

  @Test
  void aChangedRegistration_isNamedByItsLeaf() {
    WorkRegistration signed = works.get(12).registration();
    WorkRegistration changed =
        new WorkRegistration(
            signed.creator(),
            signed.contentHash(),
            signed.cid(),
            signed.metadataHash(),
            "CC0-1.0 (changed)",
            signed.aiTraining(),
            signed.parents(),
            signed.nonce(),
            signed.deadline());
    replaceRecord(12, changed, works.get(12).signature());

    LogAuditException e = failure(this::audit);

    assertThat(e.leafIndex()).hasValue(12);
    assertThat(e.getMessage())
        .startsWith(
            "leaf 12: the EIP-712 digest of the node's registration is " + changed.digest(DOMAIN))
        .contains("the leaf commits to work id " + works.get(12).workId());
  }

  @Test
  void aRecordWhoseSignatureIsNotTheLeafs_isNamedByItsLeaf() {
    replaceRecord(3, works.get(3).registration(), works.get(4).signature());

    LogAuditException e = failure(this::audit);

    assertThat(e.leafIndex()).hasValue(3);
    assertThat(e.getMessage())
        .contains("the leaf holds signature " + works.get(3).signature().toHex())
        .contains("the node's record has " + works.get(4).signature().toHex());
  }

  @Test
  void aLeafSignedByAnotherKey_isNamedWithTheSignerAndTheCreator() {
    WorkRegistration registration = works.get(20).registration();
    EthSignature forged = OTHER.sign(registration, DOMAIN).signature();
    replaceLeaf(20, registration, forged);

    LogAuditException e = failure(this::audit);

    assertThat(e.leafIndex()).hasValue(20);
    assertThat(e.getMessage())
        .contains("the signature recovers " + OTHER.address())
        .contains("the creator is " + CREATOR.address());
  }

  @Test
  void aHighSSignature_isRefused_evenThoughItRecoversTheCreator() {
    EthSignature low = works.get(7).signature();
    EthSignature high =
        new EthSignature(
            low.r(), EthSignature.CURVE_ORDER.subtract(low.s()), low.v() == 27 ? 28 : 27);
    assertThat(high.isLowS()).isFalse();
    replaceLeaf(7, works.get(7).registration(), high);

    LogAuditException e = failure(this::audit);

    assertThat(e.leafIndex()).hasValue(7);
    assertThat(e.getMessage()).contains("upper half of the curve order (EIP-2)");
  }

  @Test
  void aLeafWithoutItsRecord_isNamedByItsLeaf() {
    NodeLog.Entry entry = node.entries.get(30);
    node.entries.set(
        30,
        new NodeLog.Entry(30, entry.leaf(), entry.leafHash(), Optional.empty(), Optional.empty()));

    LogAuditException e = failure(this::audit);

    assertThat(e.leafIndex()).hasValue(30);
    assertThat(e.getMessage())
        .isEqualTo(
            "leaf 30: work " + works.get(30).workId() + ": the node serves no registration for it");
  }

  @Test
  void aLeafMissingFromThePages_isNamedByItsIndex() {
    NodeLog.Head head = node.head();
    node.entries.remove(4);
    node.head = Optional.of(head);

    LogAuditException e = failure(this::audit);

    assertThat(e.leafIndex()).hasValue(4);
    assertThat(e.getMessage())
        .isEqualTo(
            "leaf 4: the node served leaf 5 in its place (a leaf is missing or out of order)");
  }

  @Test
  void aLeafTheNodeFailsToServe_isNamedByItsIndex() {
    node.unservable = index -> index == 23;

    LogAuditException e = failure(this::audit);

    assertThat(e.leafIndex()).hasValue(23);
    assertThat(e.getMessage())
        .isEqualTo("leaf 23: the node does not serve it: The log is damaged at 23");
  }

  @Test
  void aBadLeaf_isReportedBeforeALaterPageTheNodeFailsToServe() {
    replaceRecord(9, works.get(9).registration(), works.get(10).signature());
    node.unservable = index -> index >= 14;

    assertThat(failure(() -> auditor(2, 7).audit(checkpoints())).leafIndex()).hasValue(9);
  }

  @Test
  void anUnreachableNode_isNotADisagreement_butAnError() {
    node.unservable =
        index -> {
          throw new RegistryClientException("Cannot reach the node", new java.io.IOException());
        };

    assertThatThrownBy(this::audit)
        .isInstanceOf(RegistryClientException.class)
        .hasMessageContaining("Cannot reach");
  }

  @Test
  void aWrongLeafHash_isNamedWithBothHashes() {
    NodeLog.Entry entry = node.entries.get(9);
    node.entries.set(
        9, new NodeLog.Entry(9, entry.leaf(), Bytes32.ZERO, entry.work(), Optional.empty()));

    LogAuditException e = failure(this::audit);

    assertThat(e.leafIndex()).hasValue(9);
    assertThat(e.getMessage())
        .contains("gives its leaf hash as " + Bytes32.ZERO)
        .contains("SHA-256(0x00 || leaf) is " + entry.leafHash());
  }

  @Test
  void aLeafOfUnknownType_isNamed() {
    byte[] leaf = node.entries.get(2).leaf();
    leaf[0] = 0x03;
    node.entries.set(
        2,
        new NodeLog.Entry(
            2, leaf, Bytes32.of(Rfc6962.leafHash(leaf)), Optional.empty(), Optional.empty()));

    assertThat(failure(this::audit).getMessage())
        .isEqualTo("leaf 2: the leaf has type 0x03, which no AIRM record has");
  }

  @Test
  void aMalformedEntry_isNamedByItsPosition() {
    node.entries.set(11, NodeLog.Entry.malformed(11, "registration.creator is required"));

    LogAuditException e = failure(this::audit);

    assertThat(e.getMessage())
        .isEqualTo("leaf 11: the node's entry cannot be read: registration.creator is required");
  }

  @Test
  void anAttestationLeaf_withoutAnAttestationsContract_isNamed() {
    byte[] leaf = node.entries.get(35).leaf();
    leaf[0] = LogLeaf.ATTESTATION;
    node.entries.set(
        35,
        new NodeLog.Entry(
            35, leaf, Bytes32.of(Rfc6962.leafHash(leaf)), Optional.empty(), Optional.empty()));

    LogAuditException e = failure(() -> auditor(2, 10).audit(List.of()));

    assertThat(e.leafIndex()).hasValue(35);
    assertThat(e.getMessage()).contains("the node names no usageAttestations contract");
  }

  @Test
  void aCheckpointWhoseRootDiffers_isNamedByItsTreeSize_withBothRoots() {
    Bytes32 other = Bytes32.of(Rfc6962.leafHash(new byte[] {1}));
    List<Checkpoint> checkpoints =
        List.of(checkpoint(5), new Checkpoint(16, other), checkpoint(33));

    LogAuditException e = failure(() -> auditor(2, 7).audit(checkpoints));

    assertThat(e.treeSize()).hasValue(16);
    assertThat(e.getMessage())
        .isEqualTo(
            "checkpoint at tree size 16: the root of leaves 0 to 15 as the node serves them is "
                + node.root(16)
                + ", but the chain anchored "
                + other);
  }

  @Test
  void aLeafReplacedByAnotherSignedWork_failsAtTheFirstCheckpointCoveringIt() {
    // every leaf verifies on its own, but the log is not the one that was anchored
    List<Checkpoint> anchored = checkpoints();
    node.entries.set(10, entryOf(SignedWorks.signed(CREATOR, DOMAIN, 1000, List.of()), 10));

    LogAuditException e = failure(() -> auditor(2, 7).audit(anchored));

    assertThat(e.treeSize()).hasValue(16);
    assertThat(e.leafIndex()).isEmpty();
  }

  private static NodeLog.Entry entryOf(WorkSigner.Signed signed, long index) {
    byte[] leaf = LogLeaf.workRegistration(signed.workId(), signed.signature());
    return new NodeLog.Entry(
        index,
        leaf,
        Bytes32.of(Rfc6962.leafHash(leaf)),
        Optional.of(new NodeLog.WorkRecord(signed.registration(), signed.signature())),
        Optional.empty());
  }

  @Test
  void disagreements_areReportedInLogOrder_evenWithinOnePageCheckedInParallel() {
    List<Checkpoint> wrongAt5 = List.of(new Checkpoint(5, Bytes32.parse("0x" + "11".repeat(32))));
    NodeLog.Entry honest3 = node.entries.get(3);

    replaceRecord(3, works.get(3).registration(), works.get(4).signature());
    assertThat(failure(() -> auditor(4, 40).audit(wrongAt5)).leafIndex()).hasValue(3);

    node.entries.set(3, honest3);
    replaceRecord(12, works.get(3).registration(), works.get(3).signature());
    assertThat(failure(() -> auditor(4, 40).audit(wrongAt5)).treeSize()).hasValue(5);
  }

  @Test
  void aCheckpointBeyondTheNodesLog_isNamed() {
    List<Checkpoint> checkpoints = List.of(checkpoint(5), new Checkpoint(41, node.root(40)));

    LogAuditException e = failure(() -> auditor(2, 7).audit(checkpoints));

    assertThat(e.treeSize()).hasValue(41);
    assertThat(e.getMessage()).contains("the node's log has only 40 leaves");
  }

  @Test
  void checkpointsThatDoNotGrow_areRefused() {
    List<Checkpoint> checkpoints = List.of(checkpoint(16), checkpoint(5));

    assertThat(failure(() -> auditor(2, 7).audit(checkpoints)).treeSize()).hasValue(5);
  }

  @Test
  void aConsistencyProofThatDoesNotVerify_isNamedByTheCheckpoint() {
    InMemoryNodeLog honest = new InMemoryNodeLog();
    node.entries.forEach(en -> honest.entries.add(en));
    node.consistency =
        (first, second) -> {
          List<byte[]> proof = new ArrayList<>(honest.consistencyProof(first, second));
          if (second == 33) {
            proof.set(0, new byte[32]);
          }
          return proof;
        };

    LogAuditException e = failure(this::audit);

    assertThat(e.treeSize()).hasValue(33);
    assertThat(e.getMessage())
        .startsWith(
            "checkpoint at tree size 33: the node's consistency proof from tree size 17 does not"
                + " verify");
  }

  @Test
  void aConsistencyProofTheNodeRefuses_isNamedByTheCheckpoint() {
    node.consistency =
        (first, second) -> {
          throw new RegistryClientException(404, "no tree of size " + second);
        };

    LogAuditException e = failure(this::audit);

    assertThat(e.treeSize()).hasValue(16);
    assertThat(e.getMessage()).contains("gives no consistency proof from tree size 5");
  }

  @Test
  void aHeadRootThatIsNotTheLeaves_isNamed() {
    node.head = Optional.of(new NodeLog.Head(SIZE, node.root(SIZE - 1)));

    LogAuditException e = failure(this::audit);

    assertThat(e.leafIndex()).isEmpty();
    assertThat(e.getMessage())
        .isEqualTo(
            "the node's head says the root of its 40 leaves is "
                + node.root(SIZE - 1)
                + ", but the leaves it serves give "
                + node.root(SIZE));
  }
}
