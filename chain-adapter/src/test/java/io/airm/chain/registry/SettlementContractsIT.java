package io.airm.chain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.ChainException;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.AllocationTree;
import io.airm.chain.registry.RewardDistributorContract.ChallengeResolvedEvent;
import io.airm.chain.registry.RewardDistributorContract.ClaimedEvent;
import io.airm.chain.registry.RewardDistributorContract.DistributionChallengedEvent;
import io.airm.chain.registry.RewardDistributorContract.DistributionPostedEvent;
import io.airm.chain.registry.RewardDistributorContract.PoolCreatedEvent;
import io.airm.chain.registry.RewardDistributorContract.PoolFundedEvent;
import io.airm.chain.registry.UsageAttestationsContract.AttestedEvent;
import io.airm.chain.testing.TestAnvil;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.InMemoryTransactionJournal;
import io.airm.chain.tx.Receipt;
import io.airm.chain.tx.TransactionPipeline;
import io.airm.chain.tx.TransactionSigner;
import io.airm.chain.tx.TxOutcome;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * UsageAttestations, RewardDistributor and the dev token through their Java classes on a real
 * anvil: every read and every encoder against the deployed contracts, writes sent through a {@link
 * TransactionPipeline}, events decoded from the mined receipts and from eth_getLogs.
 */
class SettlementContractsIT {
  // dev 3 deploys and does nothing else, so that the pipelines' nonces are theirs alone
  private static final Credentials DEPLOYER = Credentials.create(TestAnvil.devKey(3));
  private static final Credentials ADMIN = Credentials.create(TestAnvil.devKey(0));
  private static final Credentials OPERATOR = Credentials.create(TestAnvil.devKey(1));
  private static final Credentials OTHER = Credentials.create(TestAnvil.devKey(2));
  private static final Address ADMIN_ADDRESS = Address.parse(ADMIN.getAddress());
  private static final Address OPERATOR_ADDRESS = Address.parse(OPERATOR.getAddress());
  private static final Address OTHER_ADDRESS = Address.parse(OTHER.getAddress());
  private static final long WINDOW = 30;

  private static TestAnvil anvil;
  private static ChainClient chain;
  private static final InMemoryTransactionJournal JOURNAL = new InMemoryTransactionJournal();
  private static final Map<String, TransactionPipeline> PIPELINES = new HashMap<>();

  @BeforeAll
  static void startAnvil() throws Exception {
    anvil = TestAnvil.start();
    chain = ChainClient.connect(anvil.rpcUrl());
  }

