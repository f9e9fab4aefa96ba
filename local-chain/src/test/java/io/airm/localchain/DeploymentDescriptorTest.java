package io.airm.localchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airm.chain.eth.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentDescriptorTest {
  private static final String DEV0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final DeploymentDescriptor DESCRIPTOR =
      new DeploymentDescriptor(
          31337,
          "0x5fbdb2315678afecb367f032d93f642f64180aa3",
          1,
          "0x" + "ab".repeat(32),
          DEV0,
          DEV0,
          "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
          "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0",
          "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9",
          "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
          10);

  @Test
  void writeThenRead_roundTrips(@TempDir Path dir) {
    Path file = dir.resolve("deployment.json");
    DESCRIPTOR.write(file);
    assertThat(DeploymentDescriptor.read(file)).isEqualTo(DESCRIPTOR);
  }

  @Test
  void write_hasTheDocumentedFields(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deployment.json");
    DESCRIPTOR.write(file);
    List<String> fields = new java.util.ArrayList<>();
    new ObjectMapper().readTree(file.toFile()).fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "chainId",
            "workRegistry",
            "deploymentBlock",
            "deploymentTx",
            "admin",
            "anchorer",
            "usageAttestations",
            "rewardDistributor",
            "devToken",
            "operator",
            "challengeWindow",
            "auditor",
            "guardian",
            "refundDelay");
  }

  @Test
  void aDescriptorWithAllRoles_roundTrips_andNamesItsSuite(@TempDir Path dir) {
    DeploymentDescriptor full =
        new DeploymentDescriptor(
            8453,
            DESCRIPTOR.workRegistry(),
            7,
            DESCRIPTOR.deploymentTx(),
            DEV0,
            DEV0,
            DESCRIPTOR.usageAttestations(),
            DESCRIPTOR.rewardDistributor(),
            null,
            DESCRIPTOR.operator(),
            604800,
            DESCRIPTOR.operator(),
            DEV0,
            2592000L);
    Path file = dir.resolve("deployment.json");
    full.write(file);
    assertThat(DeploymentDescriptor.read(file)).isEqualTo(full);
    var suite = full.suiteAddresses();
    assertThat(suite.isComplete()).isTrue();
    assertThat(suite.deploymentBlock()).isEqualTo(7);
    assertThat(suite.rewardDistributor()).isEqualTo(full.rewardDistributorAddress());
  }

  @Test
  void accessors_giveAddresses() {
    assertThat(DESCRIPTOR.isComplete()).isTrue();
    assertThat(DESCRIPTOR.usageAttestationsAddress())
        .isEqualTo(Address.parse("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512"));
    assertThat(DESCRIPTOR.rewardDistributorAddress())
        .isEqualTo(Address.parse("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0"));
    assertThat(DESCRIPTOR.devTokenAddress())
        .isEqualTo(Address.parse("0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9"));
    assertThat(DESCRIPTOR.operatorAddress())
        .isEqualTo(Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"));
  }

  @Test
  void read_aDescriptorWrittenBeforeTheSettlementContracts_isIncomplete(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("deployment.json");
    Files.writeString(
        file,
        """
        {"chainId": 31337, "workRegistry": "0x5fbdb2315678afecb367f032d93f642f64180aa3",
         "deploymentBlock": 1, "deploymentTx": "0x%s",
         "admin": "%s", "anchorer": "%s"}
        """
            .formatted("ab".repeat(32), DEV0, DEV0));
    DeploymentDescriptor old = DeploymentDescriptor.read(file);
    assertThat(old.workRegistryAddress()).isEqualTo(DESCRIPTOR.workRegistryAddress());
    assertThat(old.isComplete()).isFalse();
    assertThat(old.usageAttestations()).isNull();
    assertThat(old.challengeWindow()).isZero();
    assertThat(old.auditor()).isNull();
    assertThat(old.refundDelay()).isNull();
    assertThat(old.suiteAddresses().usageAttestations()).isNull();
    assertThatThrownBy(old::rewardDistributorAddress)
        .isInstanceOf(LocalChainException.class)
        .hasMessageContaining("rewardDistributor");
  }

  @Test
  void read_garbage_namesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deployment.json");
    Files.writeString(file, "{\"chainId\": 31337, \"workRegistry\": \"nope\"}");
    assertThatThrownBy(() -> DeploymentDescriptor.read(file))
        .isInstanceOf(LocalChainException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void read_aMalformedSettlementAddress_namesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deployment.json");
    DESCRIPTOR.write(file);
    Files.writeString(
        file,
        Files.readString(file)
            .replace("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", "0x9fe46736679d2d9a65"));
    assertThatThrownBy(() -> DeploymentDescriptor.read(file))
        .isInstanceOf(LocalChainException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void aNegativeChallengeWindow_isRefused() {
    assertThatThrownBy(
            () ->
                new DeploymentDescriptor(
                    31337,
                    DESCRIPTOR.workRegistry(),
                    1,
                    DESCRIPTOR.deploymentTx(),
                    DEV0,
                    DEV0,
                    null,
                    null,
                    null,
                    null,
                    -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("challengeWindow");
  }
}
