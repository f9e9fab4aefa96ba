package io.airm.chain.registry;

import io.airm.chain.contracts.WorkRegistry;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tuples.generated.Tuple7;

/**
 * The {@code WorkRegistry} contract at one address, through the wrapper that web3j generated from
 * its ABI at build time: reads, the encoding of {@code anchor} calls, and deployment.
 */
public final class WorkRegistryContract {
  /** The gas limit of a deployment: what the deployer's balance must cover at the max fee. */
  static final long DEPLOY_GAS_LIMIT = 5_000_000L;

  private final ChainClient chain;
  private final WorkRegistry contract;
  private final Address address;

  /** The registry deployed at {@code address}; reads go through {@code chain}. */
  public WorkRegistryContract(ChainClient chain, Address address) {
    this.chain = chain;
    this.address = address;
    this.contract = ContractCalls.readOnly(chain, address, WorkRegistry::load);
  }

  /**
   * Deploys a new registry from {@code deployer}, granting {@code admin} the admin role and {@code
   * anchorer} the anchorer role; waits for the receipt, polling every 100 ms.
   */
  public static Deployment deploy(
      ChainClient chain, Credentials deployer, Address admin, Address anchorer, FeePolicy fees) {
    return ContractCalls.deploy(
        chain,
        deployer,
        fees,
        DEPLOY_GAS_LIMIT,
        "WorkRegistry",
        (web3j, manager, gas) ->
            WorkRegistry.deploy(web3j, manager, gas, admin.value(), anchorer.value()));
  }

  /** The contract's address. */
  public Address address() {
    return address;
  }

  /** The calldata of {@code anchor(treeSize, root)}. */
  public String encodeAnchor(long treeSize, Bytes32 root) {
    return contract.anchor(BigInteger.valueOf(treeSize), root.bytes()).encodeFunctionCall();
  }

  /** The root anchored for {@code treeSize}, read from the chain; empty if none was. */
  public Optional<Bytes32> rootAt(long treeSize) {
    byte[] root = send("rootAt(" + treeSize + ")", contract.rootAt(BigInteger.valueOf(treeSize)));
    return Arrays.equals(root, new byte[32]) ? Optional.empty() : Optional.of(Bytes32.of(root));
  }

  /** The latest anchored checkpoint (tree size 0 and a zero root before the first anchor). */
  public Checkpoint latestCheckpoint() {
    Tuple2<BigInteger, byte[]> latest = send("latestCheckpoint()", contract.latestCheckpoint());
    return new Checkpoint(latest.component1().longValueExact(), Bytes32.of(latest.component2()));
  }

  /** How many checkpoints have been anchored. */
  public long checkpointCount() {
    return send("checkpointCount()", contract.checkpointCount()).longValueExact();
  }

  /** Asks the contract to check an RFC 6962 inclusion proof against its anchored checkpoint. */
  public boolean verifyInclusion(Bytes32 leafHash, long index, long treeSize, List<Bytes32> proof) {
    return send(
        "verifyInclusion",
        contract.verifyInclusion(
            leafHash.bytes(),
            BigInteger.valueOf(index),
            BigInteger.valueOf(treeSize),
            proof.stream().map(Bytes32::bytes).toList()));
  }

  /** The gas a transaction calling {@code verifyInclusion} would use (what a contract pays). */
  public long estimateVerifyInclusionGas(
      Bytes32 leafHash, long index, long treeSize, List<Bytes32> proof) {
    String data =
        contract
            .verifyInclusion(
                leafHash.bytes(),
                BigInteger.valueOf(index),
                BigInteger.valueOf(treeSize),
                proof.stream().map(Bytes32::bytes).toList())
            .encodeFunctionCall();
    return chain.estimateGas(Address.ZERO, address, data).longValueExact();
  }

  /** The contract's own EIP-712 digest of {@code registration}. */
  public Bytes32 hashWorkRegistration(WorkRegistration registration) {
    var struct =
        new WorkRegistry.WorkRegistration(
            registration.creator().value(),
            registration.contentHash().bytes(),
            registration.cid(),
            registration.metadataHash().bytes(),
            registration.licence(),
            registration.aiTraining(),
            registration.parents().stream().map(Bytes32::bytes).toList(),
            registration.nonce(),
            registration.deadline());
    return Bytes32.of(send("hashWorkRegistration", contract.hashWorkRegistration(struct)));
  }

  /** The contract's EIP-712 domain (ERC-5267), as wallets and auditors see it. */
  public Eip712Domain domain() {
    Tuple7<byte[], String, String, BigInteger, String, byte[], List<BigInteger>> domain =
        send("eip712Domain()", contract.eip712Domain());
    return new Eip712Domain(
        domain.component2(),
        domain.component3(),
        domain.component4(),
        Address.parse(domain.component5()));
  }

  /** Whether {@code account} holds the anchorer role. */
  public boolean isAnchorer(Address account) {
    byte[] role = send("ANCHORER_ROLE()", contract.ANCHORER_ROLE());
    return send("hasRole", contract.hasRole(role, account.value()));
  }

  /**
   * Whether {@code account} holds {@code role} (such as {@link ContractSuite#DEFAULT_ADMIN_ROLE}).
   */
  public boolean hasRole(Bytes32 role, Address account) {
    return send(
        "hasRole(" + role + ", " + account + ")", contract.hasRole(role.bytes(), account.value()));
  }

  /** {@code ANCHORER_ROLE}: may anchor checkpoints. */
  public Bytes32 anchorerRole() {
    return Bytes32.of(send("ANCHORER_ROLE()", contract.ANCHORER_ROLE()));
  }

  /** Whether code is deployed at this address. */
  public boolean isDeployed() {
    return chain.hasCode(address);
  }

  private static <T> T send(String what, RemoteCall<T> call) {
    return ContractCalls.call("WorkRegistry", what, call);
  }
}
