package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.client.RegistryClient.Answer;
import io.airm.node.client.WorkSigner;
import io.airm.node.testing.SignedWorks;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registration API over HTTP, each refusal a problem+json that leaves no row behind. */
class WorksApiTest {
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final String OTHER_KEY =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

  @TempDir Path dir;
  private ApiHarness api;
  private Path file;
  private final WorkSigner creator = new WorkSigner(CREATOR_KEY);

  @BeforeEach
  void start() throws IOException {
    api = new ApiHarness(dir, 64 * 1024, 2 * 1024 * 1024);
    file = dir.resolve("essay.txt");
    byte[] content = new byte[300_000]; // two chunks: a real DAG, not a single block
    new Random(42).nextBytes(content);
    Files.write(file, content);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private WorkSigner.Signed signed(Path content) {
    return creator.signFile(content, ApiHarness.DOMAIN);
  }

  private void assertProblem(Answer answer, int status, String detailFragment) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
    assertThat(answer.body().get("status").asInt()).isEqualTo(status);
    assertThat(answer.body().get("type").asText()).startsWith("urn:airm:problem:");
    assertThat(answer.body().get("detail").asText()).contains(detailFragment);
  }

  private void assertNothingStored() {
    assertThat(api.rows("works")).isZero();
    assertThat(api.rows("log_leaves")).isZero();
    assertThat(api.rows("work_parents")).isZero();
  }

