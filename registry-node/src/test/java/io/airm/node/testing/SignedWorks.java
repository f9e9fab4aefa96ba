package io.airm.node.testing;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Bytes32;
import io.airm.node.client.WorkSigner;
import io.airm.node.domain.NewWork;
import io.airm.node.domain.RegistrationService;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Really signed registrations, numbered, for tests that need many works without content. */
public final class SignedWorks {
  /** A CIDv1 of some raw block; registrations do not check that it names their content. */
  public static final String CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

  private SignedWorks() {}

  /** The signed registration number {@code n}: nonce n, licence and AI flag varying with n. */
  public static WorkSigner.Signed signed(
      WorkSigner creator, Eip712Domain domain, long n, List<Bytes32> parents) {
    WorkRegistration registration =
        new WorkRegistration(
            creator.address(),
            RegistrationService.sha256(("work " + n).getBytes(StandardCharsets.UTF_8)),
            CID,
            Bytes32.ZERO,
            n % 2 == 0 ? "CC-BY-4.0" : "CC0-1.0",
            n % 3 != 0,
            parents,
            BigInteger.valueOf(n),
            BigInteger.valueOf(4_000_000_000L));
    return creator.sign(registration, domain);
  }

  /** The same, ready to be stored. */
  public static NewWork newWork(
      WorkSigner creator, Eip712Domain domain, long n, List<Bytes32> parents) {
    WorkSigner.Signed signed = signed(creator, domain, n, parents);
    return new NewWork(
        signed.workId(),
        signed.registration(),
        signed.signature(),
        Optional.empty(),
        false,
        Instant.parse("2026-01-01T00:00:00Z"));
  }
}
