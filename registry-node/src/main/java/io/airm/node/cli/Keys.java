package io.airm.node.cli;

/** Private keys on the command line: given as hex, or as {@code env:NAME} to keep them off argv. */
final class Keys {
  private Keys() {}

  static String resolve(String key) {
    if (key.startsWith("env:")) {
      String value = System.getenv(key.substring(4));
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            "The environment variable " + key.substring(4) + " is not set");
      }
      return value.trim();
    }
    return key;
  }
}
