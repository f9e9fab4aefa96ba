package io.airm.node.domain;

import java.util.Optional;

/**
 * A work as the API shows it: the record, its state, the checkpoint that anchors it and the proof
 * that the work's leaf is in that checkpoint.
 */
public record WorkView(
    Work work, WorkState state, Optional<Anchor> anchor, Optional<InclusionProof> proof) {}
