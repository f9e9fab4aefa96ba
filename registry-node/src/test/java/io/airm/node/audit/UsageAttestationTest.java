package io.airm.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/** The attestation id of SETTLEMENT.md §1, checked against web3j's independent EIP-712 encoder. */
class UsageAttestationTest {
  static final Address CONTRACT = Address.parse("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");

  static UsageAttestation sample() {
    return new UsageAttestation(
        Bytes32.parse("0x" + "ab".repeat(32)),
        "llama-x 2026-11",
        Bytes32.parse("0x" + "cd".repeat(32)),
        3,
        Bytes32.parse("0x" + "ef".repeat(32)),
        Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"),
        BigInteger.ZERO,
        BigInteger.valueOf(1_790_000_000L));
  }

  @Test
  void digest_isTheEip712DigestWeb3jComputesFromTheTypedDataJson() throws Exception {
    UsageAttestation a = sample();
    Eip712Domain domain = UsageAttestation.domain(BigInteger.valueOf(31337), CONTRACT);
    String typedData =
        """
        {"types": {
           "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
             {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
           "Attestation": [{"name": "modelId", "type": "bytes32"},
             {"name": "modelVersion", "type": "string"}, {"name": "worksRoot", "type": "bytes32"},
             {"name": "workCount", "type": "uint32"}, {"name": "evidenceDigest", "type": "bytes32"},
             {"name": "attester", "type": "address"}, {"name": "nonce", "type": "uint256"},
             {"name": "deadline", "type": "uint256"}]},
         "primaryType": "Attestation",
         "domain": {"name": "AIRM UsageAttestations", "version": "1", "chainId": 31337,
                    "verifyingContract": "%s"},
         "message": {"modelId": "%s", "modelVersion": "%s", "worksRoot": "%s", "workCount": %d,
                     "evidenceDigest": "%s", "attester": "%s", "nonce": %s, "deadline": %s}}
        """
            .formatted(
                CONTRACT,
                a.modelId(),
                a.modelVersion(),
                a.worksRoot(),
                a.workCount(),
                a.evidenceDigest(),
                a.attester(),
                a.nonce(),
                a.deadline());

    byte[] expected = new StructuredDataEncoder(typedData).hashStructuredData();

    assertThat(a.digest(domain).hex()).isEqualTo(Numeric.toHexString(expected));
  }

  @Test
  void typeString_isTheSpecifications() {
    assertThat(UsageAttestation.TYPE)
        .isEqualTo(
            "Attestation(bytes32 modelId,string modelVersion,bytes32 worksRoot,uint32 workCount,"
                + "bytes32 evidenceDigest,address attester,uint256 nonce,uint256 deadline)");
  }

  @Test
  void aWorkCountBeyondUint32_isRefused() {
    UsageAttestation a = sample();

    assertThatThrownBy(
            () ->
                new UsageAttestation(
                    a.modelId(),
                    a.modelVersion(),
                    a.worksRoot(),
                    1L << 32,
                    a.evidenceDigest(),
                    a.attester(),
                    a.nonce(),
                    a.deadline()))
        .hasMessageContaining("uint32");
  }
}
