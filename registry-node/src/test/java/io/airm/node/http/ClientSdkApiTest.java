package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.airm.chain.eth.Bytes32;
import io.airm.node.client.AttestationReceipt;
import io.airm.node.client.AttestationRecord;
import io.airm.node.client.AttestationSigner;
import io.airm.node.client.AttesterInfo;
import io.airm.node.client.EvidenceDocument;
import io.airm.node.client.Registered;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.RegistryProblemException;
import io.airm.node.client.WorkMetadata;
import io.airm.node.client.WorkPage;
import io.airm.node.client.WorkRecord;
import io.airm.node.client.WorkSigner;
import io.airm.node.client.WorkUpload;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.Leadership;
import io.airm.node.domain.WorkState;
import io.airm.node.settle.AttestationRelayer;
import io.airm.node.settle.FakeAttestationChain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client SDK against the node's real HTTP API (H2, block store; the chain faked): what it signs
 * is what the node verifies, for every way of giving content; a retry of a POST whose answer was
 * lost is answered from the node's idempotency record and stored once; refusals are typed.
 */
class ClientSdkApiTest {
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final String COMPANY_KEY =
      "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";

  @TempDir Path dir;
  private ApiHarness api;
  private RegistryClient client;
  private final WorkSigner creator = WorkSigner.fromHex(CREATOR_KEY);

