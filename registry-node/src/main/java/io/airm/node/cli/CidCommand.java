package io.airm.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.api.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code airm cid FILE}: the CIDs Kubo would give a file, and its SHA-256. */
@Command(
    name = "cid",
    description =
        "Prints the CIDs of FILE as Kubo's 'ipfs add' names it with default options (cidV0) and"
            + " with --cid-version=1 (cidV1), and its SHA-256, in one streamed pass.")
final class CidCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The file")
  Path file;

  @Override
  public Integer call() throws IOException {
    ContentIdentity identity;
    try (InputStream in = Files.newInputStream(file)) {
      identity = UnixFsImporter.identify(in);
    }
    ObjectNode out = WireFormat.JSON.createObjectNode();
    out.put("cidV0", identity.cidV0().toString());
    out.put("cidV1", identity.cidV1().toString());
    out.put("sha256", "0x" + identity.sha256Hex());
    out.put("size", identity.size());
    System.out.println(out.toPrettyString());
    return 0;
  }
}
