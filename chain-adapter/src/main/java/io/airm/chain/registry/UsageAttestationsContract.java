package io.airm.chain.registry;

import io.airm.chain.contracts.UsageAttestations;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.Receipt;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.tuples.generated.Tuple7;

/**
 * The {@code UsageAttestations} contract at one address, through the wrapper web3j generated from
 * its ABI: reads by eth_call, the call data of the writes (for a {@code TransactionPipeline}), the
 * {@code Attested} event, and deployment for tests and local chains.
 */
public final class UsageAttestationsContract {
  /** Topic 0 of {@code Attested}. */
  public static final Bytes32 ATTESTED_TOPIC = EventLogs.topic(UsageAttestations.ATTESTED_EVENT);

  private static final String NAME = "UsageAttestations";

  /** The gas limit of a deployment: what the deployer's balance must cover at the max fee. */
  static final long DEPLOY_GAS_LIMIT = 3_000_000L;

  private final ChainClient chain;
  private final Address address;
  private final UsageAttestations contract;
  private volatile Bytes32 attesterRole; // a constant of the contract, read once

  /** The contract deployed at {@code address}; reads go through {@code chain}. */
  public UsageAttestationsContract(ChainClient chain, Address address) {
    this.chain = chain;
    this.address = address;
    this.contract = ContractCalls.readOnly(chain, address, UsageAttestations::load);
  }

  /**
   * Deploys a new contract from {@code deployer} with {@code admin} as its role admin (who grants
   * the attester role); waits for the receipt. For tests and local chains: default fees.
   */
  public static Deployment deploy(ChainClient chain, Credentials deployer, Address admin) {
    return deploy(chain, deployer, admin, FeePolicy.defaults());
  }

  /** {@link #deploy(ChainClient, Credentials, Address)} with the fees of {@code fees}. */
  public static Deployment deploy(
      ChainClient chain, Credentials deployer, Address admin, FeePolicy fees) {
    return ContractCalls.deploy(
        chain,
        deployer,
        fees,
        DEPLOY_GAS_LIMIT,
        NAME,
        (web3j, manager, gas) -> UsageAttestations.deploy(web3j, manager, gas, admin.value()));
  }

  /** The contract's address. */
  public Address address() {
    return address;
  }

  /** Whether code is deployed at this address. */
  public boolean isDeployed() {
    return chain.hasCode(address);
  }

  /** The contract's EIP-712 domain (ERC-5267), under which attesters sign. */
  public Eip712Domain domain() {
    Tuple7<byte[], String, String, BigInteger, String, byte[], List<BigInteger>> domain =
        call("eip712Domain()", contract.eip712Domain());
    return new Eip712Domain(
        domain.component2(),
        domain.component3(),
        domain.component4(),
        Address.parse(domain.component5()));
  }

  /** {@code ATTESTER_ROLE}: the role an AI company needs to attest. */
  public Bytes32 attesterRole() {
    Bytes32 role = attesterRole;
    if (role == null) {
      role = Bytes32.of(call("ATTESTER_ROLE()", contract.ATTESTER_ROLE()));
      attesterRole = role;
    }
    return role;
  }

  /**
   * Whether {@code account} holds {@code role} (such as {@link ContractSuite#DEFAULT_ADMIN_ROLE}).
   */
  public boolean hasRole(Bytes32 role, Address account) {
    return call(
        "hasRole(" + role + ", " + account + ")", contract.hasRole(role.bytes(), account.value()));
  }

  /** Whether {@code account} holds the attester role. */
  public boolean isAttester(Address account) {
    return call(
        "hasRole(ATTESTER_ROLE, " + account + ")",
        contract.hasRole(attesterRole().bytes(), account.value()));
  }

  /** The nonce the next attestation of {@code attester} (signed or direct) must use. */
  public BigInteger nonce(Address attester) {
    return call("nonces(" + attester + ")", contract.nonces(attester.value()));
  }

  /** How many attestations exist; their ids are 1 to this number. */
  public BigInteger attestationCount() {
    return call("attestationCount()", contract.attestationCount());
  }