  @BeforeEach
  void start() {
    api = new ApiHarness(dir, 64 * 1024, 2 * 1024 * 1024);
    client = RegistryClient.connect(URI.create(api.url));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static byte[] text(int i) {
    return ("A work about subject " + i + ", written with care.\n")
        .repeat(40)
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] fetch(String cid) throws IOException {
    try (InputStream in = client.content(cid)) {
      return in.readAllBytes();
    }
  }

  @Test
  void fileBytesStreamAndHashOnly_registerAsSigned_andReadBackTyped() throws Exception {
    Path file = dir.resolve("work.md");
    Files.write(file, text(0));
    WorkMetadata metadata =
        WorkMetadata.titled("Four works")
            .withMediaType("text/markdown")
            .withCoCreator(creator.address(), 7000)
            .withCoCreator(AttestationSigner.fromHex(COMPANY_KEY).address(), 3000);

    Registered fromFile =
        client.register(
            creator, WorkUpload.ofFile(file).licence("CC-BY-SA-4.0").metadata(metadata));
    Registered fromBytes = client.register(creator, WorkUpload.ofBytes(text(1)));
    Registered fromStream =
        client.register(
            creator,
            WorkUpload.ofStream(new ByteArrayInputStream(text(2))).parent(fromFile.workId()));
    Registered hashOnly =
        client.register(creator, WorkUpload.ofBytes(text(3)).aiTraining(false).hashOnly());

    assertThat(List.of(fromFile, fromBytes, fromStream, hashOnly))
        .extracting(Registered::logIndex)
        .containsExactly(0L, 1L, 2L, 3L);
    assertThat(fetch(fromFile.cid())).isEqualTo(text(0));
    assertThat(fetch(fromBytes.cid())).isEqualTo(text(1));
    assertThat(fetch(fromStream.cid())).isEqualTo(text(2));

    WorkRecord first = client.getWork(fromFile.workId());
    assertThat(first.state()).isEqualTo(WorkState.PENDING);
    assertThat(first.registration().creator()).isEqualTo(creator.address());
    assertThat(first.registration().licence()).isEqualTo("CC-BY-SA-4.0");
    assertThat(first.metadata()).contains(metadata.toJson());
    assertThat(first.contentAvailable()).isTrue();
    assertThat(first.checkpoint()).isEmpty();
    assertThat(client.getWork(fromStream.workId()).registration().parents())
        .containsExactly(fromFile.workId());
    WorkRecord last = client.getWork(hashOnly.workId());
    assertThat(last.contentAvailable()).isFalse();
    assertThat(last.registration().aiTraining()).isFalse();
  }

  @Test
  void postWhoseAnswerIsLost_isRetried_andRecordedOnce() throws Exception {
    AtomicInteger posts = new AtomicInteger();
    HttpClient forward = HttpClient.newHttpClient();
    HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> replayed = new ArrayList<>();
    proxy.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          HttpRequest.Builder request =
              HttpRequest.newBuilder(URI.create(api.url + exchange.getRequestURI()));
          for (String header : List.of("Content-Type", "Idempotency-Key")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
              request.header(header, value);
            }
          }
          request.method(
              exchange.getRequestMethod(),
              body.length == 0
                  ? HttpRequest.BodyPublishers.noBody()
                  : HttpRequest.BodyPublishers.ofByteArray(body));
          HttpResponse<byte[]> answer;
          try {
            answer = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
          answer.headers().firstValue("Idempotent-Replayed").ifPresent(replayed::add);
          if (exchange.getRequestMethod().equals("POST") && posts.incrementAndGet() == 1) {
            // the node did the work, but its answer never reaches the client
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          for (String header : List.of("Content-Type", "Idempotent-Replayed")) {
            answer
                .headers()
                .firstValue(header)
                .ifPresent(v -> exchange.getResponseHeaders().add(header, v));
          }
          exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
          exchange.getResponseBody().write(answer.body());
          exchange.close();
        });
    proxy.start();
    try {
      RegistryClient viaProxy =
          RegistryClient.builder(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()))
              .initialBackoff(Duration.ofMillis(20))
              .build();
      Registered registered = viaProxy.register(creator, WorkUpload.ofBytes(text(5)));

      assertThat(posts.get()).isEqualTo(2);
      assertThat(registered.replayed()).isTrue();
      assertThat(replayed).containsExactly("true");
      assertThat(api.rows("works")).isEqualTo(1);
      assertThat(api.rows("log_leaves")).isEqualTo(1);
      assertThat(client.getWork(registered.workId()).logIndex()).isZero();
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void attestation_signedByTheSdk_isAccepted_recorded_andRefusalsAreTyped() {
    AttestationSigner company = AttestationSigner.fromHex(COMPANY_KEY);
    api.attestationChain.grant(company.address());
    List<Bytes32> works = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      works.add(client.register(creator, WorkUpload.ofBytes(text(10 + i))).workId());
    }
    Bytes32 noAi =
        client
            .register(
                creator, WorkUpload.ofBytes(text(20)).licence("LicenseRef-NoAI").aiTraining(false))
            .workId();
    Bytes32 model = Bytes32.parse("0x" + "42".repeat(32));

    List<Bytes32> withNoAi = new ArrayList<>(works);
    withNoAi.add(noAi);
    var forbidden =
        company.sign(
            model,
            "model 1",
            EvidenceDocument.none(withNoAi),
            BigInteger.ZERO,
            Duration.ofHours(1),
            FakeAttestationChain.DOMAIN);
    assertThatThrownBy(() -> client.submitAttestation(forbidden))
        .isInstanceOfSatisfying(
            RegistryProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.type()).isEqualTo("urn:airm:problem:licence-forbids");
              assertThat(e.detail()).contains(noAi.hex());
            });

    EvidenceDocument evidence =
        EvidenceDocument.knnShapley(
            java.util.Map.of(
                works.get(0), new byte[] {1, 2, 3}, works.get(1), new byte[] {3, 2, 1}),
            java.util.Map.of(works.get(0), 0, works.get(1), 1),
            List.of(new EvidenceDocument.Probe("p1", new byte[] {2, 2, 2}, 1)));
    var signed =
        company.sign(
            model,
            "model 1",
            evidence,
            BigInteger.ZERO,
            Duration.ofHours(1),
            FakeAttestationChain.DOMAIN);
    AttestationReceipt receipt = client.submitAttestation(signed);
    assertThat(receipt.id()).isEqualTo(signed.id());
    assertThat(receipt.state()).isEqualTo(AttestationState.PENDING);
    assertThat(receipt.replayed()).isFalse();

    var reused =
        company.sign(
            model,
            "model 2",
            evidence,
            BigInteger.ZERO,
            Duration.ofHours(1),
            FakeAttestationChain.DOMAIN);
    assertThatThrownBy(() -> client.submitAttestation(reused))
        .isInstanceOfSatisfying(
            RegistryProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.type()).isEqualTo("urn:airm:problem:nonce-reused");
            });

    var relayer =
        new AttestationRelayer(
            api.attestations, api.attestationChain, Leadership.sole(), Clock.systemUTC());
    relayer.runOnce(); // sends it
    relayer.runOnce(); // sees it recorded
    AttestationRecord recorded = client.awaitRecorded(signed.id(), Duration.ofSeconds(10));
    assertThat(recorded.state()).isEqualTo(AttestationState.RECORDED);
    assertThat(recorded.chainAttestationId()).isPresent();
    assertThat(recorded.works()).isEqualTo(evidence.works());
    assertThat(recorded.message().evidenceDigest()).isEqualTo(evidence.digest());
    assertThat(recorded.message().worksRoot()).isEqualTo(evidence.worksRoot());
  }

  @Test
  void attestationsBackToBack_eachSignedWithTheNodesNextNonce_areAllAccepted() {
    AttestationSigner company = AttestationSigner.fromHex(COMPANY_KEY);
    api.attestationChain.grant(company.address());
    Bytes32 work = client.register(creator, WorkUpload.ofBytes(text(50))).workId();
    Bytes32 model = Bytes32.parse("0x" + "42".repeat(32));

    AttesterInfo fresh = client.attester(company.address());
    assertThat(fresh.account()).isEqualTo(company.address());
    assertThat(fresh.attester()).isTrue();
    assertThat(fresh.nextNonce()).isZero();

    List<AttestationReceipt> receipts = new ArrayList<>();
    for (int i = 0; i < 2; i++) { // no relay in between: the chain's nonce stays 0
      var signed =
          company.sign(
              model,
              "model " + i,
              EvidenceDocument.none(List.of(work)),
              client.nextAttestationNonce(company.address()),
              Duration.ofHours(1),
              FakeAttestationChain.DOMAIN);
      receipts.add(client.submitAttestation(signed));
    }
    assertThat(receipts)
        .extracting(AttestationReceipt::state)
        .containsOnly(AttestationState.PENDING);
    assertThat(receipts.stream().map(r -> client.getAttestation(r.id()).message().nonce()))
        .containsExactly(BigInteger.ZERO, BigInteger.ONE);
    AttesterInfo held = client.attester(company.address());
    assertThat(held.nextNonce()).isEqualTo(BigInteger.TWO);
    assertThat(held.chainNonce()).isZero();
    assertThat(held.pending()).isEqualTo(2);
    assertThat(api.attestationChain.relays()).isZero();

    AttesterInfo stranger = client.attester(WorkSigner.fromHex(CREATOR_KEY).address());
    assertThat(stranger.attester()).isFalse();
  }

  @Test
  void worksOfACreator_pageNewestFirst() {
    List<Bytes32> mine = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mine.add(client.register(creator, WorkUpload.ofBytes(text(30 + i))).workId());
    }
    WorkSigner other = WorkSigner.fromHex(COMPANY_KEY);
    client.register(other, WorkUpload.ofBytes(text(40)));

    WorkPage first = client.worksOf(creator.address(), 2, java.util.OptionalLong.empty());
    assertThat(first.creator()).isEqualTo(creator.address());
    assertThat(first.works())
        .extracting(WorkRecord::workId)
        .containsExactly(mine.get(2), mine.get(1));
    assertThat(first.nextBefore()).isPresent();
    WorkPage second = client.worksOf(creator.address(), 2, first.nextBefore());
    assertThat(second.works()).extracting(WorkRecord::workId).containsExactly(mine.get(0));

    assertThat(client.allWorksOf(creator.address()))
        .extracting(WorkRecord::workId)
        .containsExactly(mine.get(2), mine.get(1), mine.get(0));
    assertThat(client.allWorksOf(other.address())).hasSize(1);
  }

  @Test
  void infoWithoutSettlement_saysSo() {
    assertThat(client.info().workDomain()).isEqualTo(ApiHarness.DOMAIN);
    assertThat(client.info().attestationDomain()).isEmpty();
    assertThatThrownBy(client::attestationDomain)
        .hasMessageContaining("does not take attestations");
  }
}
