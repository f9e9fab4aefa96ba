package io.airm.localchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Finds the anvil binary that {@code contracts/package.json} pins (installed by npm). */
public final class AnvilBinary {
  static final String RELATIVE = "contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";

  private AnvilBinary() {}

  /**
   * The repository root: the {@code airm.root} system property, else {@code AIRM_ROOT}, else the
   * nearest folder above the working directory that holds {@code contracts/package.json}.
   */
  public static Optional<Path> repositoryRoot() {
    String configured = System.getProperty("airm.root", System.getenv("AIRM_ROOT"));
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Paths.get(configured).toAbsolutePath().normalize());
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("contracts/package.json"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The anvil under the repository root, or an error that names the command installing it. */
  public static Path locate() {
    Path root =
        repositoryRoot()
            .orElseThrow(
                () ->
                    new LocalChainException(
                        "Cannot find the AIRM repository (no contracts/package.json above "
                            + Paths.get("").toAbsolutePath()
                            + "); run from the repository or set AIRM_ROOT"));
    return locate(root);
  }

  /** The anvil under {@code root}, or an error that names the command installing it. */
  public static Path locate(Path root) {
    Path anvil = root.resolve(RELATIVE);
    if (!Files.isExecutable(anvil)) {
      throw new LocalChainException(
          "anvil is not installed at "
              + anvil
              + ". Install the pinned contracts toolchain with: (cd "
              + root.resolve("contracts")
              + " && npm ci)");
    }
    return anvil;
  }
}
