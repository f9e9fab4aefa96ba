package io.airm.chain.registry;

import io.airm.chain.ChainException;
import io.airm.chain.contracts.RewardDistributor;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.Receipt;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The {@code RewardDistributor} contract at one address, through the wrapper web3j generated from
 * its ABI: pool and distribution reads by eth_call, the call data of the writes (for a {@code
 * TransactionPipeline}), its events, and deployment for tests and local chains.
 */
public final class RewardDistributorContract {
  /** Topic 0 of {@code PoolCreated}. */
  public static final Bytes32 POOL_CREATED_TOPIC =
      EventLogs.topic(RewardDistributor.POOLCREATED_EVENT);

  /** Topic 0 of {@code PoolFunded}. */
  public static final Bytes32 POOL_FUNDED_TOPIC =
      EventLogs.topic(RewardDistributor.POOLFUNDED_EVENT);

  /** Topic 0 of {@code DistributionPosted}. */
  public static final Bytes32 DISTRIBUTION_POSTED_TOPIC =
      EventLogs.topic(RewardDistributor.DISTRIBUTIONPOSTED_EVENT);

  /** Topic 0 of {@code DistributionChallenged}. */
  public static final Bytes32 DISTRIBUTION_CHALLENGED_TOPIC =
      EventLogs.topic(RewardDistributor.DISTRIBUTIONCHALLENGED_EVENT);

  /** Topic 0 of {@code ChallengeResolved}. */
  public static final Bytes32 CHALLENGE_RESOLVED_TOPIC =
      EventLogs.topic(RewardDistributor.CHALLENGERESOLVED_EVENT);

  /** Topic 0 of {@code Claimed}. */
  public static final Bytes32 CLAIMED_TOPIC = EventLogs.topic(RewardDistributor.CLAIMED_EVENT);

  private static final String NAME = "RewardDistributor";

  /** The gas limit of a deployment: what the deployer's balance must cover at the max fee. */
  static final long DEPLOY_GAS_LIMIT = 5_000_000L;

  private final ChainClient chain;
  private final Address address;
  private final RewardDistributor contract;

  /** The distributor deployed at {@code address}; reads go through {@code chain}. */
  public RewardDistributorContract(ChainClient chain, Address address) {
    this.chain = chain;
    this.address = address;
    this.contract = ContractCalls.readOnly(chain, address, RewardDistributor::load);
  }

  /**
   * Deploys a new distributor from {@code deployer} with its four role holders and its two fixed
   * delays, and waits for the receipt. For tests and local chains: default fees.
   *
   * @param admin grants roles, resolves challenges, unpauses
   * @param operator the settlement operator, who posts distributions
   * @param auditor challenges distributions during their window
   * @param guardian pauses
   * @param challengeWindowSeconds from posting a distribution to the opening of its claims
   * @param refundDelaySeconds from a refund request to the earliest refund
   */
  public static Deployment deploy(
      ChainClient chain,
      Credentials deployer,
      Address admin,
      Address operator,
      Address auditor,
      Address guardian,
      long challengeWindowSeconds,
      long refundDelaySeconds) {
    return deploy(
        chain,
        deployer,
        admin,
        operator,
        auditor,
        guardian,
        challengeWindowSeconds,
        refundDelaySeconds,
        FeePolicy.defaults());
  }

  /** The eight-argument {@code deploy} with the fees of {@code fees}. */
  public static Deployment deploy(
      ChainClient chain,
      Credentials deployer,
      Address admin,
      Address operator,
      Address auditor,
      Address guardian,
      long challengeWindowSeconds,
      long refundDelaySeconds,
      FeePolicy fees) {
    BigInteger window =
        ContractCalls.unsigned("challengeWindowSeconds", challengeWindowSeconds, 64);
    BigInteger delay = ContractCalls.unsigned("refundDelaySeconds", refundDelaySeconds, 64);
    return ContractCalls.deploy(
        chain,
        deployer,
        fees,
        DEPLOY_GAS_LIMIT,
        NAME,
        (web3j, manager, gas) ->
            RewardDistributor.deploy(
                web3j,
                manager,
                gas,
                admin.value(),
                operator.value(),
                auditor.value(),
                guardian.value(),
                window,
                delay));
  }

  /** The contract's address. */
  public Address address() {
    return address;
  }