  @AfterAll
  static void stopAnvil() {
    PIPELINES.values().forEach(TransactionPipeline::close);
    if (chain != null) {
      chain.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  private static synchronized TransactionPipeline pipeline(Credentials key) {
    return PIPELINES.computeIfAbsent(
        key.getAddress(),
        k -> {
          var settings =
              new TransactionPipeline.Settings(
                  Duration.ofMillis(50),
                  Duration.ofSeconds(3),
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(20),
                  1);
          TransactionPipeline pipeline =
              TransactionPipeline.create(
                  chain,
                  new TransactionSigner(chain, key, FeePolicy.defaults()),
                  JOURNAL,
                  settings,
                  Clock.systemUTC());
          pipeline.start();
          return pipeline;
        });
  }

  /** Sends {@code data} from {@code key} and returns the receipt of its successful mining. */
  private static Receipt send(Credentials key, Address to, String data, BigInteger value)
      throws Exception {
    TxOutcome outcome =
        pipeline(key).submit(to, data, value, "test").outcome().get(20, TimeUnit.SECONDS);
    assertThat(outcome.kind()).isEqualTo(TxOutcome.Kind.MINED);
    Receipt receipt = outcome.receipt().orElseThrow();
    assertThat(receipt.succeeded()).as("status of %s", receipt.transactionHash()).isTrue();
    return receipt;
  }

  private static Receipt send(Credentials key, Address to, String data) throws Exception {
    return send(key, to, data, BigInteger.ZERO);
  }

  private static long blockTime(long number) throws Exception {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  private static long now() throws Exception {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  private static BigInteger ethBalance(Address account) throws Exception {
    return chain
        .web3j()
        .ethGetBalance(account.value(), DefaultBlockParameterName.LATEST)
        .send()
        .getBalance();
  }

  private static Bytes32 keccak(String text) {
    return Bytes32.of(Hash.sha3(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Address fresh(int n) {
    return Address.parse(String.format("0x%040x", 0xC1A1_0000L + n));
  }

  // ---- UsageAttestations ----

  @Test
  void usageAttestations_relaysASignedAttestation_andReadsItBackWithItsDigest() throws Exception {
    Deployment deployment = UsageAttestationsContract.deploy(chain, DEPLOYER, ADMIN_ADDRESS);
    var attestations = new UsageAttestationsContract(chain, deployment.address());
    Address attester = OPERATOR_ADDRESS; // signs only; OTHER relays

    assertThat(attestations.address()).isEqualTo(deployment.address());
    assertThat(attestations.isDeployed()).isTrue();
    assertThat(new UsageAttestationsContract(chain, fresh(0)).isDeployed()).isFalse();
    assertThat(attestations.domain())
        .isEqualTo(AttestationMessage.domain(chain.chainId(), deployment.address()));
    assertThat(attestations.attesterRole()).isEqualTo(keccak("ATTESTER_ROLE"));
    assertThat(attestations.isAttester(attester)).isFalse();
    assertThat(attestations.attestationCount()).isZero();

    Receipt granted = send(ADMIN, deployment.address(), attestations.encodeGrantAttester(attester));
    assertThat(attestations.isAttester(attester)).isTrue();
    assertThat(attestations.events(granted, AttestedEvent::decode))
        .as("RoleGranted is not an Attested event")
        .isEmpty();
    assertThat(attestations.nonce(attester)).isZero();

    AttestationMessage message =
        new AttestationMessage(
            keccak("airm-it-model"),
            "2026-11 ü",
            keccak("works root"),
            3,
            keccak("evidence"),
            attester,
            attestations.nonce(attester),
            BigInteger.valueOf(now() + 3600));
    Bytes32 digest = message.digest(attestations.domain());
    assertThat(attestations.hashAttestation(message)).isEqualTo(digest);
    EthSignature signature = EthSignature.sign(digest, OPERATOR.getEcKeyPair());

    Receipt relayed =
        send(OTHER, deployment.address(), attestations.encodeAttestBySig(message, signature));

    AttestedEvent expectedEvent =
        new AttestedEvent(
            BigInteger.ONE,
            attester,
            digest,
            message.modelId(),
            message.modelVersion(),
            message.worksRoot(),
            3,
            message.evidenceDigest());
    assertThat(attestations.events(relayed, AttestedEvent::decode)).containsExactly(expectedEvent);
    assertThat(relayed.logs().get(0).signature())
        .contains(UsageAttestationsContract.ATTESTED_TOPIC);
    assertThat(attestations.attestationCount()).isEqualTo(BigInteger.ONE);
    assertThat(attestations.nonce(attester)).isEqualTo(BigInteger.ONE);
    assertThat(attestations.attestation(BigInteger.ONE))
        .contains(
            new OnChainAttestation(
                BigInteger.ONE,
                attester,
                blockTime(relayed.blockNumber()),
                false,
                3,
                message.modelId(),
                keccak(message.modelVersion()),
                message.worksRoot(),
                message.evidenceDigest(),
                digest));
    assertThat(attestations.attestation(BigInteger.ZERO)).isEmpty();
    assertThat(attestations.attestation(BigInteger.TWO)).isEmpty();

    // the same signature again: its nonce is used, so the contract refuses it before any nonce
    // of the relayer is spent
    assertThatThrownBy(
            () ->
                pipeline(OTHER)
                    .submit(
                        deployment.address(),
                        attestations.encodeAttestBySig(message, signature),
                        BigInteger.ZERO,
                        "replay"))
        .isInstanceOf(ChainException.class);

    send(ADMIN, deployment.address(), attestations.encodeRevokeAttester(attester));
    assertThat(attestations.isAttester(attester)).isFalse();
  }

  // ---- RewardDistributor ----

  private static RewardDistributorContract deployDistributor() {
    Deployment deployment =
        RewardDistributorContract.deploy(
            chain,
            DEPLOYER,
            ADMIN_ADDRESS,
            OPERATOR_ADDRESS,
            OTHER_ADDRESS,
            ADMIN_ADDRESS,
            WINDOW,
            3600);
    return new RewardDistributorContract(chain, deployment.address());
  }

  private static AllocationTree tree(BigInteger... amounts) {
    List<AllocationTree.Claim> claims =
        java.util.stream.IntStream.range(0, amounts.length)
            .mapToObj(i -> new AllocationTree.Claim(i, fresh(100 + i), amounts[i]))
            .toList();
    return AllocationTree.of(claims);
  }

  /** Creates pool, checks PoolCreated and the pool view; returns the pool id. */
  private static BigInteger createPool(
      RewardDistributorContract distributor, BigInteger attestationId, Address token, long expiry)
      throws Exception {
    BigInteger expectedId = distributor.poolCount().add(BigInteger.ONE);
    Receipt created =
        send(
            ADMIN,
            distributor.address(),
            distributor.encodeCreatePool(attestationId, token, expiry));
    assertThat(distributor.events(created, PoolCreatedEvent::decode))
        .containsExactly(
            new PoolCreatedEvent(expectedId, attestationId, ADMIN_ADDRESS, token, expiry));
    assertThat(created.logs().get(0).signature())
        .contains(RewardDistributorContract.POOL_CREATED_TOPIC);
    return expectedId;
  }

  @Test
  void rewardDistributor_ethPool_createFundPostClaim_withEveryViewAndEvent() throws Exception {
    RewardDistributorContract distributor = deployDistributor();
    long deployedAt = chain.blockNumber();
    assertThat(distributor.isDeployed()).isTrue();
    assertThat(distributor.challengeWindow()).isEqualTo(WINDOW);
    assertThat(distributor.poolCount()).isZero();
    assertThat(distributor.operatorRole()).isEqualTo(keccak("SETTLEMENT_OPERATOR_ROLE"));
    assertThat(distributor.auditorRole()).isEqualTo(keccak("AUDITOR_ROLE"));
    assertThat(distributor.isOperator(OPERATOR_ADDRESS)).isTrue();
    assertThat(distributor.isOperator(ADMIN_ADDRESS)).isFalse();
    assertThat(distributor.pool(BigInteger.ONE)).isEmpty();
    assertThatThrownBy(() -> distributor.distribution(BigInteger.ONE))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("no pool 1");

    long expiry = now() + 86_400;
    BigInteger poolId = createPool(distributor, BigInteger.valueOf(7), Address.ZERO, expiry);
    assertThat(poolId).isEqualTo(BigInteger.ONE);
    assertThat(distributor.poolCount()).isEqualTo(BigInteger.ONE);
    assertThat(distributor.distribution(poolId))
        .isEqualTo(
            new DistributionInfo(
                Bytes32.ZERO, BigInteger.ZERO, Bytes32.ZERO, 0, 0, DistributionStatus.NONE));

    AllocationTree tree =
        tree(BigInteger.valueOf(1_000), BigInteger.valueOf(2_500), BigInteger.valueOf(40));
    BigInteger total = BigInteger.valueOf(3_540);
    Receipt funded =
        send(ADMIN, distributor.address(), distributor.encodeFund(poolId, total), total);
    assertThat(distributor.events(funded, PoolFundedEvent::decode))
        .containsExactly(new PoolFundedEvent(poolId, ADMIN_ADDRESS, total));
    assertThat(funded.logs().get(0).signature())
        .contains(RewardDistributorContract.POOL_FUNDED_TOPIC);
    assertThat(distributor.pool(poolId))
        .contains(
            new PoolInfo(
                Address.ZERO,
                expiry,
                ADMIN_ADDRESS,
                0,
                BigInteger.valueOf(7),
                total,
                BigInteger.ZERO,
                BigInteger.ZERO));
    assertThat(distributor.pool(poolId).orElseThrow().isEth()).isTrue();

    // a second pool with its own distribution, so that the log filter on the pool id is tested
    BigInteger otherPool = createPool(distributor, BigInteger.valueOf(8), Address.ZERO, expiry);
    send(ADMIN, distributor.address(), distributor.encodeFund(otherPool, total), total);
    send(
        OPERATOR,
        distributor.address(),
        distributor.encodePostDistribution(
            otherPool, tree.root(), total, keccak("other report"), "bafy-other"));

    Bytes32 reportDigest = keccak("report");
    Receipt posted =
        send(
            OPERATOR,
            distributor.address(),
            distributor.encodePostDistribution(
                poolId, tree.root(), total, reportDigest, "bafkreport"));
    long postedAt = blockTime(posted.blockNumber());
    DistributionPostedEvent postedEvent =
        new DistributionPostedEvent(
            poolId,
            tree.root(),
            total,
            reportDigest,
            "bafkreport",
            postedAt + WINDOW,
            OPERATOR_ADDRESS);
    assertThat(distributor.events(posted, DistributionPostedEvent::decode))
        .containsExactly(postedEvent);
    assertThat(posted.logs().get(0).signature())
        .contains(RewardDistributorContract.DISTRIBUTION_POSTED_TOPIC);
    assertThat(distributor.distributionPosted(poolId, deployedAt)).containsExactly(postedEvent);
    assertThat(distributor.distributionPosted(poolId, posted.blockNumber() + 1)).isEmpty();
    assertThat(distributor.distributionPosted(BigInteger.valueOf(3), deployedAt)).isEmpty();
    assertThat(distributor.distribution(poolId))
        .isEqualTo(
            new DistributionInfo(
                tree.root(),
                total,
                reportDigest,
                postedAt,
                postedAt + WINDOW,
                DistributionStatus.POSTED));

    AllocationTree.Claim claim = new AllocationTree.Claim(1, fresh(101), BigInteger.valueOf(2_500));
    List<Bytes32> proof = tree.proof(claim.index());
    assertThat(distributor.verifyClaim(poolId, 1, claim.account(), claim.amount(), proof)).isTrue();
    assertThat(
            distributor.verifyClaim(
                poolId, 1, claim.account(), claim.amount().add(BigInteger.ONE), proof))
        .isFalse();
    assertThat(distributor.verifyClaim(poolId, 0, claim.account(), claim.amount(), proof))
        .isFalse();
    assertThat(distributor.claimsOpen(poolId)).isFalse();

    anvil.advanceTime(WINDOW + 1);
    assertThat(distributor.claimsOpen(poolId)).isTrue();
    assertThat(distributor.isClaimed(poolId, 1)).isFalse();
    Receipt claimed =
        send(
            OTHER,
            distributor.address(),
            distributor.encodeClaim(poolId, 1, claim.account(), claim.amount(), proof));
    assertThat(distributor.events(claimed, ClaimedEvent::decode))
        .containsExactly(new ClaimedEvent(poolId, 1, claim.account(), claim.amount()));
    assertThat(claimed.logs().get(0).signature()).contains(RewardDistributorContract.CLAIMED_TOPIC);
    assertThat(distributor.isClaimed(poolId, 1)).isTrue();
    assertThat(distributor.isClaimed(poolId, 0)).isFalse();
    assertThat(ethBalance(claim.account())).isEqualTo(claim.amount());
    assertThat(distributor.pool(poolId).orElseThrow().claimed()).isEqualTo(claim.amount());

    // roles: the admin makes another operator
    assertThat(distributor.isOperator(OTHER_ADDRESS)).isFalse();
    send(
        ADMIN,
        distributor.address(),
        distributor.encodeGrantRole(distributor.operatorRole(), OTHER_ADDRESS));
    assertThat(distributor.isOperator(OTHER_ADDRESS)).isTrue();
  }

  @Test
  void rewardDistributor_challengeUpheld_discardsTheDistribution_andAnotherCanBePosted()
      throws Exception {
    RewardDistributorContract distributor = deployDistributor();
    long deployedAt = chain.blockNumber();
    BigInteger poolId = createPool(distributor, BigInteger.ONE, Address.ZERO, now() + 86_400);
    BigInteger total = BigInteger.valueOf(100);
    send(ADMIN, distributor.address(), distributor.encodeFund(poolId, total), total);
    AllocationTree wrong = tree(BigInteger.valueOf(100));
    send(
        OPERATOR,
        distributor.address(),
        distributor.encodePostDistribution(poolId, wrong.root(), total, keccak("r1"), "bafk-1"));

    Receipt challenged =
        send(OTHER, distributor.address(), distributor.encodeChallenge(poolId, "wrong payee"));
    assertThat(distributor.events(challenged, DistributionChallengedEvent::decode))
        .containsExactly(
            new DistributionChallengedEvent(poolId, wrong.root(), OTHER_ADDRESS, "wrong payee"));
    assertThat(challenged.logs().get(0).signature())
        .contains(RewardDistributorContract.DISTRIBUTION_CHALLENGED_TOPIC);
    assertThat(distributor.distribution(poolId).status()).isEqualTo(DistributionStatus.CHALLENGED);
    assertThat(distributor.claimsOpen(poolId)).isFalse();

    Receipt resolved =
        send(ADMIN, distributor.address(), distributor.encodeResolveChallenge(poolId, true));
    assertThat(distributor.events(resolved, ChallengeResolvedEvent::decode))
        .containsExactly(new ChallengeResolvedEvent(poolId, wrong.root(), true));
    assertThat(resolved.logs().get(0).signature())
        .contains(RewardDistributorContract.CHALLENGE_RESOLVED_TOPIC);
    assertThat(distributor.events(resolved, ClaimedEvent::decode)).isEmpty();
    assertThat(distributor.distribution(poolId).status()).isEqualTo(DistributionStatus.NONE);

    AllocationTree right = tree(BigInteger.valueOf(60), BigInteger.valueOf(40));
    send(
        OPERATOR,
        distributor.address(),
        distributor.encodePostDistribution(poolId, right.root(), total, keccak("r2"), "bafk-2"));
    // an auditor finds both reports, in order; the distribution view says which one stands
    assertThat(distributor.distributionPosted(poolId, deployedAt))
        .extracting(DistributionPostedEvent::reportCid)
        .containsExactly("bafk-1", "bafk-2");
    assertThat(distributor.distribution(poolId).root()).isEqualTo(right.root());
  }

  // ---- DevToken ----

  @Test
  void devTokenPool_approveFundAndClaimInTokens() throws Exception {
    Deployment tokenDeployment = Erc20Contract.deployDevToken(chain, DEPLOYER);
    Erc20Contract token = new Erc20Contract(chain, tokenDeployment.address());
    assertThat(token.address()).isEqualTo(tokenDeployment.address());
    assertThat(token.isDeployed()).isTrue();
    assertThat(token.decimals()).isEqualTo(18);
    assertThat(token.balanceOf(ADMIN_ADDRESS)).isZero();

    BigInteger supply = BigInteger.TEN.pow(21);
    send(ADMIN, token.address(), token.encodeMint(ADMIN_ADDRESS, supply));
    assertThat(token.balanceOf(ADMIN_ADDRESS)).isEqualTo(supply);
    send(ADMIN, token.address(), token.encodeTransfer(OTHER_ADDRESS, BigInteger.valueOf(5)));
    assertThat(token.balanceOf(OTHER_ADDRESS)).isEqualTo(BigInteger.valueOf(5));

    RewardDistributorContract distributor = deployDistributor();
    BigInteger total = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(3));
    send(ADMIN, token.address(), token.encodeApprove(distributor.address(), total));
    assertThat(token.allowance(ADMIN_ADDRESS, distributor.address())).isEqualTo(total);

    BigInteger poolId =
        createPool(distributor, BigInteger.valueOf(9), token.address(), now() + 86_400);
    assertThat(distributor.pool(poolId).orElseThrow().isEth()).isFalse();
    Receipt funded = send(ADMIN, distributor.address(), distributor.encodeFund(poolId, total));
    assertThat(distributor.events(funded, PoolFundedEvent::decode))
        .containsExactly(new PoolFundedEvent(poolId, ADMIN_ADDRESS, total));
    assertThat(token.balanceOf(distributor.address())).isEqualTo(total);
    assertThat(token.allowance(ADMIN_ADDRESS, distributor.address())).isZero();

    BigInteger share = BigInteger.TEN.pow(18);
    AllocationTree tree = tree(share, share.multiply(BigInteger.TWO));
    send(
        OPERATOR,
        distributor.address(),
        distributor.encodePostDistribution(poolId, tree.root(), total, keccak("r"), "bafk-t"));
    anvil.advanceTime(WINDOW + 1);
    Address payee = fresh(100);
    Receipt claimed =
        send(
            OTHER,
            distributor.address(),
            distributor.encodeClaim(poolId, 0, payee, share, tree.proof(0)));
    assertThat(distributor.events(claimed, ClaimedEvent::decode))
        .containsExactly(new ClaimedEvent(poolId, 0, payee, share));
    assertThat(token.balanceOf(payee)).isEqualTo(share);
    assertThat(token.balanceOf(distributor.address())).isEqualTo(total.subtract(share));
  }
}
