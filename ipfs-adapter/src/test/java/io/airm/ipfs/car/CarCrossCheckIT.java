package io.airm.ipfs.car;

import static io.airm.ipfs.car.CarFixtures.DEEP_V0;
import static io.airm.ipfs.car.CarFixtures.DEEP_V1;
import static io.airm.ipfs.car.CarFixtures.blocksOf;
import static io.airm.ipfs.car.CarFixtures.car;
import static io.airm.ipfs.car.CarFixtures.importInto;
import static io.airm.ipfs.car.CarFixtures.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.blockstore.InMemoryBlockStore;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.unixfs.ImportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks {@link CarWriter} and {@link CarReader} against {@code @ipld/car}, the JavaScript
 * CAR implementation, through the Node script in {@code src/test/js} (needs {@code node} and {@code
 * npm} on the PATH; runs {@code npm ci} once if {@code node_modules} is missing).
 */
class CarCrossCheckIT {

  private static final Path HARNESS = Path.of("src/test/js").toAbsolutePath();

  @TempDir Path directory;

  @BeforeAll
  static void installHarness() throws Exception {
    if (!Files.isDirectory(HARNESS.resolve("node_modules"))) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
    }
  }

  @Test
  void ipldCar_readsOurMultiLevelV0Car() throws Exception {
    assertIpldCarReadsOurCar(randomBytes(5000, 20), DEEP_V0);
  }

  @Test
  void ipldCar_readsOurMultiLevelV1CarWithRawLeaves() throws Exception {
    assertIpldCarReadsOurCar(randomBytes(5000, 21), DEEP_V1);
  }

  @Test
  void ipldCar_readsOurEmptyFileCar() throws Exception {
    assertIpldCarReadsOurCar(new byte[0], ImportOptions.kuboDefaultsV0());
  }

  @Test
  void weRead_aCarWrittenByIpldCar() throws Exception {
    List<byte[]> contents = List.of(randomBytes(1000, 22), new byte[0], randomBytes(3, 23));
    Path file = directory.resolve("theirs.car");
    List<String> command =
        new ArrayList<>(List.of("node", "car-check.mjs", "write", file.toString()));
    contents.forEach(content -> command.add(HexFormat.of().formatHex(content)));

    List<String> printed = run(command, 60);
    InMemoryBlockStore store = new InMemoryBlockStore();
    List<Cid> roots;
    try (InputStream in = Files.newInputStream(file)) {
      roots = CarReader.importInto(in, store, directory);
    }

    List<Block> expected = contents.stream().map(Block::raw).toList();
    assertThat(roots).containsExactly(expected.get(0).cid());
    assertThat(printed)
        .containsExactlyElementsOf(linesFor(roots, expected.stream().map(Block::cid).toList()));
    for (Block block : expected) {
      assertThat(store.get(block.cid()).data()).isEqualTo(block.data());
    }
  }

  @Test
  void singleRawBlockCar_isByteForByteTheSameAsIpldCars() throws Exception {
    Block block = Block.raw(randomBytes(300, 24));
    Path file = directory.resolve("theirs.car");
    run(
        List.of(
            "node",
            "car-check.mjs",
            "write",
            file.toString(),
            HexFormat.of().formatHex(block.data())),
        60);
    InMemoryBlockStore store = new InMemoryBlockStore();
    store.put(block);

    assertThat(car(store, block.cid())).isEqualTo(Files.readAllBytes(file));
  }

  private void assertIpldCarReadsOurCar(byte[] content, ImportOptions options) throws Exception {
    InMemoryBlockStore store = new InMemoryBlockStore();
    Cid root = importInto(store, content, options);
    byte[] ours = car(store, root);
    Path file = directory.resolve("ours.car");
    Files.write(file, ours);

    List<String> printed = run(List.of("node", "car-check.mjs", "read", file.toString()), 60);

    List<Cid> written = blocksOf(ours).stream().map(Block::cid).toList();
    assertThat(written).hasSize(store.count());
    assertThat(printed).containsExactlyElementsOf(linesFor(List.of(root), written));
  }

  /** What car-check.mjs prints for a CAR with these roots and blocks, all verified. */
  private static List<String> linesFor(List<Cid> roots, List<Cid> blocks) {
    List<String> lines = new ArrayList<>();
    roots.forEach(root -> lines.add("root " + root));
    blocks.forEach(cid -> lines.add("block " + cid + " ok"));
    return lines;
  }

  /** Runs a command in the harness folder, failing with its output unless it exits with 0. */
  private static List<String> run(List<String> command, long timeoutSeconds) throws Exception {
    Path log = Files.createTempFile("car-cross-check-", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(HARNESS.toFile())
              .redirectErrorStream(false)
              .redirectError(log.toFile())
              .start();
      byte[] stdout;
      try (InputStream out = process.getInputStream()) {
        stdout = out.readAllBytes();
      }
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s.");
      }
      String printed = new String(stdout, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            command
                + " exited with "
                + process.exitValue()
                + ".\nstdout:\n"
                + printed
                + "\nstderr:\n"
                + Files.readString(log));
      }
      return printed.lines().toList();
    } catch (IOException e) {
      throw new AssertionError(
          "Cannot run " + command + " in " + HARNESS + " (are node and npm installed?).", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
