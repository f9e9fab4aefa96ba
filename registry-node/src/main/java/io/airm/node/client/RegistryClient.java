package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.UsageAttestationsContract;
import io.airm.chain.tx.ChainClient;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.AttestationState;
import io.airm.node.domain.WorkState;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A client of a registry node's HTTP API, over {@code java.net.http}: what creators' and AI
 * companies' programs use to register works and submit usage attestations (see the package overview
 * for an example).
 *
 * <p>Connect with {@link #connect(URI)} or configure with {@link #builder(URI)}. Such a client
 * retries a request the node answered 429 or 503 (waiting as its {@code Retry-After} says) and one
 * that did not reach the node, up to {@link Builder#maxAttempts(int)} attempts; every POST carries
 * an {@code Idempotency-Key}, the same on each attempt, so a retried registration or attestation is
 * never recorded twice. Refusals are {@link RegistryProblemException}s with the node's problem
 * details. A client is thread-safe.
 *
 * <p>The methods returning {@link Answer} are the raw API, whatever the status: the CLI and the
 * tests use them to see problems as they are.
 */
public final class RegistryClient {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final String IN_FLIGHT = "urn:airm:problem:idempotency-key-in-flight";

  private final URI base;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration uploadTimeout;
  private final Optional<String> bearerToken;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxRetryWait;
  private final Duration pollInterval;
  private volatile RegistryInfo info;

  /**
   * A client of the node at {@code baseUrl} (for example {@code http://127.0.0.1:8080}) that tries
   * each request once: the raw client the CLI's auditors and the tests use. Programs should use
   * {@link #connect(URI)}, which retries.
   */
  public RegistryClient(String baseUrl) {
    this(builder(URI.create(baseUrl)).maxAttempts(1));
  }

  private RegistryClient(Builder b) {
    String url = b.base.toString();
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
    this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
    this.requestTimeout = b.requestTimeout;
    this.uploadTimeout = b.uploadTimeout;
    this.bearerToken = b.bearerToken;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxRetryWait = b.maxRetryWait;
    this.pollInterval = b.pollInterval;
  }

  /** A client of the node at {@code node} with the defaults of {@link Builder}. */
  public static RegistryClient connect(URI node) {
    return builder(node).build();
  }

  /** A client of the node at {@code nodeUrl} with the defaults of {@link Builder}. */
  public static RegistryClient connect(String nodeUrl) {
    return connect(URI.create(nodeUrl));
  }

  /** A builder of a client of the node at {@code node}. */
  public static Builder builder(URI node) {
    return new Builder(node);
  }

  /**
   * How a client connects, waits and retries. Defaults: connect timeout 5 s, request timeout 30 s,
   * upload timeout 10 min, 4 attempts, backoff from 200 ms doubling, a {@code Retry-After} of up to
   * 30 s honoured (a longer one is not waited for: the answer is returned or thrown), polling every
   * 500 ms, no bearer token.
   */
  public static final class Builder {
    private final URI base;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration uploadTimeout = Duration.ofMinutes(10);
    private Optional<String> bearerToken = Optional.empty();
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxRetryWait = Duration.ofSeconds(30);
    private Duration pollInterval = Duration.ofMillis(500);

    private Builder(URI base) {
      String scheme = Objects.requireNonNull(base, "node URI").getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("The node's URI must be http or https, not " + base);
      }
      this.base = base;
    }

    /** How long to wait for a connection. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for the answer to a request without content. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** How long to wait for the answer to a request that uploads content. */
    public Builder uploadTimeout(Duration timeout) {
      this.uploadTimeout = positive(timeout, "uploadTimeout");
      return this;
    }

    /** A bearer token sent with every request (the node's operator or admin token). */
    public Builder bearerToken(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("The bearer token must not be empty");
      }
      this.bearerToken = Optional.of(token);
      return this;
    }

    /** Attempts per request, the first included; 1 turns retries off. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, not " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The wait before the first retry without a {@code Retry-After}; it doubles each retry. */
    public Builder initialBackoff(Duration backoff) {
      this.initialBackoff = positive(backoff, "initialBackoff");
      return this;
    }

    /** The longest wait before a retry; a longer {@code Retry-After} ends the retries. */
    public Builder maxRetryWait(Duration wait) {
      this.maxRetryWait = positive(wait, "maxRetryWait");
      return this;
    }

    /** How often {@code await…} methods ask the node. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /** The client. */
    public RegistryClient build() {
      return new RegistryClient(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, not " + d);
      }
      return d;
    }
  }

  /** What a node answered: its status and JSON body. */
  public record Answer(int status, JsonNode body) {}

  /** The node's URL. */
  public URI uri() {
    return base;
  }

  /** Names the node; never the token. */
  @Override
  public String toString() {
    return "RegistryClient[" + base + "]";
  }

  // ---- the registry -------------------------------------------------------------------------

  /**
   * {@code GET /v1/registry}: the EIP-712 domains to sign under, the contracts and the log's size.
   */
  public RegistryInfo info() {
    RegistryInfo fresh = RegistryInfo.fromJson(registryInfo());
    info = fresh;
    return fresh;
  }

  /** {@code GET /v1/registry}, as JSON. */
  public JsonNode registryInfo() {
    return ok(get("v1/registry"));
  }

  /** The EIP-712 domain the node's registry uses. */
  public Eip712Domain domain() {
    return cachedInfo().workDomain();
  }

  /** The EIP-712 domain usage attestations are signed under. */
  public Eip712Domain attestationDomain() {
    return cachedInfo().requireAttestationDomain();
  }

  /** The registry's info, fetched once: its domains and contracts do not change. */
  private RegistryInfo cachedInfo() {
    RegistryInfo known = info;
    return known != null ? known : info();
  }

  // ---- creators -----------------------------------------------------------------------------

  /**
   * Registers a work: hashes its content (SHA-256 and CIDv1, one pass), signs the EIP-712 {@code
   * WorkRegistration} with {@code creator}'s key under the node's domain, and submits it with the
   * content (or only its hashes, if {@link WorkUpload#hashOnly()}).
   *
   * @return the work id (the digest signed) and its log index; the work is then pending
   * @throws RegistryProblemException if the node refuses it
   */
  public Registered register(WorkSigner creator, WorkUpload work) {
    try (WorkUpload.Prepared content = work.prepare()) {
      WorkSigner.Signed signed =
          creator.sign(
              content.identity(),
              domain(),
              work.licence(),
              work.aiTraining(),
              work.metadata(),
              work.parents(),
              work.validity());
      String request = registrationJson(signed.registration(), signed.signature(), work.metadata());
      Exchange answer =
          work.isHashOnly()
              ? exchange(
                  "POST",
                  "v1/works",
                  "application/json",
                  () -> HttpRequest.BodyPublishers.ofString(request),
                  requestTimeout,
                  bearerToken,
                  Optional.of(newIdempotencyKey()))
              : multipart(request, content::body, Optional.of(newIdempotencyKey()));
      Registered registered = Registered.fromJson(ok(answer.answer()), answer.replayed());
      if (!registered.workId().equals(signed.workId())) {
        throw new RegistryClientException(
            answer.status(),
            "The node registered "
                + registered.workId()
                + " but the creator signed "
                + signed.workId());
      }
      return registered;
    }
  }

  /** {@code GET /v1/works/{id}}, typed. */
  public WorkRecord getWork(Bytes32 workId) {
    return WorkRecord.fromJson(work(workId));
  }

  /**
   * {@code GET /v1/works?creator=}: one page of {@code creator}'s works, newest first.
   *
   * @param limit the page size, 1 to 100
   * @param before the log index to continue below (a page's {@link WorkPage#nextBefore()}), or
   *     empty for the newest
   */
  public WorkPage worksOf(Address creator, int limit, OptionalLong before) {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit must be between 1 and 100, not " + limit);
    }
    String query = "v1/works?creator=" + creator.value() + "&limit=" + limit;
    if (before.isPresent()) {
      query += "&before=" + before.getAsLong();
    }
    return WorkPage.fromJson(ok(get(query)));
  }

  /** Every work of {@code creator}, newest first, read page by page. */
  public List<WorkRecord> allWorksOf(Address creator) {
    List<WorkRecord> all = new ArrayList<>();
    OptionalLong before = OptionalLong.empty();
    do {
      WorkPage page = worksOf(creator, 100, before);
      all.addAll(page.works());
      before = page.nextBefore();
    } while (before.isPresent());
    return all;
  }

  /**
   * Polls the work until it is final (its checkpoint deep enough on the canonical chain), then
   * checks its inclusion proof locally ({@link #verifyInclusion(WorkRecord)}).
   *
   * @throws RegistryClientException if it is not final within {@code timeout}
   * @throws VerificationException if the proof, the id or the signature does not verify
   */
  public WorkRecord awaitFinal(Bytes32 workId, Duration timeout) {
    WorkRecord record =
        await(
            () -> getWork(workId),
            w -> w.state() == WorkState.FINAL,
            w -> "work " + workId + " is " + w.state().apiName(),
            timeout);
    verifyInclusion(record);
    return record;
  }

  /**
   * Checks a work record without trusting the node for anything but the domain: the work id is the
   * EIP-712 digest of the registration, the signature recovers the creator, and the inclusion proof
   * (RFC 6962) leads from the work's log leaf to the checkpoint's root.
   *
   * @throws VerificationException naming what does not hold, with the computed and expected value
   */
  public void verifyInclusion(WorkRecord work) {
    Proofs.verifyWork(work, domain());
  }

  /**
   * As {@link #verifyInclusion(WorkRecord)}, and the checkpoint's root is the one {@code
   * WorkRegistry.rootAt(treeSize)} holds on the chain at {@code rpcUrl} (your own endpoint), on the
   * registry the node names.
   */
  public void verifyOnChain(WorkRecord work, String rpcUrl) {
    verifyOnChain(work, rpcUrl, cachedInfo().workRegistry());
  }

  /** As {@link #verifyOnChain(WorkRecord, String)}, on the {@code WorkRegistry} you trust. */
  public void verifyOnChain(WorkRecord work, String rpcUrl, Address workRegistry) {
    verifyInclusion(work);
    try (ChainClient chain = ChainClient.connect(rpcUrl)) {
      Proofs.verifyRootOnChain(work, chain, workRegistry);
    }
  }

  // ---- AI companies -------------------------------------------------------------------------

  /**
   * Signs and submits an attestation that model {@code modelId} ({@code modelVersion}) used the
   * works of {@code evidence}, under the node's attestation domain, with the attester's next nonce
   * as the node counts it ({@link #nextAttestationNonce(Address)}) and a one-hour validity. Calls
   * one after another need not wait for the chain: each counts the ones before it.
   *
   * @throws RegistryProblemException if the node refuses it
   */
  public AttestationReceipt attest(
      AttestationSigner attester, Bytes32 modelId, String modelVersion, EvidenceDocument evidence) {
    AttestationSigner.Signed signed =
        attester.sign(
            modelId,
            modelVersion,
            evidence,
            nextAttestationNonce(attester.address()),
            Duration.ofHours(1),
            attestationDomain());
    return submitAttestation(signed);
  }

  /**
   * {@code GET /v1/attesters/{account}}: whether the account holds ATTESTER_ROLE, its next nonce as
   * the node counts it and on chain, and how many of its attestations the node has not yet had
   * recorded.
   *
   * @throws RegistryProblemException if the node refuses (404 where it takes no attestations)
   */
  public AttesterInfo attester(Address account) {
    AttesterInfo info = AttesterInfo.fromJson(ok(get("v1/attesters/" + account.value())));
    if (!info.account().equals(account)) {
      throw new RegistryClientException(
          200, "The node answered for " + info.account() + " when asked about " + account);
    }
    return info;
  }

  /**
   * The nonce the attester's next attestation must carry, as the node counts it: {@code
   * UsageAttestations}' nonce, or one past the attestations the node holds but has not yet relayed
   * if that is further on, which is the nonce the node accepts. Programs that attest one after
   * another need not wait for the chain; two threads attesting for one attester at once still read
   * the same nonce (one is refused 409, {@code nonce-reused}). To count only what the chain holds,
   * use {@link #nextAttestationNonce(Address, String)} with your own endpoint.
   */
  public BigInteger nextAttestationNonce(Address attester) {
    return attester(attester).nextNonce();
  }

  /**
   * The attester's next nonce on the {@code UsageAttestations} contract the node names, read from
   * the chain at {@code rpcUrl}, trusting the node for nothing but the contract's address. It does
   * not count attestations the node holds but has not yet relayed: after submitting one, wait for
   * {@link #awaitRecorded(Bytes32, Duration)} before reading it again.
   */
  public BigInteger nextAttestationNonce(Address attester, String rpcUrl) {
    Address contract =
        cachedInfo()
            .usageAttestations()
            .orElseThrow(
                () ->
                    new RegistryClientException(
                        0, "The node at " + base + " does not take attestations"));
    try (ChainClient chain = ChainClient.connect(rpcUrl)) {
      return new UsageAttestationsContract(chain, contract).nonce(attester);
    }
  }

  /**
   * {@code POST /v1/attestations} of a signed attestation, retried under one idempotency key.
   *
   * @throws RegistryProblemException if the node refuses it
   */
  public AttestationReceipt submitAttestation(AttestationSigner.Signed signed) {
    Exchange answer = postJsonExchange("v1/attestations", attestationJson(signed));
    AttestationReceipt receipt =
        AttestationReceipt.fromJson(ok(answer.answer()), answer.replayed());
    if (!receipt.id().equals(signed.id())) {
      throw new RegistryClientException(
          answer.status(),
          "The node stored attestation "
              + receipt.id()
              + " but the attester signed "
              + signed.id());
    }
    return receipt;
  }

  /** {@code GET /v1/attestations/{id}}, typed. */
  public AttestationRecord getAttestation(Bytes32 attestationId) {
    return AttestationRecord.fromJson(ok(attestation(attestationId)));
  }

  /**
   * Polls the attestation until the chain has recorded it.
   *
   * @throws RegistryClientException if it is not recorded within {@code timeout}, or failed (with
   *     the chain's reason)
   */
  public AttestationRecord awaitRecorded(Bytes32 attestationId, Duration timeout) {
    AttestationRecord record =
        await(
            () -> getAttestation(attestationId),
            a -> a.state() == AttestationState.RECORDED || a.state() == AttestationState.FAILED,
            a -> "attestation " + attestationId + " is " + a.state().apiName(),
            timeout);
    if (record.state() == AttestationState.FAILED) {
      throw new RegistryClientException(
          200,
          "Attestation "
              + attestationId
              + " failed on chain: "
              + record.failure().orElse("no reason given"));
    }
    return record;
  }

  // ---- allocations --------------------------------------------------------------------------

  /** {@code GET /v1/accounts/{account}/allocations}: what the account was allocated, all pools. */
  public Allocation.Summary allocations(Address account) {
    return Allocation.Summary.fromJson(ok(get("v1/accounts/" + account.value() + "/allocations")));
  }

  /** {@code GET /v1/pools/{id}/allocations/{account}}: one allocation, with its claim proof. */
  public Allocation poolAllocation(BigInteger poolId, Address account) {
    return Allocation.fromJson(ok(allocation(poolId, account)));
  }

  // ---- the raw API ----------------------------------------------------------------------------

  /** {@code GET /v1/works/{id}}. */
  public JsonNode work(Bytes32 workId) {
    return ok(get("v1/works/" + workId.hex()));
  }

  /** {@code GET /v1/works/{id}}, whatever the status. */
  public Answer workAnswer(Bytes32 workId) {
    return get("v1/works/" + workId.hex());
  }

  /** {@code GET /v1/log}: the log's size and root, and the newest checkpoint on chain. */
  public JsonNode logHead() {
    return ok(get("v1/log"));
  }

  /** {@code GET /v1/log/entries?start=S&count=C}, whatever the status. */
  public Answer logEntries(long start, int count) {
    return get("v1/log/entries?start=" + start + "&count=" + count);
  }

  /** {@code GET /v1/log/consistency?first=A&second=B}, whatever the status. */
  public Answer logConsistency(long first, long second) {
    return get("v1/log/consistency?first=" + first + "&second=" + second);
  }

  /** {@code GET /v1/log/proof?index=I&treeSize=N}, whatever the status. */
  public Answer logProof(long index, long treeSize) {
    return get("v1/log/proof?index=" + index + "&treeSize=" + treeSize);
  }

  /** {@code GET /v1/attestations/{id}}, whatever the status. */
  public Answer attestation(Bytes32 attestationId) {
    return get("v1/attestations/" + attestationId.hex());
  }

  /**
   * {@code POST /v1/works}: multipart with the content if {@code content} is given, else JSON.
   * Returns the answer whatever its status, so callers see problems as they are.
   */
  public Answer register(
      WorkRegistration registration,
      EthSignature signature,
      Optional<String> metadata,
      Optional<Path> content) {
    String request = registrationJson(registration, signature, metadata);
    return content.isPresent()
        ? postMultipart(request, content.get())
        : postJson("v1/works", request);
  }

  /** POSTs a raw JSON body (tests use it to send malformed requests). */
  public Answer postJson(String path, String json) {
    return postJson(path, json, Optional.empty());
  }

  /** POSTs a raw JSON body with a bearer token (operator and admin endpoints). */
  public Answer postJson(String path, String json, Optional<String> bearerToken) {
    return postJson(path, json, bearerToken, Optional.empty());
  }

  /**
   * POSTs a raw JSON body with a bearer token and an {@code Idempotency-Key}. Without a key it is
   * tried once, since a repeat could be recorded twice.
   */
  public Answer postJson(
      String path, String json, Optional<String> bearerToken, Optional<String> idempotencyKey) {
    return exchange(
            "POST",
            path,
            "application/json",
            () -> HttpRequest.BodyPublishers.ofString(json),
            Duration.ofSeconds(120),
            bearerToken.or(() -> this.bearerToken),
            idempotencyKey)
        .answer();
  }

  /** {@code POST /v1/attestations}, whatever the answer. */
  public Answer attest(AttestationSigner.Signed signed) {
    return postJson("v1/attestations", attestationJson(signed));
  }

  /** {@code GET} of any API path, whatever the answer. */
  public Answer getAnswer(String path) {
    return get(path.startsWith("/") ? path.substring(1) : path);
  }

  /** {@code GET} of any API path; a non-2xx answer is an exception. */
  public JsonNode getJson(String path) {
    return ok(getAnswer(path));
  }

  /** {@code POST /v1/pools/{id}/settle} with the operator's token. */
  public Answer settle(BigInteger poolId, Optional<String> operatorToken) {
    return postJson("v1/pools/" + poolId + "/settle", "{}", operatorToken);
  }

  /** {@code GET /v1/pools/{id}/allocations/{account}}. */
  public Answer allocation(BigInteger poolId, Address account) {
    return get("v1/pools/" + poolId + "/allocations/" + account.value());
  }

  /** POSTs a multipart registration: the {@code request} JSON part and the {@code content} file. */
  public Answer postMultipart(String requestJson, Path content) {
    return multipart(
            requestJson,
            () -> {
              try {
                return HttpRequest.BodyPublishers.ofFile(content);
              } catch (IOException e) {
                throw new RegistryClientException(
                    "Cannot read " + content + ": " + e.getMessage(), e);
              }
            },
            Optional.empty())
        .answer();
  }

  /** {@code GET /ipfs/{cid}}: the content, streamed. */
  public InputStream content(String cid) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("ipfs/" + cid)).timeout(uploadTimeout).build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        throw new RegistryClientException(
            response.statusCode(),
            "GET /ipfs/" + cid + " answered " + response.statusCode() + ": " + body);
      }
      return response.body();
    } catch (IOException e) {
      throw new RegistryClientException("Cannot reach the node at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryClientException("Interrupted", e);
    }
  }

  // ---- transport ----------------------------------------------------------------------------

  /** An answer and whether the node replayed it for an idempotency key. */
  private record Exchange(Answer answer, boolean replayed) {
    int status() {
      return answer.status();
    }
  }

  private static String registrationJson(
      WorkRegistration registration, EthSignature signature, Optional<String> metadata) {
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("registration", WireFormat.registration(registration));
    request.put("signature", signature.toHex());
    metadata.ifPresent(m -> request.put("metadata", m));
    return request.toString();
  }

  private static String attestationJson(AttestationSigner.Signed signed) {
    ObjectNode request = WireFormat.JSON.createObjectNode();
    request.set("attestation", WireFormat.attestation(signed.message()));
    request.put("signature", signed.signature().toHex());
    request.set("evidence", signed.evidence());
    return request.toString();
  }

  private Exchange postJsonExchange(String path, String json) {
    return exchange(
        "POST",
        path,
        "application/json",
        () -> HttpRequest.BodyPublishers.ofString(json),
        requestTimeout,
        bearerToken,
        Optional.of(newIdempotencyKey()));
  }

  private static String newIdempotencyKey() {
    return UUID.randomUUID().toString();
  }

  private Exchange multipart(
      String requestJson,
      Supplier<HttpRequest.BodyPublisher> content,
      Optional<String> idempotencyKey) {
    // a new boundary per attempt is fine: the node's fingerprint of a multipart body leaves it out
    return send(
        "POST",
        "v1/works",
        () -> {
          String boundary = "airm-" + UUID.randomUUID();
          String head =
              "--"
                  + boundary
                  + "\r\n"
                  + "Content-Disposition: form-data; name=\"request\"\r\n"
                  + "Content-Type: application/json\r\n\r\n"
                  + requestJson
                  + "\r\n"
                  + "--"
                  + boundary
                  + "\r\n"
                  + "Content-Disposition: form-data; name=\"content\"; filename=\"content\"\r\n"
                  + "Content-Type: application/octet-stream\r\n\r\n";
          String tail = "\r\n--" + boundary + "--\r\n";
          return new Body(
              "multipart/form-data; boundary=" + boundary,
              HttpRequest.BodyPublishers.concat(
                  HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                  content.get(),
                  HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8)));
        },
        uploadTimeout,
        bearerToken,
        idempotencyKey);
  }

  /** A request body and its content type. */
  private record Body(String contentType, HttpRequest.BodyPublisher publisher) {}

  private Exchange exchange(
      String method,
      String path,
      String contentType,
      Supplier<HttpRequest.BodyPublisher> body,
      Duration timeout,
      Optional<String> token,
      Optional<String> idempotencyKey) {
    return send(
        method, path, () -> new Body(contentType, body.get()), timeout, token, idempotencyKey);
  }

  private Answer get(String path) {
    return send("GET", path, (Supplier<Body>) null, requestTimeout, bearerToken, Optional.empty())
        .answer();
  }

  /**
   * Sends a request, retrying as the class comment says. A POST is retried only with an idempotency
   * key: without one, a request whose answer was lost may have been recorded.
   */
  private Exchange send(
      String method,
      String path,
      Supplier<Body> body,
      Duration timeout,
      Optional<String> token,
      Optional<String> idempotencyKey) {
    URI uri = base.resolve(path);
    boolean retryable = body == null || idempotencyKey.isPresent();
    int attempts = retryable ? maxAttempts : 1;
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
      if (body == null) {
        request.GET();
      } else {
        Body b = body.get();
        if (b.contentType() != null) {
          request.header("Content-Type", b.contentType());
        }
        request.method(method, b.publisher());
      }
      token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
      idempotencyKey.ifPresent(k -> request.header(IDEMPOTENCY_KEY, k));
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt < attempts) {
          sleep(backoff(attempt));
          continue;
        }
        throw new RegistryClientException(
            "Cannot reach the node at "
                + base
                + " ("
                + method
                + " "
                + uri
                + ", "
                + attempt
                + (attempt == 1 ? " attempt" : " attempts")
                + "): "
                + e,
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryClientException("Interrupted", e);
      }
      Answer answer = new Answer(response.statusCode(), json(response, uri));
      if (attempt < attempts && shouldRetry(answer)) {
        Duration wait = retryAfter(response).orElse(backoff(attempt));
        if (wait.compareTo(maxRetryWait) <= 0) {
          sleep(wait);
          continue;
        }
      }
      boolean replayed =
          response.headers().firstValue(REPLAYED).map("true"::equalsIgnoreCase).orElse(false);
      return new Exchange(answer, replayed);
    }
  }

  private static boolean shouldRetry(Answer answer) {
    return answer.status() == 429
        || answer.status() == 503
        || (answer.status() == 409 && IN_FLIGHT.equals(answer.body().path("type").asText()));
  }

  private Duration backoff(int attempt) {
    Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
    return wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
  }

  /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110 §10.2.3). */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(RegistryClient::parseRetryAfter);
  }

  static Optional<Duration> parseRetryAfter(String value) {
    String v = value.strip();
    if (v.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(Instant.now(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty(); // an unreadable Retry-After: back off as without one
    }
  }

  private static JsonNode json(HttpResponse<String> response, URI uri) {
    String body = response.body();
    if (body == null || body.isBlank()) {
      return WireFormat.JSON.nullNode();
    }
    try {
      return WireFormat.JSON.readTree(body);
    } catch (IOException e) {
      throw new RegistryClientException(
          response.statusCode(),
          "The node's answer to "
              + uri
              + " ("
              + response.statusCode()
              + ") is not JSON: "
              + abbreviate(body));
    }
  }

  private static String abbreviate(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryClientException("Interrupted", e);
    }
  }

  private <T> T await(
      Supplier<T> poll,
      Predicate<T> done,
      java.util.function.Function<T, String> where,
      Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      T value = poll.get();
      if (done.test(value)) {
        return value;
      }
      if (!Instant.now().isBefore(deadline)) {
        throw new RegistryClientException(
            0, "Gave up after " + timeout + ": " + where.apply(value));
      }
      sleep(pollInterval);
    }
  }

  private static JsonNode ok(Answer answer) {
    if (answer.status() / 100 != 2) {
      throw RegistryProblemException.of(answer.status(), answer.body());
    }
    return answer.body();
  }
}