  /** Whether code is deployed at this address. */
  public boolean isDeployed() {
    return chain.hasCode(address);
  }

  // ---- writes: call data ----

  /**
   * The call data of {@code createPool(attestationId, token, expiry)}: a pool rewarding on-chain
   * attestation {@code attestationId}, paying in {@code token} ({@link Address#ZERO} for ETH), open
   * to claims until {@code expiry} (unix seconds). The sender becomes the funder.
   */
  public String encodeCreatePool(BigInteger attestationId, Address token, long expiry) {
    return contract
        .createPool(
            ContractCalls.unsigned("attestationId", attestationId, 256),
            token.value(),
            ContractCalls.unsigned("expiry", expiry, 64))
        .encodeFunctionCall();
  }

  /**
   * The call data of {@code fund(poolId, amount)}. Only the funder may send it; for an ETH pool the
   * transaction must carry exactly {@code amount} wei as its value, for an ERC-20 pool none (and
   * the distributor needs an allowance of {@code amount} first).
   */
  public String encodeFund(BigInteger poolId, BigInteger amount) {
    return contract
        .fund(
            ContractCalls.unsigned("poolId", poolId, 256),
            ContractCalls.unsigned("amount", amount, 256),
            BigInteger.ZERO)
        .encodeFunctionCall();
  }

  /**
   * The call data of {@code postDistribution}; only the settlement operator may send it.
   *
   * @param root the allocation tree's root
   * @param total the sum of its leaves' amounts
   * @param reportDigest SHA-256 of the settlement document
   * @param reportCid the document's IPFS CID (only emitted)
   */
  public String encodePostDistribution(
      BigInteger poolId, Bytes32 root, BigInteger total, Bytes32 reportDigest, String reportCid) {
    return contract
        .postDistribution(
            ContractCalls.unsigned("poolId", poolId, 256),
            root.bytes(),
            ContractCalls.unsigned("total", total, 256),
            reportDigest.bytes(),
            reportCid)
        .encodeFunctionCall();
  }

  /**
   * The call data of {@code claim}: pays leaf {@code index} to {@code account}. Anyone may send it;
   * the money always goes to {@code account}.
   */
  public String encodeClaim(
      BigInteger poolId, long index, Address account, BigInteger amount, List<Bytes32> proof) {
    return contract
        .claim(
            ContractCalls.unsigned("poolId", poolId, 256),
            ContractCalls.unsigned("index", index, 256),
            account.value(),
            ContractCalls.unsigned("amount", amount, 256),
            proof.stream().map(Bytes32::bytes).toList())
        .encodeFunctionCall();
  }

  /** The call data of {@code challenge(poolId, reason)}; only an auditor may send it. */
  public String encodeChallenge(BigInteger poolId, String reason) {
    return contract
        .challenge(ContractCalls.unsigned("poolId", poolId, 256), reason)
        .encodeFunctionCall();
  }

  /**
   * The call data of {@code resolveChallenge(poolId, upheld)}; only the admin may send it. Upheld
   * discards the distribution; otherwise it is unfrozen.
   */
  public String encodeResolveChallenge(BigInteger poolId, boolean upheld) {
    return contract
        .resolveChallenge(ContractCalls.unsigned("poolId", poolId, 256), upheld)
        .encodeFunctionCall();
  }

  /** The call data of {@code grantRole(role, account)}; only the admin may send it. */
  public String encodeGrantRole(Bytes32 role, Address account) {
    return contract.grantRole(role.bytes(), account.value()).encodeFunctionCall();
  }

  // ---- reads ----

  /** How many pools exist; their ids are 1 to this number. */
  public BigInteger poolCount() {
    return call("poolCount()", contract.poolCount());
  }

  /** Pool {@code poolId}, or empty if there is none with that id. */
  public Optional<PoolInfo> pool(BigInteger poolId) {
    if (!exists(poolId)) {
      return Optional.empty();
    }
    RewardDistributor.Pool p = call("pool(" + poolId + ")", contract.pool(poolId));
    return Optional.of(
        new PoolInfo(
            Address.parse(p.token),
            ContractCalls.seconds(p.expiry),
            Address.parse(p.funder),
            ContractCalls.seconds(p.refundAvailableAt),
            p.attestationId,
            p.funded,
            p.claimed,
            p.refunded));
  }

