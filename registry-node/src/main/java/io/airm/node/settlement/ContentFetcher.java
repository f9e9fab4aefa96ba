package io.airm.node.settlement;

import io.airm.chain.eth.Bytes32;

/** Where a work's content comes from when its valuation input is built: the node's store, IPFS. */
@FunctionalInterface
public interface ContentFetcher {
  /**
   * The content named by {@code cid}, which must hash to {@code sha256}.
   *
   * @param cid the CID the registration signs
   * @param sha256 the content hash the registration signs; an implementation checks the bytes
   *     against it (and {@link ValuationInputs#build} checks again)
   * @throws RuntimeException if the content cannot be fetched or does not match
   */
  byte[] fetch(String cid, Bytes32 sha256);
}
