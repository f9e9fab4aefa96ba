package io.airm.ipfs.unixfs;

import io.airm.ipfs.cid.Cid;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What importing one file produced.
 *
 * @param root the CID of the file, as {@code ipfs add} prints it
 * @param fileSize the number of content bytes read
 * @param sha256Hex the SHA-256 of the content bytes, lower-case hex
 * @param blockCount the number of blocks handed to the sink
 * @param dagSize the cumulative size of the DAG (the root's encoded length plus every link's
 *     Tsize), as {@code ipfs files stat} reports it
 */
public record ImportResult(
    Cid root, long fileSize, String sha256Hex, long blockCount, long dagSize) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Validates that sizes are sane and the digest is 64 lower-case hex digits. */
  public ImportResult {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(sha256Hex, "sha256Hex");
    if (!SHA256_HEX.matcher(sha256Hex).matches()) {
      throw new IllegalArgumentException(
          "The sha256Hex of an import result must be 64 lower-case hex digits, but got '"
              + sha256Hex
              + "'.");
    }
    if (fileSize < 0 || blockCount < 1 || dagSize < fileSize) {
      throw new IllegalArgumentException(
          "The import result of "
              + root
              + " has impossible sizes: fileSize "
              + fileSize
              + ", blockCount "
              + blockCount
              + ", dagSize "
              + dagSize
              + ".");
    }
  }
}
