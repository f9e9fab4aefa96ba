package io.airm.chain.eth;

import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/** A 20-byte Ethereum account or contract address, held as lower-case 0x-prefixed hex. */
public record Address(String value) {
  private static final Pattern HEX40 = Pattern.compile("0x[0-9a-f]{40}");
  public static final Address ZERO = new Address("0x" + "0".repeat(40));

  public Address {
    if (value == null || !HEX40.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "An address must be 0x followed by 40 lower-case hex digits, not " + value);
    }
  }

  /**
   * Parses an address in any letter case; a mixed-case address must carry a valid EIP-55 checksum.
   */
  public static Address parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("An address is required");
    }
    String trimmed = text.trim();
    if (!trimmed.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException(
          "An address must be 0x followed by 40 hex digits, not '" + text + "'");
    }
    String body = trimmed.substring(2);
    boolean mixed =
        !body.equals(body.toLowerCase(Locale.ROOT)) && !body.equals(body.toUpperCase(Locale.ROOT));
    if (mixed && !Keys.toChecksumAddress(trimmed).equals(trimmed)) {
      throw new IllegalArgumentException("Address " + text + " has an invalid EIP-55 checksum");
    }
    return new Address("0x" + body.toLowerCase(Locale.ROOT));
  }

  /** The EIP-55 mixed-case form, for display. */
  public String checksummed() {
    return Keys.toChecksumAddress(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
