package io.airm.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.ImportResult;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.api.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code airm cid FILE}: the CIDs Kubo would give a file, and its SHA-256. */
@Command(
    name = "cid",
    description = {
      "Without options, prints the CID of FILE as Kubo's plain 'ipfs add' names it (cidV0), as"
          + " 'ipfs add --cid-version=1' names it (cidV1, raw leaves), its SHA-256 and its size in"
          + " bytes, in one streamed pass.",
      "With any of --cid-version, --raw-leaves or --chunker, prints the one CID 'ipfs add' with"
          + " those flags gives (a CIDv1 in base32), with the SHA-256, the size in bytes and the"
          + " options used."
    })
final class CidCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The file")
  Path file;

  @Option(
      names = "--cid-version",
      paramLabel = "0|1",
      converter = CidVersionConverter.class,
      description = "CID version, as in 'ipfs add'; 1 implies --raw-leaves unless it is given.")
  Integer cidVersion;

  @Option(
      names = "--raw-leaves",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      converter = StrictBooleanConverter.class,
      description = "Leaves as raw blocks rather than dag-pb UnixFS nodes, as in 'ipfs add'.")
  Boolean rawLeaves;

  @Option(
      names = "--chunker",
      paramLabel = "size-N",
      converter = ChunkerConverter.class,
      description =
          "Fixed-size chunks of N bytes (1 to 1048576), as 'ipfs add --chunker=size-N'; Kubo's"
              + " default is size-262144. Content-defined chunkers (rabin, buzhash) are not"
              + " supported.")
  Integer chunkSize;

  @Override
  public Integer call() throws IOException {
    return cidVersion == null && rawLeaves == null && chunkSize == null
        ? printIdentity()
        : printWithOptions();
  }

  private int printIdentity() throws IOException {
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

  private int printWithOptions() throws IOException {
    ImportOptions options = options();
    ImportResult result;
    try (InputStream in = Files.newInputStream(file)) {
      result = UnixFsImporter.importFile(in, options);
    }
    ObjectNode out = WireFormat.JSON.createObjectNode();
    out.put("cid", result.root().toString());
    out.put("size", result.fileSize());
    out.put("sha256", "0x" + result.sha256Hex());
    ObjectNode used = out.putObject("options");
    used.put("cidVersion", options.cidVersion());
    used.put("rawLeaves", options.rawLeaves());
    used.put("chunker", "size-" + options.chunkSize());
    System.out.println(out.toPrettyString());
    return 0;
  }

  /** Kubo's rule: CIDv1 switches raw leaves on unless {@code --raw-leaves} says otherwise. */
  ImportOptions options() {
    int version = cidVersion == null ? 0 : cidVersion;
    boolean raw = rawLeaves != null ? rawLeaves : version == 1;
    return ImportOptions.kuboDefaultsV0()
        .withCidVersion(version)
        .withRawLeaves(raw)
        .withChunkSize(chunkSize == null ? ImportOptions.KUBO_CHUNK_SIZE : chunkSize);
  }

  /** Accepts only 0 and 1, the CID versions there are. */
  static final class CidVersionConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return switch (value) {
        case "0" -> 0;
        case "1" -> 1;
        default ->
            throw new TypeConversionException(
                "the CID version must be 0 or 1, but got '" + value + "'");
      };
    }
  }

  /** Accepts only {@code true} and {@code false}, unlike picocli's lenient default. */
  static final class StrictBooleanConverter implements ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        default ->
            throw new TypeConversionException(
                "--raw-leaves takes true or false, but got '" + value + "'");
      };
    }
  }

  /**
   * Parses Kubo's {@code size-N}, with go-ipfs-chunker's bounds (1 byte to 1 MiB), into a chunk
   * size.
   */
  static final class ChunkerConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      if (value.startsWith("rabin") || value.equals("buzhash")) {
        throw new TypeConversionException(
            "the chunker '"
                + value
                + "' is content-defined, which airm does not implement; only fixed-size"
                + " chunkers (size-N) are supported");
      }
      if (!value.matches("size-[0-9]{1,9}")) {
        throw new TypeConversionException(
            "the chunker must be size-N with N a number of bytes (e.g. size-262144), but got '"
                + value
                + "'");
      }
      int size = Integer.parseInt(value.substring("size-".length()));
      if (size < 1 || size > ImportOptions.MAX_CHUNK_SIZE) {
        throw new TypeConversionException(
            "the chunk size of '"
                + value
                + "' must be from 1 to "
                + ImportOptions.MAX_CHUNK_SIZE
                + " bytes, as in Kubo");
      }
      return size;
    }
  }
}
