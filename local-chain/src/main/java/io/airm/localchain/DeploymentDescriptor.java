package io.airm.localchain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the contracts live on a chain: written once after deployment, read by the node and by
 * anyone who wants to verify against that chain. Stored as JSON:
 *
 * <pre>{"chainId":31337,"workRegistry":"0x…","deploymentBlock":1,"deploymentTx":"0x…",
 * "admin":"0x…","anchorer":"0x…"}</pre>
 */
public record DeploymentDescriptor(
    @JsonProperty("chainId") long chainId,
    @JsonProperty("workRegistry") String workRegistry,
    @JsonProperty("deploymentBlock") long deploymentBlock,
    @JsonProperty("deploymentTx") String deploymentTx,
    @JsonProperty("admin") String admin,
    @JsonProperty("anchorer") String anchorer) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public DeploymentDescriptor {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive, not " + chainId);
    }
    Address.parse(workRegistry);
    Bytes32.parse(deploymentTx);
    Address.parse(admin);
    Address.parse(anchorer);
  }

  /** The registry contract's address. */
  public Address workRegistryAddress() {
    return Address.parse(workRegistry);
  }

  /** Reads a descriptor, with a message naming the file if it is not one. */
  public static DeploymentDescriptor read(Path file) {
    try {
      return JSON.readValue(file.toFile(), DeploymentDescriptor.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new LocalChainException(
          "The deployment descriptor " + file + " is unreadable: " + e.getMessage(), e);
    }
  }

  /** Writes the descriptor atomically (temp file, then rename), so a crash leaves old or new. */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "deployment", ".tmp");
      JSON.writeValue(temp.toFile(), this);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new LocalChainException("Could not write the deployment descriptor " + file, e);
    }
  }
}
