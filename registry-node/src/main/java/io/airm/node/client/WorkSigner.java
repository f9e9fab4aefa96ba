package io.airm.node.client;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.domain.RegistrationService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Builds and signs registrations on the creator's side: the key never leaves this process, and is
 * never logged nor shown by {@link #toString()}.
 */
public final class WorkSigner {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Credentials key;

  /** A signer for the key given as hex (with or without {@code 0x}). */
  public WorkSigner(String privateKeyHex) {
    this(Keys.credentials(privateKeyHex));
  }

  /** A signer for web3j {@code credentials}. */
  public WorkSigner(Credentials credentials) {
    this.key = java.util.Objects.requireNonNull(credentials, "credentials");
  }

  /** A signer for web3j {@code credentials}. */
  public static WorkSigner of(Credentials credentials) {
    return new WorkSigner(credentials);
  }

  /** A signer for a web3j key pair. */
  public static WorkSigner of(ECKeyPair keyPair) {
    return new WorkSigner(Credentials.create(keyPair));
  }

  /** A signer for the key given as hex (with or without {@code 0x}). */
  public static WorkSigner fromHex(String privateKeyHex) {
    return new WorkSigner(privateKeyHex);
  }

  /** Names the creator's address, never the key. */
  @Override
  public String toString() {
    return "WorkSigner[" + address() + "]";
  }

  /** The creator's address. */
  public Address address() {
    return Address.parse(key.getAddress());
  }

  /** A signed registration and the values it was computed from. */
  public record Signed(WorkRegistration registration, EthSignature signature, Bytes32 workId) {}

  /**
   * Hashes {@code file} (SHA-256 and its Kubo CIDv1, raw leaves, in one pass), builds the
   * registration with a fresh random nonce and a deadline {@code validity} from now, and signs it
   * under {@code domain}.
   */
  public Signed signFile(
      Path file,
      Eip712Domain domain,
      String licence,
      boolean aiTraining,
      Optional<String> metadata,
      List<Bytes32> parents,
      Duration validity) {
    ContentIdentity identity;
    try (InputStream in = Files.newInputStream(file)) {
      identity = UnixFsImporter.identify(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return sign(identity, domain, licence, aiTraining, metadata, parents, validity);
  }

  /**
   * Signs a registration of content already hashed ({@code identity}), with a fresh random nonce
   * and a deadline {@code validity} from now.
   */
  public Signed sign(
      ContentIdentity identity,
      Eip712Domain domain,
      String licence,
      boolean aiTraining,
      Optional<String> metadata,
      List<Bytes32> parents,
      Duration validity) {
    return sign(
        new WorkRegistration(
            address(),
            Bytes32.parse("0x" + identity.sha256Hex()),
            identity.cidV1().toString(),
            metadataHash(metadata),
            licence,
            aiTraining,
            parents,
            new BigInteger(128, RANDOM),
            BigInteger.valueOf(Instant.now().plus(validity).getEpochSecond())),
        domain);
  }

  /**
   * Signs {@code file} with the usual terms: CC-BY-4.0, AI training allowed, no metadata, no
   * parents, valid for an hour.
   */
  public Signed signFile(Path file, Eip712Domain domain) {
    return signFile(
        file, domain, "CC-BY-4.0", true, Optional.empty(), List.of(), Duration.ofHours(1));
  }

  /** Signs {@code registration} under {@code domain}. */
  public Signed sign(WorkRegistration registration, Eip712Domain domain) {
    Bytes32 digest = registration.digest(domain);
    return new Signed(registration, EthSignature.sign(digest, key.getEcKeyPair()), digest);
  }

  /** SHA-256 of the metadata document's UTF-8 bytes, or zero without one. */
  public static Bytes32 metadataHash(Optional<String> metadata) {
    return metadata
        .map(m -> RegistrationService.sha256(m.getBytes(StandardCharsets.UTF_8)))
        .orElse(Bytes32.ZERO);
  }
}
