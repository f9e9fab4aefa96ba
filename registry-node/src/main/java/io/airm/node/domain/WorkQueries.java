package io.airm.node.domain;

import io.airm.chain.eth.Bytes32;
import java.util.Optional;

/** Answers questions about registered works. */
public final class WorkQueries {
  private final WorkStore works;
  private final TransparencyLog log;
  private final AnchorStore anchors;

  public WorkQueries(WorkStore works, TransparencyLog log, AnchorStore anchors) {
    this.works = works;
    this.log = log;
    this.anchors = anchors;
  }

  /**
   * The work with this id, its state and, once anchored, an inclusion proof against the newest
   * final checkpoint covering it (or, before any is final, the newest mined one).
   */
  public WorkView get(Bytes32 workId) {
    Work work =
        works
            .find(workId)
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorKind.NOT_FOUND, "No work with id " + workId + " is registered"));
    Optional<Anchor> finalAnchor = anchors.newestCovering(work.logIndex(), true);
    Optional<Anchor> anchor =
        finalAnchor.isPresent() ? finalAnchor : anchors.newestCovering(work.logIndex(), false);
    WorkState state =
        finalAnchor.isPresent()
            ? WorkState.FINAL
            : anchor.isPresent() ? WorkState.ANCHORED : WorkState.PENDING;
    Optional<InclusionProof> proof =
        anchor.map(
            a ->
                new InclusionProof(
                    work.logIndex(),
                    a.treeSize(),
                    log.leafHash(work.logIndex()),
                    log.inclusionProof(work.logIndex(), a.treeSize()),
                    a.root()));
    return new WorkView(work, state, anchor, proof);
  }
}
