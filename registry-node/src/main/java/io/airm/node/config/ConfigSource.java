package io.airm.node.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where configuration values come from, in this order: explicit overrides (command-line flags), the
 * environment ({@code AIRM_DATA_DIR} for key {@code data.dir}), system properties ({@code
 * airm.data.dir}), the configuration file ({@code data.dir=…}), and then the default.
 */
public final class ConfigSource {
  private final Map<String, String> overrides;
  private final Map<String, String> environment;
  private final Properties system;
  private final Properties file;

  ConfigSource(
      Map<String, String> overrides,
      Map<String, String> environment,
      Properties system,
      Properties file) {
    this.overrides = Map.copyOf(overrides);
    this.environment = Map.copyOf(environment);
    this.system = system;
    this.file = file;
  }

  /** The process's environment and system properties, the file if given, then overrides. */
  public static ConfigSource of(Map<String, String> overrides, Optional<Path> configFile) {
    Properties file = new Properties();
    if (configFile.isPresent()) {
      try (InputStream in = Files.newInputStream(configFile.get())) {
        file.load(in);
      } catch (IOException e) {
        throw new ConfigException(
            "Cannot read the configuration file " + configFile.get() + ": " + e.getMessage());
      }
    }
    return new ConfigSource(overrides, System.getenv(), System.getProperties(), file);
  }

  /** The value of {@code key}, from the first source that has it. */
  public Optional<String> get(String key) {
    String value = overrides.get(key);
    if (value == null) {
      value = environment.get(environmentName(key));
    }
    if (value == null) {
      value = system.getProperty("airm." + key);
    }
    if (value == null) {
      value = file.getProperty(key);
    }
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** {@code data.dir} → {@code AIRM_DATA_DIR}. */
  public static String environmentName(String key) {
    return "AIRM_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