  @Test
  void register_withContent_answers202_andTheWorkIsPendingWithItsContentServed() throws Exception {
    WorkSigner.Signed signed = signed(file);
    Answer answer =
        api.client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    assertThat(answer.body().get("workId").asText()).isEqualTo(signed.workId().hex());
    assertThat(answer.body().get("logIndex").asLong()).isZero();
    JsonNode work = api.client.work(signed.workId());
    assertThat(work.get("state").asText()).isEqualTo("pending");
    assertThat(work.get("contentAvailable").asBoolean()).isTrue();
    assertThat(work.get("registration")).isEqualTo(WireFormat.registration(signed.registration()));
    assertThat(work.has("inclusionProof")).isFalse();
    try (InputStream in = api.client.content(signed.registration().cid())) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
    }
  }

  @Test
  void register_sameRegistrationTwice_answersTheSameWork_andStoresOneRow() {
    WorkSigner.Signed signed = signed(file);
    Answer first =
        api.client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));
    Answer second =
        api.client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().get("workId")).isEqualTo(first.body().get("workId"));
    assertThat(second.body().get("logIndex")).isEqualTo(first.body().get("logIndex"));
    assertThat(api.rows("works")).isEqualTo(1);
    assertThat(api.rows("log_leaves")).isEqualTo(1);
  }

  @Test
  void register_hashOnly_withMetadataAndParent() {
    WorkSigner.Signed parent = signed(file);
    api.client.register(
        parent.registration(), parent.signature(), Optional.empty(), Optional.empty());
    String metadata = "{\"title\":\"On Depth\",\"coCreators\":[]}";
    WorkSigner.Signed child =
        creator.signFile(
            file,
            ApiHarness.DOMAIN,
            "MIT",
            false,
            Optional.of(metadata),
            List.of(parent.workId()),
            Duration.ofHours(1));

    Answer answer =
        api.client.register(
            child.registration(), child.signature(), Optional.of(metadata), Optional.empty());

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    assertThat(answer.body().get("logIndex").asLong()).isEqualTo(1);
    JsonNode work = api.client.work(child.workId());
    assertThat(work.get("contentAvailable").asBoolean()).isFalse();
    assertThat(work.get("metadata").asText()).isEqualTo(metadata);
    assertThat(work.get("registration").get("parents").get(0).asText())
        .isEqualTo(parent.workId().hex());
  }

  @Test
  void register_malformedJson_is400() {
    assertProblem(api.client.postJson("v1/works", "{\"registration\": "), 400, "not valid JSON");
    assertProblem(api.client.postJson("v1/works", "[1,2]"), 400, "JSON object");
    assertNothingStored();
  }

  @Test
  void register_missingOrUnknownField_is400_namingIt() {
    WorkSigner.Signed signed = signed(file);
    ObjectNode request = requestJson(signed);
    ((ObjectNode) request.get("registration")).remove("nonce");
    assertProblem(api.client.postJson("v1/works", request.toString()), 400, "registration.nonce");
    request = requestJson(signed);
    request.put("surprise", 1);
    assertProblem(api.client.postJson("v1/works", request.toString()), 400, "surprise");
    assertNothingStored();
  }

  @Test
  void register_tooDeepJson_is400() {
    String deep = "{\"registration\":" + "[".repeat(100) + "]".repeat(100) + "}";
    Answer answer = api.client.postJson("v1/works", deep);
    assertThat(answer.status()).isEqualTo(400);
    assertNothingStored();
  }

  @Test
  void register_signedByAnotherKey_is401() {
    WorkSigner.Signed signed = signed(file);
    EthSignature forged =
        new WorkSigner(OTHER_KEY).sign(signed.registration(), ApiHarness.DOMAIN).signature();
    Answer answer =
        api.client.register(signed.registration(), forged, Optional.empty(), Optional.of(file));
    assertProblem(answer, 401, "not the creator " + creator.address());
    assertNothingStored();
  }

  @Test
  void register_highS_is401() {
    WorkSigner.Signed signed = signed(file);
    EthSignature low = signed.signature();
    EthSignature high =
        new EthSignature(low.r(), EthSignature.CURVE_ORDER.subtract(low.s()), 55 - low.v());
    Answer answer =
        api.client.register(signed.registration(), high, Optional.empty(), Optional.of(file));
    assertProblem(answer, 401, "upper half of the curve order");
    assertNothingStored();
  }

  @Test
  void register_signedForAnotherChainId_is401() {
    Eip712Domain otherChain = Eip712Domain.workRegistry(1, ApiHarness.DOMAIN.verifyingContract());
    WorkSigner.Signed signed = signed(file);
    EthSignature wrong = creator.sign(signed.registration(), otherChain).signature();
    assertProblem(
        api.client.register(signed.registration(), wrong, Optional.empty(), Optional.empty()),
        401,
        "for another chain id or registry");
    // with the domain it believes it signed for, the client is told exactly what is wrong
    ObjectNode request = requestJson(new WorkSigner.Signed(signed.registration(), wrong, null));
    request.putObject("domain").put("chainId", 1);
    assertProblem(api.client.postJson("v1/works", request.toString()), 401, "chain id 1");
    assertNothingStored();
  }

  @Test
  void register_signedForAnotherRegistry_is401() {
    Address other = Address.parse("0x0000000000000000000000000000000000000bad");
    Eip712Domain otherRegistry = Eip712Domain.workRegistry(31337, other);
    WorkSigner.Signed signed = signed(file);
    EthSignature wrong = creator.sign(signed.registration(), otherRegistry).signature();
    ObjectNode request = requestJson(new WorkSigner.Signed(signed.registration(), wrong, null));
    request.putObject("domain").put("verifyingContract", other.value());
    assertProblem(
        api.client.postJson("v1/works", request.toString()), 401, "signed for registry " + other);
    assertNothingStored();
  }

  @Test
  void register_expiredDeadline_is400() {
    WorkRegistration expired =
        withNonceAndDeadline(
            signed(file).registration(),
            BigInteger.ONE,
            BigInteger.valueOf(Instant.now().minusSeconds(60).getEpochSecond()));
    WorkSigner.Signed signed = creator.sign(expired, ApiHarness.DOMAIN);
    assertProblem(
        api.client.register(expired, signed.signature(), Optional.empty(), Optional.of(file)),
        400,
        "deadline");
    assertNothingStored();
  }

  @Test
  void register_reusedNonce_is409() throws IOException {
    WorkSigner.Signed first = signed(file);
    assertThat(
            api.client
                .register(
                    first.registration(), first.signature(), Optional.empty(), Optional.empty())
                .status())
        .isEqualTo(202);
    Path other = dir.resolve("other.txt");
    Files.writeString(other, "another work");
    WorkRegistration second =
        withNonceAndDeadline(
            signed(other).registration(),
            first.registration().nonce(),
            first.registration().deadline());
    WorkSigner.Signed signed = creator.sign(second, ApiHarness.DOMAIN);
    assertProblem(
        api.client.register(second, signed.signature(), Optional.empty(), Optional.of(other)),
        409,
        "already used nonce");
    assertThat(api.rows("works")).isEqualTo(1);
    assertThat(api.rows("log_leaves")).isEqualTo(1);
  }

  @Test
  void register_cidThatDoesNotMatchTheContent_is422() throws IOException {
    Path other = dir.resolve("other.txt");
    Files.writeString(other, "not the essay");
    WorkRegistration real = signed(file).registration();
    WorkRegistration wrongCid =
        new WorkRegistration(
            real.creator(),
            real.contentHash(),
            signed(other).registration().cid(),
            real.metadataHash(),
            real.licence(),
            real.aiTraining(),
            real.parents(),
            real.nonce(),
            real.deadline());
    WorkSigner.Signed signed = creator.sign(wrongCid, ApiHarness.DOMAIN);
    assertProblem(
        api.client.register(wrongCid, signed.signature(), Optional.empty(), Optional.of(file)),
        422,
        "but the registration signs cid");
    assertNothingStored();
  }

  @Test
  void register_contentThatDoesNotMatchTheHash_is422() throws IOException {
    Path other = dir.resolve("other.txt");
    Files.writeString(other, "not the essay");
    WorkSigner.Signed signed = signed(file);
    assertProblem(
        api.client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.of(other)),
        422,
        "contentHash");
    assertNothingStored();
  }

  @Test
  void register_unknownParent_is422() {
    WorkSigner.Signed signed =
        creator.signFile(
            file,
            ApiHarness.DOMAIN,
            "CC-BY-4.0",
            true,
            Optional.empty(),
            List.of(Bytes32.parse("0x" + "12".repeat(32))),
            Duration.ofHours(1));
    assertProblem(
        api.client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.empty()),
        422,
        "is not a registered work");
    assertNothingStored();
  }

  @Test
  void register_oversizedJsonBody_is413() {
    WorkSigner.Signed signed = signed(file);
    ObjectNode request = requestJson(signed);
    request.put("metadata", "x".repeat(65_000));
    Answer answer = api.client.postJson("v1/works", request.toString() + " ".repeat(10_000));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(413);
    assertThat(answer.body().get("type").asText()).startsWith("urn:airm:problem:");
    assertNothingStored();
  }

  @Test
  void register_oversizedUpload_is413() throws IOException {
    Path big = dir.resolve("big.bin");
    Files.write(big, new byte[3 * 1024 * 1024]);
    WorkSigner.Signed signed = signed(big);
    Answer answer =
        api.client.register(
            signed.registration(), signed.signature(), Optional.empty(), Optional.of(big));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(413);
    assertThat(answer.body().get("type").asText()).startsWith("urn:airm:problem:");
    assertNothingStored();
  }

  @Test
  void register_wrongContentType_is400() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.url + "/v1/works"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("hello"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertNothingStored();
  }

  @Test
  void getWork_unknownId_is404_andMalformedId_is400() throws Exception {
    assertProblem(
        api.client.workAnswer(Bytes32.parse("0x" + "ab".repeat(32))), 404, "No work with id");
    HttpResponse<String> malformed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.url + "/v1/works/not-an-id")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void unknownRoute_isProblem404() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.url + "/v1/nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(WireFormat.JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
  }

  @Test
  void content_unknownCid_is404_andInvalidCid_is400() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        api.url
                            + "/ipfs/bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    HttpResponse<String> invalid =
        http.send(
            HttpRequest.newBuilder(URI.create(api.url + "/ipfs/Qm!!notacid")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("urn:airm:problem:invalid-request");
  }

  @Test
  void registry_describesTheDomainToSignUnder() {
    JsonNode info = api.client.registryInfo();
    assertThat(info.get("chainId").asLong()).isEqualTo(31337);
    assertThat(api.client.domain()).isEqualTo(ApiHarness.DOMAIN);
  }

  private static ObjectNode requestJson(WorkSigner.Signed signed) {
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("registration", WireFormat.registration(signed.registration()));
    request.put("signature", signed.signature().toHex());
    return request;
  }

  private static WorkRegistration withNonceAndDeadline(
      WorkRegistration r, BigInteger nonce, BigInteger deadline) {
    return new WorkRegistration(
        r.creator(),
        r.contentHash(),
        r.cid(),
        r.metadataHash(),
        r.licence(),
        r.aiTraining(),
        r.parents(),
        nonce,
        deadline);
  }

  private Bytes32 registerHashOnly(WorkSigner signer, long n, List<Bytes32> parents) {
    WorkSigner.Signed s = SignedWorks.signed(signer, ApiHarness.DOMAIN, n, parents);
    Answer answer =
        api.client.register(s.registration(), s.signature(), Optional.empty(), Optional.empty());
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    return s.workId();
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new java.util.ArrayList<>();
    page.get("works").forEach(w -> ids.add(w.get("workId").asText()));
    return ids;
  }

  @Test
  void listByCreator_givesOnlyTheCreatorsWorks_newestFirst_inPages_asGetShowsEach() {
    WorkSigner other = new WorkSigner(OTHER_KEY);
    List<Bytes32> mine = new java.util.ArrayList<>();
    for (int n = 0; n < 5; n++) {
      mine.add(registerHashOnly(creator, n, n == 1 ? List.of(mine.get(0)) : List.of()));
      registerHashOnly(other, n, List.of());
    }
    String base = "v1/works?creator=" + creator.address().value();

    Answer first = api.client.getAnswer(base + "&limit=2");
    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    assertThat(first.body().get("creator").asText()).isEqualTo(creator.address().value());
    assertThat(ids(first.body())).containsExactly(mine.get(4).hex(), mine.get(3).hex());
    for (JsonNode listed : first.body().get("works")) {
      assertThat(listed).isEqualTo(api.client.work(Bytes32.parse(listed.get("workId").asText())));
    }
    long next = first.body().get("nextBefore").asLong();
    assertThat(next).isEqualTo(first.body().get("works").get(1).get("logIndex").asLong());

    JsonNode second = api.client.getJson(base + "&limit=2&before=" + next);
    assertThat(ids(second)).containsExactly(mine.get(2).hex(), mine.get(1).hex());
    assertThat(second.get("works").get(1).get("registration").get("parents").get(0).asText())
        .as("a listed work keeps its parents")
        .isEqualTo(mine.get(0).hex());

    JsonNode last = api.client.getJson(base + "&limit=2&before=" + second.get("nextBefore"));
    assertThat(ids(last)).containsExactly(mine.get(0).hex());
    assertThat(last.has("nextBefore")).as("the last page says no more follow").isFalse();

    String checksummed = org.web3j.crypto.Keys.toChecksumAddress(creator.address().value());
    JsonNode all = api.client.getJson("v1/works?creator=" + checksummed);
    assertThat(ids(all))
        .as("a checksummed address names the same creator")
        .containsExactly(
            mine.get(4).hex(),
            mine.get(3).hex(),
            mine.get(2).hex(),
            mine.get(1).hex(),
            mine.get(0).hex());
    assertThat(all.has("nextBefore")).isFalse();
  }

  @Test
  void listByCreator_ofAnAccountWithoutWorks_isAnEmptyList() {
    registerHashOnly(creator, 0, List.of());
    JsonNode page =
        api.client.getJson("v1/works?creator=0x0000000000000000000000000000000000000001");
    assertThat(page.get("works")).isEmpty();
    assertThat(page.has("nextBefore")).isFalse();
  }

  @Test
  void listByCreator_refusesBadInput_withAProblem() {
    String creatorParam = "creator=" + creator.address().value();
    assertProblem(api.client.getAnswer("v1/works"), 400, "creator=");
    assertProblem(api.client.getAnswer("v1/works?creator=0x1234"), 400, "40 hex digits");
    assertProblem(
        api.client.getAnswer("v1/works?creator=0x" + "g".repeat(40)), 400, "40 hex digits");
    assertProblem(api.client.getAnswer("v1/works?" + creatorParam + "&limit=0"), 400, "limit");
    assertProblem(api.client.getAnswer("v1/works?" + creatorParam + "&limit=101"), 400, "limit");
    assertProblem(api.client.getAnswer("v1/works?" + creatorParam + "&limit=ten"), 400, "limit");
    assertProblem(api.client.getAnswer("v1/works?" + creatorParam + "&before=-1"), 400, "before");
  }
}
