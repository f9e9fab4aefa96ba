package io.airm.node.storage;

import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.Rfc6962;
import io.airm.node.domain.NewWork;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Well-formed works for storage tests; a bad case changes one field of one of these. */
final class StoreFixtures {
  /** Anvil's public dev key 1 and its address. */
  static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  static final Address CREATOR = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

  private StoreFixtures() {}

  /** A work of {@link #CREATOR} with nonce {@code n}, its id derived from {@code n}. */
  static NewWork work(long n) {
    return work(CREATOR, BigInteger.valueOf(n), "work " + n);
  }

  /** A work of {@code creator} with {@code nonce}, its id derived from {@code label}. */
  static NewWork work(Address creator, BigInteger nonce, String label) {
    Bytes32 id = Bytes32.of(Rfc6962.leafHash(label.getBytes(StandardCharsets.UTF_8)));
    WorkRegistration registration =
        new WorkRegistration(
            creator,
            Bytes32.of(Rfc6962.leafHash(("content of " + label).getBytes(StandardCharsets.UTF_8))),
            "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
            Bytes32.ZERO,
            "CC-BY-4.0",
            true,
            List.of(),
            nonce,
            BigInteger.valueOf(4_000_000_000L));
    return new NewWork(
        id, registration, EthSignature.sign(id, KEY), Optional.empty(), false, Instant.now());
  }
}
