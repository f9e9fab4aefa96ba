package io.airm.localchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentDescriptorTest {
  private static final DeploymentDescriptor DESCRIPTOR =
      new DeploymentDescriptor(
          31337,
          "0x5fbdb2315678afecb367f032d93f642f64180aa3",
          1,
          "0x" + "ab".repeat(32),
          "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
          "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

  @Test
  void writeThenRead_roundTrips(@TempDir Path dir) {
    Path file = dir.resolve("deployment.json");
    DESCRIPTOR.write(file);
    assertThat(DeploymentDescriptor.read(file)).isEqualTo(DESCRIPTOR);
  }

  @Test
  void read_garbage_namesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deployment.json");
    Files.writeString(file, "{\"chainId\": 31337, \"workRegistry\": \"nope\"}");
    assertThatThrownBy(() -> DeploymentDescriptor.read(file))
        .isInstanceOf(LocalChainException.class)
        .hasMessageContaining(file.toString());
  }
}
