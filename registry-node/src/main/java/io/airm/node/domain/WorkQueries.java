package io.airm.node.domain;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
    return view(
        works
            .find(workId)
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorKind.NOT_FOUND, "No work with id " + workId + " is registered")));
  }

  /** The largest page {@link #byCreator} returns. */
  public static final int MAX_PAGE = 100;

  /**
   * A page of a creator's works, newest first.
   *
   * @param works the works, each as {@link #get} shows it
   * @param nextBefore the {@code before} that continues after this page, if more may follow
   */
  public record CreatorPage(List<WorkView> works, OptionalLong nextBefore) {
    public CreatorPage {
      works = List.copyOf(works);
    }
  }

  /**
   * The creator's works at log indices below {@code beforeLogIndex}, newest (highest log index)
   * first, at most {@code limit} (1 to {@link #MAX_PAGE}).
   */
  public CreatorPage byCreator(Address creator, long beforeLogIndex, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST, "limit must be between 1 and " + MAX_PAGE + ", not " + limit);
    }
    if (beforeLogIndex < 0) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "before must be a log index, 0 or more, not " + beforeLogIndex);
    }
    // one more than asked says whether another page follows
    List<Work> found = works.findByCreator(creator, beforeLogIndex, limit + 1);
    List<WorkView> page = found.stream().limit(limit).map(this::view).toList();
    OptionalLong next =
        found.size() > limit
            ? OptionalLong.of(page.get(page.size() - 1).work().logIndex())
            : OptionalLong.empty();
    return new CreatorPage(page, next);
  }

  private WorkView view(Work work) {
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
