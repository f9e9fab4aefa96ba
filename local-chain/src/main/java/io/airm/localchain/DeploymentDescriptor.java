package io.airm.localchain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.ContractSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the contracts live on a chain: written after deployment, read by the node and by anyone who
 * wants to verify against that chain. Stored as JSON:
 *
 * <pre>{"chainId":31337,"workRegistry":"0x…","deploymentBlock":1,"deploymentTx":"0x…",
 * "admin":"0x…","anchorer":"0x…","usageAttestations":"0x…","rewardDistributor":"0x…",
 * "devToken":"0x…","operator":"0x…","challengeWindow":10,"auditor":"0x…","guardian":"0x…",
 * "refundDelay":86400}</pre>
 *
 * {@code deploymentBlock} and {@code deploymentTx} are the WorkRegistry's; the other contracts were
 * deployed in that block or later, so it is a safe start for reading any of their events. {@code
 * operator} holds the settlement operator role of the RewardDistributor, whose challenge window is
 * {@code challengeWindow} seconds. Descriptors written before the settlement contracts existed lack
 * the last five fields: they read as null (and 0), {@link #isComplete()} is false, and {@link
 * LocalChain} completes them. {@code auditor}, {@code guardian} and {@code refundDelay} (seconds)
 * are the RewardDistributor's other role holders and delay; null in descriptors that predate them.
 * {@code devToken} is null on a public chain ({@code airm deploy} deploys no dev token).
 */
public record DeploymentDescriptor(
    @JsonProperty("chainId") long chainId,
    @JsonProperty("workRegistry") String workRegistry,
    @JsonProperty("deploymentBlock") long deploymentBlock,
    @JsonProperty("deploymentTx") String deploymentTx,
    @JsonProperty("admin") String admin,
    @JsonProperty("anchorer") String anchorer,
    @JsonProperty("usageAttestations") String usageAttestations,
    @JsonProperty("rewardDistributor") String rewardDistributor,
    @JsonProperty("devToken") String devToken,
    @JsonProperty("operator") String operator,
    @JsonProperty("challengeWindow") long challengeWindow,
    @JsonProperty("auditor") String auditor,
    @JsonProperty("guardian") String guardian,
    @JsonProperty("refundDelay") Long refundDelay) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @JsonCreator
  public DeploymentDescriptor {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive, not " + chainId);
    }
    Address.parse(workRegistry);
    Bytes32.parse(deploymentTx);
    Address.parse(admin);
    Address.parse(anchorer);
    // absent in descriptors older than the settlement contracts; well-formed when present
    for (String optional :
        new String[] {
          usageAttestations, rewardDistributor, devToken, operator, auditor, guardian
        }) {
      if (optional != null) {
        Address.parse(optional);
      }
    }
    if (challengeWindow < 0) {
      throw new IllegalArgumentException(
          "challengeWindow must be zero or more seconds, not " + challengeWindow);
    }
    if (refundDelay != null && refundDelay < 0) {
      throw new IllegalArgumentException(
          "refundDelay must be zero or more seconds, not " + refundDelay);
    }
  }

  /** A descriptor that does not name the auditor, the guardian or the refund delay. */
  public DeploymentDescriptor(
      long chainId,
      String workRegistry,
      long deploymentBlock,
      String deploymentTx,
      String admin,
      String anchorer,
      String usageAttestations,
      String rewardDistributor,
      String devToken,
      String operator,
      long challengeWindow) {
    this(
        chainId,
        workRegistry,
        deploymentBlock,
        deploymentTx,
        admin,
        anchorer,
        usageAttestations,
        rewardDistributor,
        devToken,
        operator,
        challengeWindow,
        null,
        null,
        null);
  }

  /** The registry contract's address. */
  public Address workRegistryAddress() {
    return Address.parse(workRegistry);
  }

  /** The UsageAttestations contract's address. */
  public Address usageAttestationsAddress() {
    return required("usageAttestations", usageAttestations);
  }

  /** The RewardDistributor contract's address. */
  public Address rewardDistributorAddress() {
    return required("rewardDistributor", rewardDistributor);
  }

  /** The dev ERC-20's address (DevToken: anyone may mint; dev chains only). */
  public Address devTokenAddress() {
    return required("devToken", devToken);
  }

  /** The account holding the RewardDistributor's settlement operator role. */
  public Address operatorAddress() {
    return required("operator", operator);
  }

  /** The three contracts' addresses as far as this descriptor names them. */
  public ContractSuite.Addresses suiteAddresses() {
    return new ContractSuite.Addresses(
        workRegistryAddress(),
        deploymentBlock,
        Bytes32.parse(deploymentTx),
        usageAttestations == null ? null : Address.parse(usageAttestations),
        rewardDistributor == null ? null : Address.parse(rewardDistributor));
  }

  /** Whether the descriptor names every contract (false for one written by an older AIRM). */
  @JsonIgnore
  public boolean isComplete() {
    return usageAttestations != null
        && rewardDistributor != null
        && devToken != null
        && operator != null;
  }

  private static Address required(String field, String value) {
    if (value == null) {
      throw new LocalChainException(
          "The deployment descriptor has no "
              + field
              + ": it was written before AIRM deployed that contract; start the local chain once"
              + " to deploy it");
    }
    return Address.parse(value);
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