  /**
   * The current distribution of pool {@code poolId} (status {@link DistributionStatus#NONE} if
   * none).
   *
   * @throws ChainException if there is no such pool
   */
  public DistributionInfo distribution(BigInteger poolId) {
    if (!exists(poolId)) {
      throw new ChainException(NAME + " at " + address + " has no pool " + poolId);
    }
    RewardDistributor.Distribution d =
        call("distribution(" + poolId + ")", contract.distribution(poolId));
    return new DistributionInfo(
        Bytes32.of(d.root),
        d.total,
        Bytes32.of(d.reportDigest),
        ContractCalls.seconds(d.postedAt),
        ContractCalls.seconds(d.challengeEndsAt),
        DistributionStatus.of(d.status.intValueExact()));
  }

  /** Whether leaf {@code index} of pool {@code poolId} has been paid. */
  public boolean isClaimed(BigInteger poolId, long index) {
    return call(
        "isClaimed(" + poolId + ", " + index + ")",
        contract.isClaimed(poolId, ContractCalls.unsigned("index", index, 256)));
  }

  /**
   * Whether claims are open now: a posted, unfrozen distribution whose window has ended, an
   * unexpired pool, no pause.
   */
  public boolean claimsOpen(BigInteger poolId) {
    return call("claimsOpen(" + poolId + ")", contract.claimsOpen(poolId));
  }

  /**
   * Whether {@code proof} proves the leaf {@code (index, account, amount)} against the pool's
   * current root (false without a distribution); says nothing of claimed bits or timing.
   */
  public boolean verifyClaim(
      BigInteger poolId, long index, Address account, BigInteger amount, List<Bytes32> proof) {
    return call(
        "verifyClaim(" + poolId + ", " + index + ")",
        contract.verifyClaim(
            poolId,
            ContractCalls.unsigned("index", index, 256),
            account.value(),
            ContractCalls.unsigned("amount", amount, 256),
            proof.stream().map(Bytes32::bytes).toList()));
  }

  /** Seconds from posting a distribution to the opening of its claims (fixed at deployment). */
  public long challengeWindow() {
    return ContractCalls.seconds(call("challengeWindow()", contract.challengeWindow()));
  }

  /** Seconds from a refund request to the earliest refund (fixed at deployment). */
  public long refundDelay() {
    return ContractCalls.seconds(call("refundDelay()", contract.refundDelay()));
  }

  /** {@code GUARDIAN_ROLE}: may pause. */
  public Bytes32 guardianRole() {
    return Bytes32.of(call("GUARDIAN_ROLE()", contract.GUARDIAN_ROLE()));
  }

  /**
   * Whether {@code account} holds {@code role} (such as {@link ContractSuite#DEFAULT_ADMIN_ROLE}).
   */
  public boolean hasRole(Bytes32 role, Address account) {
    return call(
        "hasRole(" + role + ", " + account + ")", contract.hasRole(role.bytes(), account.value()));
  }

  /** {@code SETTLEMENT_OPERATOR_ROLE}: may post distributions. */
  public Bytes32 operatorRole() {
    return Bytes32.of(call("SETTLEMENT_OPERATOR_ROLE()", contract.SETTLEMENT_OPERATOR_ROLE()));
  }

  /** {@code AUDITOR_ROLE}: may challenge distributions during their window. */
  public Bytes32 auditorRole() {
    return Bytes32.of(call("AUDITOR_ROLE()", contract.AUDITOR_ROLE()));
  }

  /** Whether {@code account} holds the settlement operator role. */
  public boolean isOperator(Address account) {
    return call(
        "hasRole(SETTLEMENT_OPERATOR_ROLE, " + account + ")",
        contract.hasRole(operatorRole().bytes(), account.value()));
  }

  // ---- events ----

  /**
   * The logs of {@code receipt} that this contract emitted, decoded by {@code decoder} (for example
   * {@code ClaimedEvent::decode}); other contracts' logs are ignored.
   */
  public <T> List<T> events(Receipt receipt, Function<ChainEvent, Optional<T>> decoder) {
    return EventLogs.in(receipt, address, decoder);
  }

