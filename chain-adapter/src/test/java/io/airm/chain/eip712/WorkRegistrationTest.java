package io.airm.chain.eip712;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

class WorkRegistrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Eip712Domain DOMAIN =
      Eip712Domain.workRegistry(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));

  @Test
  void digest_matchesWeb3jStructuredDataEncoder_forRandomRegistrations() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      WorkRegistration registration = randomRegistration(random, i % 5);
      String typedData = typedDataJson(registration, DOMAIN);
      byte[] expected = new StructuredDataEncoder(typedData).hashStructuredData();
      assertThat(registration.digest(DOMAIN)).isEqualTo(Bytes32.of(expected));
    }
  }

  @Test
  void digest_dependsOnChainIdAndRegistry() {
    WorkRegistration registration = randomRegistration(new Random(1), 2);
    Bytes32 digest = registration.digest(DOMAIN);
    assertThat(registration.digest(Eip712Domain.workRegistry(1, DOMAIN.verifyingContract())))
        .isNotEqualTo(digest);
    assertThat(
            registration.digest(
                Eip712Domain.workRegistry(
                    31337, Address.parse("0x0000000000000000000000000000000000000001"))))
        .isNotEqualTo(digest);
  }

  @Test
  void digest_changesWithEveryField() {
    WorkRegistration base = randomRegistration(new Random(3), 1);
    Bytes32 digest = base.digest(DOMAIN);
    List<WorkRegistration> variants =
        List.of(
            new WorkRegistration(
                Address.ZERO,
                base.contentHash(),
                base.cid(),
                base.metadataHash(),
                base.licence(),
                base.aiTraining(),
                base.parents(),
                base.nonce(),
                base.deadline()),
            new WorkRegistration(
                base.creator(),
                Bytes32.ZERO,
                base.cid(),
                base.metadataHash(),
                base.licence(),
                base.aiTraining(),
                base.parents(),
                base.nonce(),
                base.deadline()),
            new WorkRegistration(
                base.creator(),
                base.contentHash(),
                base.cid() + "x",
                base.metadataHash(),
                base.licence(),
                base.aiTraining(),
                base.parents(),
                base.nonce(),
                base.deadline()),
            new WorkRegistration(
                base.creator(),
                base.contentHash(),
                base.cid(),
                Bytes32.ZERO,
                base.licence(),
                base.aiTraining(),
                base.parents(),
                base.nonce(),
                base.deadline()),
            new WorkRegistration(
                base.creator(),
                base.contentHash(),
                base.cid(),
                base.metadataHash(),
                "MIT",
                base.aiTraining(),
                base.parents(),
                base.nonce(),
                base.deadline()),
            new WorkRegistration(
                base.creator(),
                base.contentHash(),
                base.cid(),
                base.metadataHash(),
                base.licence(),
                !base.aiTraining(),
                base.parents(),
                base.nonce(),
                base.deadline()),
            new WorkRegistration(
                base.creator(),
                base.contentHash(),
                base.cid(),
                base.metadataHash(),
                base.licence(),
                base.aiTraining(),
                List.of(),
                base.nonce(),
                base.deadline()),
            new WorkRegistration(
                base.creator(),
                base.contentHash(),
                base.cid(),
                base.metadataHash(),
                base.licence(),
                base.aiTraining(),
                base.parents(),
                base.nonce().add(BigInteger.ONE),
                base.deadline()),
            new WorkRegistration(
                base.creator(),
                base.contentHash(),
                base.cid(),
                base.metadataHash(),
                base.licence(),
                base.aiTraining(),
                base.parents(),
                base.nonce(),
                base.deadline().add(BigInteger.ONE)));
    for (WorkRegistration variant : variants) {
      assertThat(variant.digest(DOMAIN)).isNotEqualTo(digest);
    }
  }

  static WorkRegistration randomRegistration(Random random, int parents) {
    List<Bytes32> parentIds = new ArrayList<>();
    for (int i = 0; i < parents; i++) {
      parentIds.add(Bytes32.of(bytes(random, 32)));
    }
    return new WorkRegistration(
        Address.parse(Numeric.toHexString(bytes(random, 20))),
        Bytes32.of(bytes(random, 32)),
        "bafkrei" + Long.toString(Math.abs(random.nextLong()), 32),
        Bytes32.of(bytes(random, 32)),
        random.nextBoolean() ? "CC-BY-4.0" : "https://example.org/licence/ü",
        random.nextBoolean(),
        parentIds,
        new BigInteger(200, random),
        BigInteger.valueOf(1_700_000_000L + random.nextInt(1_000_000)));
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** The same message as eth_signTypedData_v4 JSON, for web3j's independent encoder. */
  private static String typedDataJson(WorkRegistration r, Eip712Domain domain) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode types = root.putObject("types");
    ArrayNode domainType = types.putArray("EIP712Domain");
    field(domainType, "name", "string");
    field(domainType, "version", "string");
    field(domainType, "chainId", "uint256");
    field(domainType, "verifyingContract", "address");
    ArrayNode workType = types.putArray("WorkRegistration");
    field(workType, "creator", "address");
    field(workType, "contentHash", "bytes32");
    field(workType, "cid", "string");
    field(workType, "metadataHash", "bytes32");
    field(workType, "licence", "string");
    field(workType, "aiTraining", "bool");
    field(workType, "parents", "bytes32[]");
    field(workType, "nonce", "uint256");
    field(workType, "deadline", "uint256");
    root.put("primaryType", "WorkRegistration");
    ObjectNode d = root.putObject("domain");
    d.put("name", domain.name());
    d.put("version", domain.version());
    d.put("chainId", domain.chainId());
    d.put("verifyingContract", domain.verifyingContract().value());
    ObjectNode m = root.putObject("message");
    m.put("creator", r.creator().value());
    m.put("contentHash", r.contentHash().hex());
    m.put("cid", r.cid());
    m.put("metadataHash", r.metadataHash().hex());
    m.put("licence", r.licence());
    m.put("aiTraining", r.aiTraining());
    ArrayNode parents = m.putArray("parents");
    r.parents().forEach(p -> parents.add(p.hex()));
    m.put("nonce", r.nonce().toString());
    m.put("deadline", r.deadline().toString());
    return root.toString();
  }

  private static void field(ArrayNode type, String name, String solidityType) {
    ObjectNode field = type.addObject();
    field.put("name", name);
    field.put("type", solidityType);
  }
}
