package io.airm.node.gateway;

import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import java.util.Locale;

/** What a gateway request asks for: the file, the root block, or the DAG as a CAR. */
enum ResponseFormat {
  /** The deserialized UnixFS file. */
  FILE("application/octet-stream"),
  /** The single block, as stored ({@code application/vnd.ipld.raw}). */
  RAW("application/vnd.ipld.raw"),
  /** The whole DAG as a CARv1 in depth-first order without duplicates. */
  CAR("application/vnd.ipld.car; version=1; order=dfs; dups=n");

  private final String contentType;

  ResponseFormat(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /** The strong ETag of this format of {@code cid}; a CAR's names its parameters. */
  String etag(String cid) {
    return switch (this) {
      case FILE -> "\"" + cid + "\"";
      case RAW -> "\"" + cid + ".raw\"";
      case CAR -> "\"" + cid + ".car.v1-dfs-n\"";
    };
  }

  /**
   * The format asked for: {@code ?format=} wins over {@code Accept}, as the path gateway spec says.
   *
   * @throws RegistryException {@link ErrorKind#INVALID_REQUEST} for a format this gateway lacks
   */
  static ResponseFormat of(String formatParam, String accept) {
    if (formatParam != null && !formatParam.isEmpty()) {
      return switch (formatParam.toLowerCase(Locale.ROOT)) {
        case "raw" -> RAW;
        case "car" -> CAR;
        default ->
            throw new RegistryException(
                ErrorKind.INVALID_REQUEST,
                "The format " + formatParam + " is not served here; use raw or car.");
      };
    }
    if (accept == null) {
      return FILE;
    }
    // The first of the two IPLD types listed wins; anything else is a request for the file.
    for (String item : accept.split(",")) {
      String[] parts = item.split(";");
      String type = parts[0].strip().toLowerCase(Locale.ROOT);
      if (type.equals("application/vnd.ipld.raw")) {
        return RAW;
      }
      if (type.equals("application/vnd.ipld.car")) {
        for (int i = 1; i < parts.length; i++) {
          String param = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
          if (param.startsWith("version=") && !param.equals("version=1")
              || param.startsWith("order=")
                  && !param.equals("order=dfs")
                  && !param.equals("order=unk")) {
            throw new RegistryException(
                ErrorKind.INVALID_REQUEST,
                "Only CARv1 in dfs order is served here, not " + item.strip() + ".");
          }
        }
        return CAR;
      }
    }
    return FILE;
  }
}
