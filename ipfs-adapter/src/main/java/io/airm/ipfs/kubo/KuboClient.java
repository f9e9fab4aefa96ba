package io.airm.ipfs.kubo;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.cid.Cid;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * The calls AIRM makes to an IPFS node over Kubo's RPC API.
 *
 * <p>Nothing the node returns is trusted: blocks are checked against the CIDs they were asked for,
 * and CIDs the node computes are checked against CIDs computed locally where the adapter can.
 * Failures are unchecked: {@link KuboException} and its subclasses for the transport and the node's
 * errors, {@link io.airm.ipfs.block.CorruptBlockException} for bytes that do not match their CID,
 * {@link io.airm.ipfs.block.BlockNotFoundException} for a block the node does not have.
 */
public interface KuboClient {

  /**
   * Adds the file read from {@code content} (read once, to its end, not closed) and returns its
   * root CID after checking it against the CID computed locally from the same bytes.
   *
   * @throws KuboCidMismatchException if the node names the file by another CID
   */
  Cid add(InputStream content, AddOptions options);

  /**
   * Opens the UnixFS file {@code root} for reading. Its blocks are fetched one by one and each is
   * checked against its CID before any of its bytes are returned, so every byte read has been
   * verified; failures surface from {@code read} as unchecked exceptions.
   */
  InputStream cat(Cid root);

  /**
   * The block {@code cid}, checked against its CID.
   *
   * @throws io.airm.ipfs.block.BlockNotFoundException if the node reports it does not have it
   * @throws io.airm.ipfs.block.CorruptBlockException if the bytes returned do not hash to the CID
   */
  Block blockGet(Cid cid);

  /**
   * Stores {@code block} on the node and checks that the node names it by the block's CID.
   *
   * @throws KuboCidMismatchException if the node computed another CID
   */
  void blockPut(Block block);

  /** Imports a CAR file (read once, not closed), pinning its roots; returns the roots. */
  List<Cid> dagImport(InputStream car);

  /** Pins {@code cid} and everything it links to. */
  void pinAdd(Cid cid);

  /** The CIDs pinned recursively. */
  Set<Cid> pinLs();

  /** Removes the recursive pin on {@code cid}. */
  void pinRm(Cid cid);

  /** The node's version string, for example {@code 0.29.0}. */
  String version();
}
