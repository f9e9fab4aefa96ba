package io.airm.ipfs.kubo;

import io.airm.ipfs.unixfs.ImportOptions;

/**
 * The {@code add} parameters that change the CID, plus whether the node pins the result.
 *
 * <p>The chunker is always fixed-size ({@code size-<chunkSize>}) and the layout balanced, which is
 * what {@link io.airm.ipfs.unixfs.UnixFsImporter} reproduces, so {@link #toImportOptions()} gives
 * the local options under which the node's CID can be recomputed.
 *
 * @param cidVersion 0 or 1
 * @param rawLeaves whether leaves are raw blocks
 * @param chunkSize the fixed chunk size, from 1 byte to 1 MiB
 * @param pin whether the node pins the added file
 */
public record AddOptions(int cidVersion, boolean rawLeaves, int chunkSize, boolean pin) {

  /** Validates the settings through the equivalent {@link ImportOptions}. */
  public AddOptions {
    new ImportOptions(chunkSize, ImportOptions.KUBO_MAX_LINKS, cidVersion, rawLeaves);
  }

  /** Plain {@code ipfs add}: CIDv0, dag-pb leaves, 256 KiB chunks, pinned. */
  public static AddOptions kuboDefaults() {
    return new AddOptions(0, false, ImportOptions.KUBO_CHUNK_SIZE, true);
  }

  /** {@code ipfs add --cid-version=1}: CIDv1, raw leaves, 256 KiB chunks, pinned. */
  public static AddOptions cidV1() {
    return new AddOptions(1, true, ImportOptions.KUBO_CHUNK_SIZE, true);
  }

  /** These options with pinning switched on or off. */
  public AddOptions withPin(boolean pin) {
    return new AddOptions(cidVersion, rawLeaves, chunkSize, pin);
  }

  /** The local import options that yield the same CID as the node. */
  public ImportOptions toImportOptions() {
    return new ImportOptions(chunkSize, ImportOptions.KUBO_MAX_LINKS, cidVersion, rawLeaves);
  }
}
