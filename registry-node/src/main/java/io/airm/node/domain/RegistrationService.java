package io.airm.node.domain;

import io.airm.chain.ChainException;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.ipfs.cid.Cid;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;

/**
 * Accepts work registrations. Everything is checked before anything is written: the fields, the
 * deadline, the signature (low-s, by the creator, under this registry's domain), the nonce, the
 * content against its hash and CID; then the content is stored and, in one transaction, the work
 * and its log leaf.
 */
public final class RegistrationService {
  /** The most parents (provenance claims) one registration may name. */
  public static final int MAX_PARENTS = 64;

  /** The longest licence string accepted. */
  public static final int MAX_LICENCE_LENGTH = 256;

  /** The longest metadata document accepted, in bytes. */
  public static final int MAX_METADATA_BYTES = 65_536;

  private final Eip712Domain domain;
  private final WorkStore works;
  private final ContentStore content;
  private final Clock clock;

  public RegistrationService(
      Eip712Domain domain, WorkStore works, ContentStore content, Clock clock) {
    this.domain = domain;
    this.works = works;
    this.content = content;
    this.clock = clock;
  }

  /** The domain registrations must be signed under. */
  public Eip712Domain domain() {
    return domain;
  }

  /** Verifies and stores a registration, or answers the stored one for a replay. */
  public RegistrationResult register(RegistrationRequest request) {
    WorkRegistration registration = request.registration();
    checkFields(registration, request.metadata());
    checkClaimedDomain(request);
    Instant now = clock.instant();
    if (registration.deadline().compareTo(BigInteger.valueOf(now.getEpochSecond())) < 0) {
      throw new RegistryException(
          ErrorKind.EXPIRED,
          "The registration's deadline "
              + registration.deadline()
              + " (unix seconds) has passed; the node's time is "
              + now.getEpochSecond()
              + ". Sign again with a later deadline.");
    }
    Bytes32 workId = registration.digest(domain);
    EthSignature signature = checkSignature(registration, request.signatureHex(), workId);

    Optional<Work> replay = works.find(workId);
    if (replay.isPresent()) {
      return new RegistrationResult(replay.get(), false);
    }
    checkNonceUnused(registration);
    checkParentsRegistered(registration);

    boolean contentStored = false;
    if (request.content().isPresent()) {
      ContentStore.ContentSource source = request.content().get();
      ContentStore.ContentIdentity identity = content.identify(source);
      if (!identity.sha256().equals(registration.contentHash())) {
        throw new RegistryException(
            ErrorKind.CONTENT_MISMATCH,
            "The uploaded content hashes to "
                + identity.sha256()
                + " (SHA-256), but the registration signs contentHash "
                + registration.contentHash());
      }
      if (!identity.matches(registration.cid())) {
        throw new RegistryException(
            ErrorKind.CONTENT_MISMATCH,
            "The uploaded content has CID "
                + identity.cidV0()
                + " (CIDv0) or "
                + identity.cidV1()
                + " (CIDv1, raw leaves), but the registration signs cid "
                + registration.cid());
      }
      content.store(source, registration.cid());
      contentStored = true;
    }

    NewWork work =
        new NewWork(workId, registration, signature, request.metadata(), contentStored, now);
    try {
      return new RegistrationResult(works.insert(work), true);
    } catch (WorkStore.DuplicateWorkException race) {
      // a concurrent request stored the same registration or nonce first
      Optional<Work> stored = works.find(workId);
      if (stored.isPresent()) {
        return new RegistrationResult(stored.get(), false);
      }
      checkNonceUnused(registration);
      throw new RegistryException(
          ErrorKind.UNAVAILABLE, "A concurrent write conflicted; retry the request", race);
    }
  }