  /** Attestation {@code id} (revoked ones included), or empty if there is none with that id. */
  public Optional<OnChainAttestation> attestation(BigInteger id) {
    // ids are sequential and records are never deleted, so the count decides existence
    if (id.signum() <= 0 || id.compareTo(attestationCount()) > 0) {
      return Optional.empty();
    }
    UsageAttestations.Attestation a = call("attestation(" + id + ")", contract.attestation(id));
    return Optional.of(
        new OnChainAttestation(
            id,
            Address.parse(a.attester),
            ContractCalls.seconds(a.attestedAt),
            a.revoked,
            a.workCount.longValueExact(),
            Bytes32.of(a.modelId),
            Bytes32.of(a.modelVersionHash),
            Bytes32.of(a.worksRoot),
            Bytes32.of(a.evidenceDigest),
            Bytes32.of(a.digest)));
  }

  /** The contract's own EIP-712 digest of {@code message} (its {@code hashAttestation}). */
  public Bytes32 hashAttestation(AttestationMessage message) {
    return Bytes32.of(
        call(
            "hashAttestation",
            contract.hashAttestation(
                request(message),
                message.attester().value(),
                message.nonce(),
                message.deadline())));
  }

  /** The call data of {@code grantRole(ATTESTER_ROLE, account)}; only the admin may send it. */
  public String encodeGrantAttester(Address account) {
    return contract.grantRole(attesterRole().bytes(), account.value()).encodeFunctionCall();
  }

  /** The call data of {@code revokeRole(ATTESTER_ROLE, account)}; only the admin may send it. */
  public String encodeRevokeAttester(Address account) {
    return contract.revokeRole(attesterRole().bytes(), account.value()).encodeFunctionCall();
  }

  /**
   * The call data of {@code attestBySig} relaying {@code message} with its attester's {@code
   * signature}; anyone may send it.
   */
  public String encodeAttestBySig(AttestationMessage message, EthSignature signature) {
    return contract
        .attestBySig(
            request(message), message.attester().value(), message.deadline(), signature.toBytes())
        .encodeFunctionCall();
  }

  /**
   * The logs of {@code receipt} that this contract emitted, decoded by {@code decoder} (for example
   * {@code AttestedEvent::decode}); other contracts' logs are ignored.
   */
  public <T> List<T> events(Receipt receipt, Function<ChainEvent, Optional<T>> decoder) {
    return EventLogs.in(receipt, address, decoder);
  }

  private static UsageAttestations.AttestationRequest request(AttestationMessage message) {
    return new UsageAttestations.AttestationRequest(
        message.modelId().bytes(),
        message.modelVersion(),
        message.worksRoot().bytes(),
        BigInteger.valueOf(message.workCount()),
        message.evidenceDigest().bytes());
  }

  private static <T> T call(String what, RemoteCall<T> call) {
    return ContractCalls.call(NAME, what, call);
  }

  /**
   * {@code Attested(uint256 indexed id, address indexed attester, bytes32 indexed digest, bytes32
   * modelId, string modelVersion, bytes32 worksRoot, uint32 workCount, bytes32 evidenceDigest)}.
   *
   * @param id the on-chain attestation id
   * @param attester the attesting company's account
   * @param digest the EIP-712 digest of the attestation message
   * @param modelId the model's id
   * @param modelVersion the model version, in full
   * @param worksRoot the root of the attested work ids
   * @param workCount how many works
   * @param evidenceDigest SHA-256 of the evidence document
   */
  public record AttestedEvent(
      BigInteger id,
      Address attester,
      Bytes32 digest,
      Bytes32 modelId,
      String modelVersion,
      Bytes32 worksRoot,
      long workCount,
      Bytes32 evidenceDigest) {
    public AttestedEvent {
      if (id == null
          || attester == null
          || digest == null
          || modelId == null
          || modelVersion == null
          || worksRoot == null
          || evidenceDigest == null) {
        throw new IllegalArgumentException("An Attested event has every field");
      }
    }

    /**
     * The attestation {@code event} carries, or empty if it is another event. A log with this
     * event's topic but a malformed body is refused, naming its transaction.
     */
    public static Optional<AttestedEvent> decode(ChainEvent event) {
      return EventLogs.decode(event, UsageAttestations.ATTESTED_EVENT)
          .map(
              v ->
                  new AttestedEvent(
                      v.indexedUint(0),
                      v.indexedAddress(1),
                      v.indexedBytes32(2),
                      v.dataBytes32(0),
                      v.dataString(1),
                      v.dataBytes32(2),
                      v.dataUint(3).longValueExact(),
                      v.dataBytes32(4)));
    }
  }
}