  /**
   * Every distribution posted for pool {@code poolId} from block {@code fromBlock} to the head, in
   * chain order (one discarded after an upheld challenge included), read with {@code eth_getLogs}
   * filtered on the indexed pool id. The current one is the last whose root {@link #distribution}
   * shows; its event carries the report CID.
   */
  public List<DistributionPostedEvent> distributionPosted(BigInteger poolId, long fromBlock) {
    if (fromBlock < 0) {
      throw new IllegalArgumentException("fromBlock must not be negative, not " + fromBlock);
    }
    long head = chain.blockNumber();
    if (fromBlock > head) {
      return List.of(); // nothing was posted in blocks that do not exist yet (anvil refuses them)
    }
    EthFilter filter =
        new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(head)),
                address.value())
            .addSingleTopic(DISTRIBUTION_POSTED_TOPIC.hex())
            .addSingleTopic(
                Numeric.toHexStringWithPrefixZeroPadded(
                    ContractCalls.unsigned("poolId", poolId, 256), 64));
    String what =
        "eth_getLogs of DistributionPosted for pool "
            + poolId
            + " from block "
            + fromBlock
            + " at "
            + chain.rpcUrl();
    EthLog response;
    try {
      response = chain.web3j().ethGetLogs(filter).send();
    } catch (IOException e) {
      throw new ChainException("Could not reach the chain for " + what + ": " + e, e);
    }
    if (response.hasError()) {
      throw new ChainException(what + " failed: " + response.getError().getMessage());
    }
    List<DistributionPostedEvent> posted = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      if (!(result.get() instanceof Log log)) {
        throw new ChainException(what + " returned a filter id instead of a log");
      }
      if (!log.isRemoved()) {
        DistributionPostedEvent.decode(ChainEvent.fromLog(log)).ifPresent(posted::add);
      }
    }
    return posted;
  }

  private boolean exists(BigInteger poolId) {
    // ids are sequential and pools are never deleted, so the count decides existence
    return poolId.signum() > 0 && poolId.compareTo(poolCount()) <= 0;
  }

  private static <T> T call(String what, RemoteCall<T> call) {
    return ContractCalls.call(NAME, what, call);
  }

  /**
   * {@code PoolCreated(uint256 indexed poolId, uint256 indexed attestationId, address indexed
   * funder, address token, uint64 expiry)}.
   *
   * @param poolId the new pool
   * @param attestationId the attestation it rewards
   * @param funder its creator and only funder
   * @param token the ERC-20, or {@link Address#ZERO} for ETH
   * @param expiry when claims end, unix seconds
   */
  public record PoolCreatedEvent(
      BigInteger poolId, BigInteger attestationId, Address funder, Address token, long expiry) {
    public PoolCreatedEvent {
      if (poolId == null || attestationId == null || funder == null || token == null) {
        throw new IllegalArgumentException("A PoolCreated event has every field");
      }
    }

    /** The event {@code log} carries, or empty if it is another event. */
    public static Optional<PoolCreatedEvent> decode(ChainEvent log) {
      return EventLogs.decode(log, RewardDistributor.POOLCREATED_EVENT)
          .map(
              v ->
                  new PoolCreatedEvent(
                      v.indexedUint(0),
                      v.indexedUint(1),
                      v.indexedAddress(2),
                      v.dataAddress(0),
                      ContractCalls.seconds(v.dataUint(1))));
    }
  }

  /**
   * {@code PoolFunded(uint256 indexed poolId, address indexed funder, uint256 amountCredited)}.
   *
   * @param poolId the pool
   * @param funder who paid
   * @param amountCredited what the contract actually received (net of any token fee)
   */
  public record PoolFundedEvent(BigInteger poolId, Address funder, BigInteger amountCredited) {
    public PoolFundedEvent {
      if (poolId == null || funder == null || amountCredited == null) {
        throw new IllegalArgumentException("A PoolFunded event has every field");
      }
    }

    /** The event {@code log} carries, or empty if it is another event. */
    public static Optional<PoolFundedEvent> decode(ChainEvent log) {
      return EventLogs.decode(log, RewardDistributor.POOLFUNDED_EVENT)
          .map(v -> new PoolFundedEvent(v.indexedUint(0), v.indexedAddress(1), v.dataUint(0)));
    }
  }

  /**
   * {@code DistributionPosted(uint256 indexed poolId, bytes32 root, uint256 total, bytes32
   * reportDigest, string reportCid, uint64 challengeEndsAt, address indexed operator)}.
   *
   * @param poolId the pool
   * @param root the allocation tree's root
   * @param total the sum of its leaves
   * @param reportDigest SHA-256 of the settlement document
   * @param reportCid the document's IPFS CID
   * @param challengeEndsAt when claims open, unix seconds
   * @param operator the settlement operator that posted it
   */
  public record DistributionPostedEvent(
      BigInteger poolId,
      Bytes32 root,
      BigInteger total,
      Bytes32 reportDigest,
      String reportCid,
      long challengeEndsAt,
      Address operator) {
    public DistributionPostedEvent {
      if (poolId == null
          || root == null
          || total == null
          || reportDigest == null
          || reportCid == null
          || operator == null) {
        throw new IllegalArgumentException("A DistributionPosted event has every field");
      }
    }

    /** The event {@code log} carries, or empty if it is another event. */
    public static Optional<DistributionPostedEvent> decode(ChainEvent log) {
      return EventLogs.decode(log, RewardDistributor.DISTRIBUTIONPOSTED_EVENT)
          .map(
              v ->
                  new DistributionPostedEvent(
                      v.indexedUint(0),
                      v.dataBytes32(0),
                      v.dataUint(1),
                      v.dataBytes32(2),
                      v.dataString(3),
                      ContractCalls.seconds(v.dataUint(4)),
                      v.indexedAddress(1)));
    }
  }

  /**
   * {@code DistributionChallenged(uint256 indexed poolId, bytes32 root, address indexed auditor,
   * string reason)}.
   *
   * @param poolId the pool
   * @param root the frozen distribution's root
   * @param auditor who challenged
   * @param reason why
   */
  public record DistributionChallengedEvent(
      BigInteger poolId, Bytes32 root, Address auditor, String reason) {
    public DistributionChallengedEvent {
      if (poolId == null || root == null || auditor == null || reason == null) {
        throw new IllegalArgumentException("A DistributionChallenged event has every field");
      }
    }

    /** The event {@code log} carries, or empty if it is another event. */
    public static Optional<DistributionChallengedEvent> decode(ChainEvent log) {
      return EventLogs.decode(log, RewardDistributor.DISTRIBUTIONCHALLENGED_EVENT)
          .map(
              v ->
                  new DistributionChallengedEvent(
                      v.indexedUint(0), v.dataBytes32(0), v.indexedAddress(1), v.dataString(1)));
    }
  }

  /**
   * {@code ChallengeResolved(uint256 indexed poolId, bytes32 root, bool upheld)}.
   *
   * @param poolId the pool
   * @param root the challenged distribution's root
   * @param upheld whether it was discarded (true) or unfrozen (false)
   */
  public record ChallengeResolvedEvent(BigInteger poolId, Bytes32 root, boolean upheld) {
    public ChallengeResolvedEvent {
      if (poolId == null || root == null) {
        throw new IllegalArgumentException("A ChallengeResolved event has every field");
      }
    }

    /** The event {@code log} carries, or empty if it is another event. */
    public static Optional<ChallengeResolvedEvent> decode(ChainEvent log) {
      return EventLogs.decode(log, RewardDistributor.CHALLENGERESOLVED_EVENT)
          .map(v -> new ChallengeResolvedEvent(v.indexedUint(0), v.dataBytes32(0), v.dataBool(1)));
    }
  }

  /**
   * {@code Claimed(uint256 indexed poolId, uint256 indexed index, address indexed account, uint256
   * amount)}.
   *
   * @param poolId the pool
   * @param index the paid leaf's index (an index beyond a Java long is refused as malformed)
   * @param account who was paid
   * @param amount how much
   */
  public record ClaimedEvent(BigInteger poolId, long index, Address account, BigInteger amount) {
    public ClaimedEvent {
      if (poolId == null || index < 0 || account == null || amount == null) {
        throw new IllegalArgumentException("A Claimed event has every field and an index >= 0");
      }
    }

    /** The event {@code log} carries, or empty if it is another event. */
    public static Optional<ClaimedEvent> decode(ChainEvent log) {
      return EventLogs.decode(log, RewardDistributor.CLAIMED_EVENT)
          .map(
              v ->
                  new ClaimedEvent(
                      v.indexedUint(0),
                      v.asLong("index", v.indexedUint(1)),
                      v.indexedAddress(2),
                      v.dataUint(0)));
    }
  }
}
