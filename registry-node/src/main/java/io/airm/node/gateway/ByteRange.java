package io.airm.node.gateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a file, from a {@code Range} header (RFC 9110 section 14).
 *
 * @param first the offset of the first byte
 * @param last the offset of the last byte, inclusive
 */
record ByteRange(long first, long last) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  ByteRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("Not a byte range: " + first + "-" + last);
    }
  }

  /** The number of bytes in the range. */
  long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value for this range of a file of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** Thrown for a range that lies wholly beyond the file: the answer is 416. */
  static final class UnsatisfiableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsatisfiableException(String message) {
      super(message);
    }
  }

  /**
   * The range {@code header} asks for in a file of {@code size} bytes; empty (serve the whole file,
   * as RFC 9110 allows) if there is no header, or it is not a single {@code bytes} range.
   *
   * @throws UnsatisfiableException if the range starts beyond the file or asks for no byte
   */
  static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0 || size == 0) {
          throw new UnsatisfiableException(
              "The range " + header + " asks for no byte of a " + size + "-byte file.");
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
      if (last < first) {
        return Optional.empty(); // syntactically invalid: ignored (RFC 9110 section 14.1.1)
      }
      if (first >= size) {
        throw new UnsatisfiableException(
            "The range " + header + " starts beyond the end of a " + size + "-byte file.");
      }
      return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a number too large for a long is no range this node can serve
    }
  }
}
