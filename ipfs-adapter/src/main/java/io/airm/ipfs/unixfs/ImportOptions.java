package io.airm.ipfs.unixfs;

/**
 * How a file is cut into blocks and named: the knobs of {@code ipfs add} that change the CID.
 *
 * <p>Kubo's defaults are fixed-size chunks of 256 KiB ({@code --chunker=size-262144}), a balanced
 * DAG of at most 174 links per node, dag-pb UnixFS leaves, and CIDv0. {@code --cid-version=1}
 * switches on raw leaves as well. Raw leaves are always named by a CIDv1 (a CIDv0 can only name
 * dag-pb), even when the interior nodes use CIDv0, which is what {@code ipfs add --raw-leaves}
 * does.
 *
 * @param chunkSize the size of every chunk but the last, from 1 byte to 1 MiB
 * @param maxLinks the most links an interior node holds, at least 2
 * @param cidVersion the CID version of dag-pb nodes, 0 or 1
 * @param rawLeaves whether leaves are raw blocks rather than dag-pb UnixFS nodes
 */
public record ImportOptions(int chunkSize, int maxLinks, int cidVersion, boolean rawLeaves) {

  /** Kubo's default chunk size: 256 KiB. */
  public static final int KUBO_CHUNK_SIZE = 262_144;

  /**
   * Kubo's default fan-out: 174 links, the number that keeps a node with 34-byte CIDs under 8 KiB
   * in the go-unixfs helpers ({@code DefaultLinksPerBlock}).
   */
  public static final int KUBO_MAX_LINKS = 174;

  /** Kubo refuses chunks above 1 MiB, since such blocks are not exchanged over Bitswap. */
  public static final int MAX_CHUNK_SIZE = 1 << 20;

  /** Validates every setting, naming the one that is out of range. */
  public ImportOptions {
    if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException(
          "The import option chunkSize must be from 1 to "
              + MAX_CHUNK_SIZE
              + " bytes, but got "
              + chunkSize
              + ".");
    }
    if (maxLinks < 2) {
      throw new IllegalArgumentException(
          "The import option maxLinks must be at least 2, but got " + maxLinks + ".");
    }
    if (cidVersion != 0 && cidVersion != 1) {
      throw new IllegalArgumentException(
          "The import option cidVersion must be 0 or 1, but got " + cidVersion + ".");
    }
  }

  /** What plain {@code ipfs add} does: CIDv0, dag-pb leaves. */
  public static ImportOptions kuboDefaultsV0() {
    return new ImportOptions(KUBO_CHUNK_SIZE, KUBO_MAX_LINKS, 0, false);
  }

  /** What {@code ipfs add --cid-version=1} does: CIDv1, raw leaves. */
  public static ImportOptions kuboCidV1() {
    return new ImportOptions(KUBO_CHUNK_SIZE, KUBO_MAX_LINKS, 1, true);
  }

  /** These options with another chunk size. */
  public ImportOptions withChunkSize(int chunkSize) {
    return new ImportOptions(chunkSize, maxLinks, cidVersion, rawLeaves);
  }

  /** These options with another fan-out. */
  public ImportOptions withMaxLinks(int maxLinks) {
    return new ImportOptions(chunkSize, maxLinks, cidVersion, rawLeaves);
  }

  /** These options with another CID version for dag-pb nodes. */
  public ImportOptions withCidVersion(int cidVersion) {
    return new ImportOptions(chunkSize, maxLinks, cidVersion, rawLeaves);
  }

  /** These options with raw leaves switched on or off. */
  public ImportOptions withRawLeaves(boolean rawLeaves) {
    return new ImportOptions(chunkSize, maxLinks, cidVersion, rawLeaves);
  }
}
