package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.client.WorkSigner;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The web page's typed-data builder gives the work id (the EIP-712 digest) that Java's {@link
 * WorkSigner} and the contract compute, for registrations with and without parents and metadata.
 */
class WebPageEip712AgreementTest {
  private static final String KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final Eip712Domain DOMAIN =
      Eip712Domain.workRegistry(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));

  private static WorkRegistration registration(List<Bytes32> parents, boolean aiTraining) {
    String metadata = "{\"title\":\"Über Kompression — ein Essay\"}";
    return new WorkRegistration(
        new WorkSigner(KEY).address(),
        Bytes32.parse("0x" + "ab".repeat(32)),
        "bafybeiei6fjoozdsigo4bsfwqhl3ol5i2jhatwnn2pa6opzn5nbjr6uocm",
        WorkSigner.metadataHash(Optional.of(metadata)),
        "CC-BY-NC-4.0",
        aiTraining,
        parents,
        new BigInteger("340282366920938463463374607431768211455"),
        BigInteger.valueOf(1_790_000_000L));
  }

  private static String pageWorkId(WorkRegistration registration, Eip712Domain domain) {
    ObjectNode input = WireFormat.JSON.createObjectNode();
    ObjectNode d = input.putObject("domain");
    d.put("name", domain.name());
    d.put("version", domain.version());
    d.put("chainId", domain.chainId().longValueExact());
    d.put("verifyingContract", domain.verifyingContract().value());
    input.set("registration", WireFormat.registration(registration));
    String printed = WebModules.run(List.of("eip712", input.toString()), 60);
    try {
      return WireFormat.JSON.readTree(printed).get("workId").asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("agreement.mjs printed " + printed, e);
    }
  }

  @Test
  void thePagesWorkId_isWorkSignersDigest() {
    WorkRegistration fixed =
        registration(
            List.of(Bytes32.parse("0x" + "01".repeat(32)), Bytes32.parse("0x" + "02".repeat(32))),
            true);
    WorkSigner.Signed signed = new WorkSigner(KEY).sign(fixed, DOMAIN);
    assertThat(pageWorkId(fixed, DOMAIN)).isEqualTo(signed.workId().hex());
  }

  @Test
  void withoutParents_andWithoutAiTraining_theDigestsStillAgree() {
    WorkRegistration fixed = registration(List.of(), false);
    assertThat(pageWorkId(fixed, DOMAIN)).isEqualTo(fixed.digest(DOMAIN).hex());
  }

  @Test
  void anotherDomain_isAnotherWorkId_onBothSides() {
    WorkRegistration fixed = registration(List.of(), true);
    Eip712Domain other =
        Eip712Domain.workRegistry(1, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
    String page = pageWorkId(fixed, other);
    assertThat(page).isEqualTo(fixed.digest(other).hex());
    assertThat(page).isNotEqualTo(fixed.digest(DOMAIN).hex());
  }
}
