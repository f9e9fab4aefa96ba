package io.airm.node.client;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.MerkleProofException;
import io.airm.chain.merkle.MerkleVerifier;
import io.airm.chain.merkle.Rfc6962;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.node.domain.LogLeaf;
import java.util.Optional;

/** The client's checks of a work record: its id, signature and inclusion proof, and the chain. */
final class Proofs {
  private Proofs() {}

  static void verifyWork(WorkRecord work, Eip712Domain domain) {
    Bytes32 digest = work.registration().digest(domain);
    if (!digest.equals(work.workId())) {
      throw new VerificationException(
          "Work "
              + work.workId()
              + ": the EIP-712 digest of its registration under "
              + domain.name()
              + " on chain "
              + domain.chainId()
              + " is "
              + digest
              + ", not the work id");
    }
    Address signer;
    try {
      signer = work.signature().recover(digest);
    } catch (RuntimeException e) {
      throw new VerificationException(
          "Work " + work.workId() + ": no signer recovers from its signature", e);
    }
    if (!signer.equals(work.registration().creator())) {
      throw new VerificationException(
          "Work "
              + work.workId()
              + ": its signature recovers "
              + signer
              + ", but the creator is "
              + work.registration().creator());
    }
    WorkRecord.Checkpoint checkpoint = checkpoint(work);
    WorkRecord.InclusionProof proof =
        work.inclusionProof()
            .orElseThrow(
                () ->
                    new VerificationException(
                        "Work " + work.workId() + " has no inclusion proof yet"));
    Bytes32 leafHash =
        Bytes32.of(Rfc6962.leafHash(LogLeaf.workRegistration(work.workId(), work.signature())));
    if (!leafHash.equals(proof.leafHash())) {
      throw new VerificationException(
          "Work "
              + work.workId()
              + ": its log leaf hashes to "
              + leafHash
              + ", the node's proof is for "
              + proof.leafHash());
    }
    if (proof.leafIndex() != work.logIndex() || proof.treeSize() != checkpoint.treeSize()) {
      throw new VerificationException(
          "Work "
              + work.workId()
              + ": the proof is for leaf "
              + proof.leafIndex()
              + " of "
              + proof.treeSize()
              + ", the work is leaf "
              + work.logIndex()
              + " under a checkpoint of "
              + checkpoint.treeSize());
    }
    try {
      MerkleVerifier.verifyInclusion(
          leafHash.bytes(),
          proof.leafIndex(),
          proof.treeSize(),
          proof.hashes().stream().map(Bytes32::bytes).toList(),
          checkpoint.root().bytes());
    } catch (MerkleProofException e) {
      throw new VerificationException("Work " + work.workId() + ": " + e.getMessage(), e);
    }
  }

  static void verifyRootOnChain(WorkRecord work, ChainClient chain, Address registry) {
    WorkRecord.Checkpoint checkpoint = checkpoint(work);
    Optional<Bytes32> onChain =
        new WorkRegistryContract(chain, registry).rootAt(checkpoint.treeSize());
    if (onChain.isEmpty()) {
      throw new VerificationException(
          "WorkRegistry "
              + registry
              + " holds no checkpoint of tree size "
              + checkpoint.treeSize()
              + " (work "
              + work.workId()
              + ")");
    }
    if (!onChain.get().equals(checkpoint.root())) {
      throw new VerificationException(
          "WorkRegistry "
              + registry
              + " holds root "
              + onChain.get()
              + " for tree size "
              + checkpoint.treeSize()
              + ", the node's checkpoint says "
              + checkpoint.root());
    }
  }

  private static WorkRecord.Checkpoint checkpoint(WorkRecord work) {
    return work.checkpoint()
        .orElseThrow(
            () ->
                new VerificationException(
                    "Work "
                        + work.workId()
                        + " is "
                        + work.state().apiName()
                        + ": no checkpoint covers it yet"));
  }
}
