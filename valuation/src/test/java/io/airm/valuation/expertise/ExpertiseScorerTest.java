package io.airm.valuation.expertise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpertiseScorerTest {
  private static final String ISSUER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final String CREATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final long NOW = 1_800_000_000L;

  /**
   * Produced independently by Foundry's cast 1.7.1 (alloy/k256 signer): {@code cast wallet sign
   * --private-key 0xac09…ff80 '<CAST_MESSAGE>'}.
   */
  private static final String CAST_MESSAGE =
      "{\"claim\":\"PhD in Computer Science\",\"expiresAt\":2000000000,\"field\":\"computer-science\","
          + "\"issuedAt\":1700000000,\"issuer\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\","
          + "\"subject\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\",\"type\":\"AIRMCredential\"}";

  private static final String CAST_SIGNATURE =
      "0x5c7109943960a5aa39c136bfa6e0435d6746f4d4723fc046d28e0a97a5a6ed57"
          + "6b5b2526ce711fcd485aab5433f07f38af5ab579e0eb127fe8bd6376021822c41c";

  private static ExpertiseParams params() {
    ObjectNode json = ExpertiseParams.defaultJson();
    ObjectNode issuers = json.putObject("trustedIssuers");
    issuers.putObject("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266").put("weight", 700_000);
    ObjectNode scoped = issuers.putObject("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
    scoped.put("weight", 500_000);
    scoped.putArray("fields").add("physics");
    return ExpertiseParams.fromJson(json);
  }

  private final ExpertiseScorer scorer = new ExpertiseScorer(params());

  private static ObjectNode statement() {
    try {
      return (ObjectNode) CanonicalJson.MAPPER.readTree(CAST_MESSAGE);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private FactorScore score(long earlierWorks, JsonNode... credentials) {
    return scorer.score(new ExpertiseInput(CREATOR, List.of(credentials), earlierWorks, NOW));
  }

  private static String onlyRejection(FactorScore score) {
    assertThat(score.evidence().get("accepted")).isEmpty();
    assertThat(score.evidence().get("rejected")).hasSize(1);
    return score.evidence().get("rejected").get(0).get("reason").textValue();
  }

  @Test
  void keccak256_isKeccakNotSha3() {
    assertThat(HexFormat.of().formatHex(EthereumSignatures.keccak256(new byte[0])))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void anvilKey_hasItsWellKnownAddress() {
    assertThat(TestSigner.ANVIL_0.address()).isEqualTo(ISSUER);
    assertThat(TestSigner.ANVIL_1.address()).isEqualTo(CREATOR);
  }

  @Test
  void castSignature_recoversTheIssuer_andMatchesOurRfc6979Signer() {
    byte[] message = CAST_MESSAGE.getBytes(StandardCharsets.UTF_8);
    byte[] hash = EthereumSignatures.personalMessageHash(message);

    assertThat(
            EthereumSignatures.recoverAddress(
                hash, HexFormat.of().parseHex(CAST_SIGNATURE, 2, 132)))
        .contains(ISSUER);
    assertThat(TestSigner.ANVIL_0.sign(message)).isEqualTo(CAST_SIGNATURE);
    assertThat(CanonicalJson.write(statement())).isEqualTo(CAST_MESSAGE);
  }

  @Test
  void castSignedCredential_isAcceptedAndCounted() {
    ObjectNode env = CanonicalJson.MAPPER.createObjectNode();
    env.set("statement", statement());
    env.put("signature", CAST_SIGNATURE);

    FactorScore score = score(0, env);

    assertThat(score.evidence().get("rejected")).isEmpty();
    assertThat(score.evidence().get("countedIssuers").get(0).textValue()).isEqualTo(ISSUER);
    assertThat(score.evidence().get("credentialsPpm").asLong()).isEqualTo(700_000);
    assertThat(score.ppm()).isEqualTo(600_000L * 700_000 / 1_000_000);
  }

  @Test
  void sameIssuerTwice_countsOnce() {
    ObjectNode second = statement().put("claim", "Associate professor");

    FactorScore score =
        score(0, TestSigner.ANVIL_0.envelope(statement()), TestSigner.ANVIL_0.envelope(second));

    assertThat(score.evidence().get("accepted")).hasSize(2);
    assertThat(score.evidence().get("credentialsPpm").asLong()).isEqualTo(700_000);
  }

  @Test
  void missingField_isRejectedAsMalformed() {
    ObjectNode st = statement();
    st.remove("field");

    assertThat(onlyRejection(score(0, TestSigner.ANVIL_0.envelope(st)))).isEqualTo("malformed");
  }

  @Test
  void extraKey_isRejectedAsMalformed() {
    ObjectNode st = statement().put("weight", 1_000_000);

    assertThat(onlyRejection(score(0, TestSigner.ANVIL_0.envelope(st)))).isEqualTo("malformed");
  }

  @Test
  void highS_isRejectedAsBadSignature() {
    ObjectNode env = TestSigner.ANVIL_0.envelope(statement());
    byte[] sig = HexFormat.of().parseHex(env.get("signature").textValue(), 2, 132);
    java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
    byte[] highS = EthereumSignatures.CURVE.getN().subtract(s).toByteArray();
    byte[] fixed = new byte[32];
    System.arraycopy(highS, highS.length - 32, fixed, 0, 32);
    System.arraycopy(fixed, 0, sig, 32, 32);
    sig[64] = (byte) (sig[64] == 27 ? 28 : 27); // the malleable twin: same key, high s
    env.put("signature", "0x" + HexFormat.of().formatHex(sig));

    assertThat(onlyRejection(score(0, env))).isEqualTo("badSignature");
  }

  @Test
  void badRecoveryByte_isRejectedAsBadSignature() {
    ObjectNode env = TestSigner.ANVIL_0.envelope(statement());
    String sig = env.get("signature").textValue();
    env.put("signature", sig.substring(0, 130) + "1d");

    assertThat(onlyRejection(score(0, env))).isEqualTo("badSignature");
  }

  @Test
  void claimEditedAfterSigning_isRejectedAsIssuerMismatch() {
    ObjectNode env = TestSigner.ANVIL_0.envelope(statement());
    ((ObjectNode) env.get("statement")).put("claim", "Nobel laureate");

    assertThat(onlyRejection(score(0, env))).isEqualTo("issuerMismatch");
  }

  @Test
  void statementSignedByAnotherKey_isRejectedAsIssuerMismatch() {
    assertThat(onlyRejection(score(0, TestSigner.ANVIL_1.envelope(statement()))))
        .isEqualTo("issuerMismatch");
  }

  @Test
  void untrustedIssuer_countsForNothing() {
    ObjectNode st = statement().put("issuer", TestSigner.ANVIL_1.address());

    FactorScore score = score(0, TestSigner.ANVIL_1.envelope(st));

    assertThat(onlyRejection(score)).isEqualTo("untrustedIssuer");
    assertThat(score.ppm()).isZero();
  }

  @Test
  void issuerTrustedForAnotherField_isRejectedAsFieldNotTrusted() {
    TestSigner anvil2 =
        new TestSigner("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    ObjectNode st = statement().put("issuer", anvil2.address());

    assertThat(onlyRejection(score(0, anvil2.envelope(st)))).isEqualTo("fieldNotTrusted");
    assertThat(score(0, anvil2.envelope(st.put("field", "physics"))).evidence().get("accepted"))
        .hasSize(1);
  }

  @Test
  void credentialAboutSomeoneElse_isRejectedAsSubjectMismatch() {
    ObjectNode st = statement().put("subject", "0x" + "ab".repeat(20));

    assertThat(onlyRejection(score(0, TestSigner.ANVIL_0.envelope(st))))
        .isEqualTo("subjectMismatch");
  }

  @Test
  void credentialFromTheFuture_isRejectedAsNotYetValid() {
    ObjectNode st = statement().put("issuedAt", NOW + 1);

    assertThat(onlyRejection(score(0, TestSigner.ANVIL_0.envelope(st)))).isEqualTo("notYetValid");
  }

  @Test
  void credentialExpiringAtTheReferenceTime_isRejectedAsExpired() {
    ObjectNode st = statement().put("expiresAt", NOW);

    assertThat(onlyRejection(score(0, TestSigner.ANVIL_0.envelope(st)))).isEqualTo("expired");
  }

  @Test
  void creatorRecord_hasDiminishingReturns() {
    long none = score(0).evidence().get("recordPpm").asLong();
    long five = score(5).evidence().get("recordPpm").asLong();
    long ten = score(10).evidence().get("recordPpm").asLong();
    long fifteen = score(15).evidence().get("recordPpm").asLong();

    assertThat(none).isZero();
    assertThat(five).isEqualTo(500_000);
    assertThat(ten).isEqualTo(666_666);
    assertThat(fifteen - ten).isLessThan(ten - five);
  }

  @Test
  void credentialOrder_doesNotChangeTheResult() {
    List<JsonNode> creds = new ArrayList<>();
    creds.add(TestSigner.ANVIL_0.envelope(statement()));
    creds.add(TestSigner.ANVIL_1.envelope(statement()));
    creds.add(TestSigner.ANVIL_0.envelope(statement().put("expiresAt", NOW)));
    FactorScore forward = scorer.score(new ExpertiseInput(CREATOR, creds, 3, NOW));
    java.util.Collections.reverse(creds);
    FactorScore backward = scorer.score(new ExpertiseInput(CREATOR, creds, 3, NOW));

    assertThat(CanonicalJson.write(backward.evidence()))
        .isEqualTo(CanonicalJson.write(forward.evidence()));
    assertThat(backward.ppm()).isEqualTo(forward.ppm());
  }

  @Test
  void params_rejectABadIssuerAddressByName() {
    ObjectNode json = ExpertiseParams.defaultJson();
    json.putObject("trustedIssuers").putObject("0x1234").put("weight", 1);

    assertThatThrownBy(() -> ExpertiseParams.fromJson(json))
        .isInstanceOf(ValuationException.class)
        .hasMessageContaining("expertise.trustedIssuers.0x1234");
  }
}
