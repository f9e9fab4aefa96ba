package io.airm.ipfs.kubo;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.block.BlockSource;
import io.airm.ipfs.cid.Cid;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link BlockSource} backed by a node's {@code block/get}: blocks are verified by the client.
 *
 * <p>A node that is online may search the network for a missing block until the client's call
 * timeout, which then surfaces as a {@link KuboTimeoutException} rather than an empty result.
 */
public final class KuboBlockSource implements BlockSource {

  private final KuboClient client;

  /** Creates a source that reads blocks through {@code client}. */
  public KuboBlockSource(KuboClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public Optional<Block> find(Cid cid) {
    try {
      return Optional.of(client.blockGet(cid));
    } catch (BlockNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "Kubo node " + client;
  }
}
