package io.airm.node.client;

import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;

/** Private keys given as hex; a bad one is refused without echoing it. */
final class Keys {
  private static final Pattern HEX_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

  private Keys() {}

  static Credentials credentials(String privateKeyHex) {
    if (privateKeyHex == null || !HEX_KEY.matcher(privateKeyHex.strip()).matches()) {
      // the message never contains the text given: it may be a key with one digit wrong
      throw new IllegalArgumentException("A private key is 64 hex digits, with or without 0x");
    }
    return Credentials.create(privateKeyHex.strip());
  }
}