  private static void checkFields(WorkRegistration registration, Optional<String> metadata) {
    try {
      Cid.parse(registration.cid());
    } catch (RuntimeException e) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST, "The registration's cid is not a CID: " + e.getMessage(), e);
    }
    if (registration.licence().isBlank() || registration.licence().length() > MAX_LICENCE_LENGTH) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "The licence must be an SPDX expression or a licence URI of 1 to "
              + MAX_LICENCE_LENGTH
              + " characters");
    }
    if (registration.parents().size() > MAX_PARENTS) {
      throw new RegistryException(
          ErrorKind.INVALID_REQUEST,
          "A registration may name at most "
              + MAX_PARENTS
              + " parents, not "
              + registration.parents().size());
    }
    if (new HashSet<>(registration.parents()).size() != registration.parents().size()) {
      throw new RegistryException(ErrorKind.INVALID_REQUEST, "The parents list repeats a work id");
    }
    if (metadata.isPresent()) {
      byte[] bytes = metadata.get().getBytes(StandardCharsets.UTF_8);
      if (bytes.length > MAX_METADATA_BYTES) {
        throw new RegistryException(
            ErrorKind.TOO_LARGE,
            "The metadata document is "
                + bytes.length
                + " bytes; the limit is "
                + MAX_METADATA_BYTES);
      }
      Bytes32 hash = sha256(bytes);
      if (!hash.equals(registration.metadataHash())) {
        throw new RegistryException(
            ErrorKind.CONTENT_MISMATCH,
            "The metadata document hashes to "
                + hash
                + " (SHA-256 of its UTF-8 bytes), but the registration signs metadataHash "
                + registration.metadataHash());
      }
    }
  }

  private void checkClaimedDomain(RegistrationRequest request) {
    if (request.claimedChainId().isPresent()
        && request.claimedChainId().getAsLong() != domain.chainId().longValue()) {
      throw new RegistryException(
          ErrorKind.INVALID_SIGNATURE,
          "The registration was signed for chain id "
              + request.claimedChainId().getAsLong()
              + ", but this registry is on chain id "
              + domain.chainId()
              + ". Sign again with this registry's domain (GET /v1/registry).");
    }
    if (request.claimedRegistry().isPresent()
        && !request.claimedRegistry().get().equals(domain.verifyingContract())) {
      throw new RegistryException(
          ErrorKind.INVALID_SIGNATURE,
          "The registration was signed for registry "
              + request.claimedRegistry().get()
              + ", but this registry is "
              + domain.verifyingContract()
              + ". Sign again with this registry's domain (GET /v1/registry).");
    }
  }

  private static EthSignature checkSignature(
      WorkRegistration registration, String signatureHex, Bytes32 digest) {
    Address signer;
    EthSignature signature;
    try {
      signature = EthSignature.parse(signatureHex);
      signer = signature.recover(digest);
    } catch (ChainException e) {
      throw new RegistryException(ErrorKind.INVALID_SIGNATURE, e.getMessage(), e);
    }
    if (!signer.equals(registration.creator())) {
      throw new RegistryException(
          ErrorKind.INVALID_SIGNATURE,
          "The signature recovers "
              + signer
              + ", not the creator "
              + registration.creator()
              + ": it was made by another key, over other fields, or for another chain id or"
              + " registry. Sign the EIP-712 WorkRegistration with the creator's key and this"
              + " registry's domain (GET /v1/registry).");
    }
    return signature;
  }

  private void checkNonceUnused(WorkRegistration registration) {
    Optional<Bytes32> previous =
        works.findByCreatorNonce(registration.creator(), registration.nonce());
    if (previous.isPresent()) {
      throw new RegistryException(
          ErrorKind.NONCE_REUSED,
          "Creator "
              + registration.creator()
              + " already used nonce "
              + registration.nonce()
              + " for work "
              + previous.get()
              + "; sign this registration with a new nonce");
    }
  }

  private void checkParentsRegistered(WorkRegistration registration) {
    for (Bytes32 parent : registration.parents()) {
      if (!works.exists(parent)) {
        throw new RegistryException(
            ErrorKind.UNKNOWN_REFERENCE,
            "Parent " + parent + " is not a registered work; register it first");
      }
    }
  }

  /** SHA-256 of {@code bytes}. */
  public static Bytes32 sha256(byte[] bytes) {
    try {
      return Bytes32.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
