package io.airm.node.settle;

import io.airm.chain.ChainException;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.Attestation;
import io.airm.node.domain.AttestationChain;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.AttestationStore;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import io.airm.node.domain.Work;
import io.airm.node.domain.WorkStore;
import io.airm.node.settlement.Evidence;
import io.airm.node.settlement.WorksRoot;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Accepts usage attestations. Everything is checked before anything is written: the deadline, the
 * signature (low-s, by the attester, under {@code UsageAttestations}' domain), the attester's role
 * and next nonce, the evidence against its signed digest, the works against the signed root and
 * count, and every work's registration (registered, AI training permitted). Then the evidence is
 * stored in IPFS and, in one transaction, the attestation and its log leaf.
 */
public final class AttestationService {
  /** The most works one attestation may name. */
  public static final int MAX_WORKS = 100_000;

  private final AttestationChain chain;
  private final AttestationStore attestations;
  private final WorkStore works;
  private final ContentStore content;
  private final Clock clock;

  public AttestationService(
      AttestationChain chain,
      AttestationStore attestations,
      WorkStore works,
      ContentStore content,
      Clock clock) {
    this.chain = chain;
    this.attestations = attestations;
    this.works = works;
    this.content = content;
    this.clock = clock;
  }

  /** The outcome: the stored attestation and whether this request created it. */
  public record Result(Attestation attestation, boolean created) {}

  /** Verifies and stores an attestation, or answers the stored one for a replay. */
  public Result submit(AttestationSubmission submission) {
    AttestationMessage message = submission.message();
    Instant now = clock.instant();
    if (message.deadline().compareTo(BigInteger.valueOf(now.getEpochSecond())) < 0) {
      throw new RegistryException(
          ErrorKind.EXPIRED,
          "The attestation's deadline "
              + message.deadline()
              + " (unix seconds) has passed; the node's time is "
              + now.getEpochSecond());
    }
    Bytes32 id = message.digest(chain.domain());
    EthSignature signature = checkSignature(message, submission.signatureHex(), id);
    Optional<Attestation> replay = attestations.find(id);
    if (replay.isPresent()) {
      return new Result(replay.get(), false);
    }

    Evidence evidence;
    try {
      evidence = Evidence.parse(submission.evidence());
    } catch (IllegalArgumentException e) {
      throw new RegistryException(ErrorKind.INVALID_REQUEST, e.getMessage(), e);
    }
    if (!evidence.digest().equals(message.evidenceDigest())) {
      throw new RegistryException(
          ErrorKind.CONTENT_MISMATCH,
          "The evidence hashes to "
              + evidence.digest()
              + " (SHA-256 of its canonical JSON), but the attestation signs evidenceDigest "
              + message.evidenceDigest());
    }
    List<Bytes32> used = evidence.works();
    if (used.size() > MAX_WORKS) {
      throw new RegistryException(
          ErrorKind.TOO_LARGE,
          "An attestation may name at most " + MAX_WORKS + " works, not " + used.size());
    }
    if (used.size() != message.workCount()) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "The evidence lists "
              + used.size()
              + " works, but the attestation signs workCount "
              + message.workCount());
    }
    Bytes32 root = WorksRoot.of(used);
    if (!root.equals(message.worksRoot())) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "The evidence's works have the root "
              + root
              + " (RFC 6962 over the sorted ids), but the attestation signs worksRoot "
              + message.worksRoot());
    }
    for (Bytes32 workId : used) {
      Work work =
          works
              .find(workId)
              .orElseThrow(
                  () ->
                      new RegistryException(
                          ErrorKind.UNKNOWN_REFERENCE,
                          "Work " + workId + " is not registered in this registry"));
      if (!work.registration().aiTraining()) {
        throw new RegistryException(
            ErrorKind.LICENCE_FORBIDS,
            "Work "
                + workId
                + " is registered under licence \""
                + work.registration().licence()
                + "\" with AI training forbidden; it cannot be attested as training data");
      }
    }
    checkAttester(message.attester());
    checkNonce(message);

    byte[] bytes = evidence.canonicalBytes();
    ContentStore.ContentSource source = () -> new ByteArrayInputStream(bytes);
    String cid = content.identify(source).cidV1();
    content.store(source, cid);

    Attestation attestation =
        new Attestation(
            id,
            message,
            signature,
            used,
            cid,
            -1,
            AttestationState.PENDING,
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            now);
    try {
      return new Result(attestations.insert(attestation), true);
    } catch (AttestationStore.DuplicateAttestationException race) {
      Optional<Attestation> stored = attestations.find(id);
      if (stored.isPresent()) {
        return new Result(stored.get(), false);
      }
      throw new RegistryException(
          ErrorKind.NONCE_REUSED,
          "Attester "
              + message.attester()
              + " already used nonce "
              + message.nonce()
              + " for another attestation; sign with the next nonce",
          race);
    }
  }

  private EthSignature checkSignature(
      AttestationMessage message, String signatureHex, Bytes32 digest) {
    EthSignature signature;
    Address signer;
    try {
      signature = EthSignature.parse(signatureHex);
      signer = signature.recover(digest);
    } catch (ChainException e) {
      throw new RegistryException(ErrorKind.INVALID_SIGNATURE, e.getMessage(), e);
    }
    if (!signer.equals(message.attester())) {
      throw new RegistryException(
          ErrorKind.INVALID_SIGNATURE,
          "The signature recovers "
              + signer
              + ", not the attester "
              + message.attester()
              + ": sign the EIP-712 Attestation with the attester's key under this registry's"
              + " UsageAttestations domain (GET /v1/registry)");
    }
    return signature;
  }

  private void checkAttester(Address attester) {
    if (!chain.isAttester(attester)) {
      throw new RegistryException(
          ErrorKind.FORBIDDEN,
          "Account "
              + attester
              + " does not hold ATTESTER_ROLE on UsageAttestations; an admin grants it"
              + " (airm attester grant, or POST /v1/admin/attesters)");
    }
  }

  private void checkNonce(AttestationMessage message) {
    BigInteger expected = nextNonce(message.attester());
    if (!message.nonce().equals(expected)) {
      throw new RegistryException(
          ErrorKind.NONCE_REUSED,
          "Attester "
              + message.attester()
              + "'s next nonce is "
              + expected
              + " (on chain, after the attestations this node holds), not "
              + message.nonce());
    }
  }

  /**
   * The nonce the attester's next attestation must carry: the contract's next nonce, or one past
   * the highest this node holds if that is further on (the node holds attestations it has not yet
   * relayed, and relays them in nonce order). A failed attestation holds no nonce: when one fails
   * with its nonce unused on chain, the relayer fails the attester's later pending ones too, and
   * this is that nonce again.
   */
  public BigInteger nextNonce(Address attester) {
    return nextNonce(attester, chain.nonce(attester));
  }

  private BigInteger nextNonce(Address attester, BigInteger chainNonce) {
    Optional<BigInteger> stored = attestations.highestNonce(attester);
    if (stored.isPresent() && stored.get().add(BigInteger.ONE).compareTo(chainNonce) > 0) {
      return stored.get().add(BigInteger.ONE);
    }
    return chainNonce;
  }

  /**
   * What the node knows of an account as an attester.
   *
   * @param account the account
   * @param attester whether it holds ATTESTER_ROLE on {@code UsageAttestations}
   * @param chainNonce its next nonce on the contract
   * @param nextNonce the nonce its next attestation to this node must carry
   * @param pending how many of its attestations this node holds that the chain has not recorded
   */
  public record AttesterStatus(
      Address account,
      boolean attester,
      BigInteger chainNonce,
      BigInteger nextNonce,
      long pending) {}

  /**
   * The account's role, nonces and unrecorded attestations (the chain's nonce read once).
   *
   * @throws RegistryException {@link ErrorKind#UNAVAILABLE} if the chain cannot be read
   */
  public AttesterStatus attester(Address account) {
    BigInteger chainNonce;
    boolean attester;
    try {
      chainNonce = chain.nonce(account);
      attester = chain.isAttester(account);
    } catch (ChainException e) {
      // the cause names the RPC URL, which may carry a provider's key: it stays out of the answer
      throw new RegistryException(
          ErrorKind.UNAVAILABLE,
          "UsageAttestations could not be read for "
              + account
              + ": the node's chain endpoint failed; try again",
          e);
    }
    return new AttesterStatus(
        account,
        attester,
        chainNonce,
        nextNonce(account, chainNonce),
        attestations.unrecorded(account));
  }
}
