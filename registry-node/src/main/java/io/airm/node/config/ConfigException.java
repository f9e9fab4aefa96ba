package io.airm.node.config;

/** A configuration value is missing or invalid; the message names the key. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
