package io.airm.node.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.AllocationTree;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.report.ValuationReport;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@code airm-settlement/1} document (SETTLEMENT.md §3): everything an auditor needs, with the
 * chain and IPFS, to recompute a pool's allocation. Its digest is the {@code reportDigest} posted
 * with the distribution.
 *
 * <p>A <em>draft</em> has no {@code valuation} and {@code allocation} yet: it is what the valuation
 * input is derived from ({@link ValuationInputs#build}); {@link #withValuation} completes it. Only
 * a complete document has canonical bytes and a digest, and {@link #parse} reads only complete
 * ones.
 *
 * @param chainId the chain the contracts are on
 * @param contracts the three contracts
 * @param pool the pool being settled
 * @param attestation the usage attestation the pool pays for
 * @param checkpoint the anchored checkpoint every proof is against
 * @param works the attested works, by log index
 * @param creatorRecords each creator's earlier works in the log outside the pool, by creator
 * @param valuation where the valuation input and report are, once computed
 * @param allocation the allocation tree's summary, once computed
 */
public record SettlementDocument(
    long chainId,
    Contracts contracts,
    Pool pool,
    Attestation attestation,
    Checkpoint checkpoint,
    List<Work> works,
    Map<Address, Long> creatorRecords,
    Optional<ValuationRefs> valuation,
    Optional<AllocationSummary> allocation) {

  /** The value of the {@code format} field. */
  public static final String FORMAT = "airm-settlement/1";

  private static final Comparator<Address> BY_HEX = Comparator.comparing(Address::value);

  /** The contracts of the deployment. */
  public record Contracts(
      Address workRegistry, Address usageAttestations, Address rewardDistributor) {
    public Contracts {
      require(workRegistry, "$.contracts.workRegistry");
      require(usageAttestations, "$.contracts.usageAttestations");
      require(rewardDistributor, "$.contracts.rewardDistributor");
    }
  }

  /**
   * The pool.
   *
   * @param id the pool id on {@code RewardDistributor}
   * @param token the ERC-20 token paid, or the zero address for ETH
   * @param funded the amount the allocation splits, in the token's smallest unit
   * @param attestationId the on-chain attestation id the pool was created for
   */
  public record Pool(BigInteger id, Address token, BigInteger funded, BigInteger attestationId) {
    public Pool {
      requireUnsigned(id, "$.pool.id");
      require(token, "$.pool.token");
      requireUnsigned(funded, "$.pool.funded");
      requireUnsigned(attestationId, "$.pool.attestationId");
    }
  }

  /**
   * The usage attestation and its place in the log.
   *
   * @param id its EIP-712 digest under the UsageAttestations domain
   * @param message the signed message
   * @param signature the attester's signature over {@code id}
   * @param logIndex the index of its leaf {@code 0x02 ‖ id ‖ signature} in the log
   * @param evidenceCid the CID of the evidence document's canonical bytes
   * @param attestedAt the block timestamp of the on-chain record, unix seconds
   * @param proof the RFC 6962 inclusion proof of its leaf at the checkpoint
   */
  public record Attestation(
      Bytes32 id,
      AttestationMessage message,
      EthSignature signature,
      long logIndex,
      String evidenceCid,
      long attestedAt,
      List<Bytes32> proof) {
    public Attestation {
      require(id, "$.attestation.id");
      require(message, "$.attestation.message");
      require(signature, "$.attestation.signature");
      requireCount(logIndex, "$.attestation.logIndex");
      require(evidenceCid, "$.attestation.evidenceCid");
      requireCount(attestedAt, "$.attestation.attestedAt");
      proof = List.copyOf(require(proof, "$.attestation.proof"));
    }
  }

  /** The checkpoint: a tree size whose root {@code WorkRegistry.rootAt(treeSize)} holds. */
  public record Checkpoint(long treeSize, Bytes32 root) {
    public Checkpoint {
      if (treeSize <= 0) {
        throw new SettlementFormatException(
            "$.checkpoint.treeSize must be positive, not " + treeSize);
      }
      require(root, "$.checkpoint.root");
    }
  }

  /**
   * One attested work.
   *
   * @param workId its id, the EIP-712 digest of the registration under the WorkRegistry domain
   * @param logIndex the index of its leaf {@code 0x01 ‖ workId ‖ signature} in the log
   * @param signature the creator's signature over {@code workId}
   * @param metadata the metadata document whose SHA-256 the registration signs, if the node holds
   *     it
   * @param registration the signed registration
   * @param proof the RFC 6962 inclusion proof of its leaf at the checkpoint
   */
  public record Work(
      Bytes32 workId,
      long logIndex,
      EthSignature signature,
      Optional<String> metadata,
      WorkRegistration registration,
      List<Bytes32> proof) {
    public Work {
      require(workId, "$.works[].workId");
      requireCount(logIndex, "$.works[].logIndex");
      require(signature, "$.works[].signature");
      require(metadata, "$.works[].metadata");
      require(registration, "$.works[].registration");
      proof = List.copyOf(require(proof, "$.works[].proof"));
    }
  }

  /**
   * Where the valuation's input and report are.
   *
   * @param modelVersion the scoring model's version
   * @param modelSha256 SHA-256 of the scoring model document
   * @param inputCid the CID of the valuation input's canonical bytes
   * @param inputSha256 the input's SHA-256, as the report names it
   * @param reportCid the CID of the report's canonical bytes
   * @param reportSha256 SHA-256 of the report's canonical bytes
   */
  public record ValuationRefs(
      String modelVersion,
      Bytes32 modelSha256,
      String inputCid,
      Bytes32 inputSha256,
      String reportCid,
      Bytes32 reportSha256) {
    public ValuationRefs {
      require(modelVersion, "$.valuation.modelVersion");
      require(modelSha256, "$.valuation.modelSha256");
      require(inputCid, "$.valuation.inputCid");
      require(inputSha256, "$.valuation.inputSha256");
      require(reportCid, "$.valuation.reportCid");
      require(reportSha256, "$.valuation.reportSha256");
    }
  }

  /**
   * The allocation posted on chain.
   *
   * @param root the OpenZeppelin-compatible Merkle root of the allocation leaves
   * @param total the sum of the leaves' amounts
   * @param leaves the number of leaves
   */
  public record AllocationSummary(Bytes32 root, BigInteger total, long leaves) {
    public AllocationSummary {
      require(root, "$.allocation.root");
      requireUnsigned(total, "$.allocation.total");
      if (leaves <= 0) {
        throw new SettlementFormatException("$.allocation.leaves must be positive, not " + leaves);
      }
    }

    /**
     * The summary of a valuation report's allocation: the root of the OpenZeppelin-compatible tree
     * over its leaves {@code (index, account, amountWei)}, their total and count.
     */
    public static AllocationSummary of(ValuationReport report) {
      JsonNode leaves = report.json().path("allocation").path("leaves");
      List<AllocationTree.Claim> claims = new ArrayList<>();
      BigInteger total = BigInteger.ZERO;
      for (JsonNode leaf : leaves) {
        BigInteger amount = new BigInteger(leaf.get("amountWei").asText());
        claims.add(
            new AllocationTree.Claim(
                leaf.get("index").asLong(), Address.parse(leaf.get("account").asText()), amount));
        total = total.add(amount);
      }
      if (claims.isEmpty()) {
        throw new SettlementFormatException("The valuation report allocates nothing");
      }
      return new AllocationSummary(AllocationTree.of(claims).root(), total, claims.size());
    }
  }

  public SettlementDocument {
    if (chainId <= 0) {
      throw new SettlementFormatException("$.chainId must be positive, not " + chainId);
    }
    require(contracts, "$.contracts");
    require(pool, "$.pool");
    require(attestation, "$.attestation");
    require(checkpoint, "$.checkpoint");
    works = List.copyOf(require(works, "$.works"));
    Map<Address, Long> sorted = new TreeMap<>(BY_HEX);
    sorted.putAll(require(creatorRecords, "$.creatorRecords"));
    creatorRecords = sorted;
    creatorRecords.forEach(
        (creator, count) -> {
          require(count, "$.creatorRecords." + creator);
          requireCount(count, "$.creatorRecords." + creator + ".earlierWorks");
        });
    creatorRecords = Collections.unmodifiableMap(creatorRecords);
    require(valuation, "$.valuation");
    require(allocation, "$.allocation");
    if (valuation.isPresent() != allocation.isPresent()) {
      throw new SettlementFormatException(
          "$.valuation and $.allocation must both be present, or both absent in a draft");
    }
    if (works.isEmpty()) {
      throw new SettlementFormatException("$.works must not be empty");
    }
    Set<Bytes32> ids = new HashSet<>();
    for (int i = 0; i < works.size(); i++) {
      Work work = works.get(i);
      if (i > 0 && works.get(i - 1).logIndex() >= work.logIndex()) {
        throw new SettlementFormatException(
            "$.works["
                + i
                + "].logIndex "
                + work.logIndex()
                + " must be greater than $.works["
                + (i - 1)
                + "].logIndex: works are sorted by log index");
      }
      if (!ids.add(work.workId())) {
        throw new SettlementFormatException("$.works[" + i + "] repeats work " + work.workId());
      }
      if (work.logIndex() >= checkpoint.treeSize()) {
        throw new SettlementFormatException(
            "$.works["
                + i
                + "].logIndex "
                + work.logIndex()
                + " is not in the checkpoint's tree of size "
                + checkpoint.treeSize());
      }
      if (work.logIndex() == attestation.logIndex()) {
        throw new SettlementFormatException(
            "$.works[" + i + "].logIndex is the attestation's log index " + work.logIndex());
      }
    }
    if (attestation.logIndex() >= checkpoint.treeSize()) {
      throw new SettlementFormatException(
          "$.attestation.logIndex "
              + attestation.logIndex()
              + " is not in the checkpoint's tree of size "
              + checkpoint.treeSize());
    }
  }

  /** A builder for a new document. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this document's parts, to change one. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .chainId(chainId)
            .contracts(contracts)
            .pool(pool)
            .attestation(attestation)
            .checkpoint(checkpoint)
            .works(works)
            .creatorRecords(creatorRecords);
    valuation.ifPresent(builder::valuation);
    allocation.ifPresent(builder::allocation);
    return builder;
  }

  /** This draft completed with the valuation's references and the allocation's summary. */
  public SettlementDocument withValuation(ValuationRefs refs, AllocationSummary summary) {
    return toBuilder().valuation(refs).allocation(summary).build();
  }

  /** Whether the valuation and allocation are filled in. */
  public boolean isComplete() {
    return valuation.isPresent();
  }

  /** The attested work ids, sorted ascending (the order of the evidence and of the works root). */
  public List<Bytes32> sortedWorkIds() {
    return works.stream().map(Work::workId).sorted((a, b) -> a.hex().compareTo(b.hex())).toList();
  }

  /** The document as JSON; a draft lacks {@code valuation} and {@code allocation}. */
  public ObjectNode toJson() {
    ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("chainId", Long.toString(chainId));
    ObjectNode c = root.putObject("contracts");
    c.put("workRegistry", contracts.workRegistry().value());
    c.put("usageAttestations", contracts.usageAttestations().value());
    c.put("rewardDistributor", contracts.rewardDistributor().value());
    ObjectNode p = root.putObject("pool");
    p.put("id", pool.id().toString());
    p.put("token", pool.token().value());
    p.put("funded", pool.funded().toString());
    p.put("attestationId", pool.attestationId().toString());
    ObjectNode a = root.putObject("attestation");
    a.put("id", attestation.id().hex());
    a.set("message", message(attestation.message()));
    a.put("signature", attestation.signature().toHex());
    a.put("logIndex", attestation.logIndex());
    a.put("evidenceCid", attestation.evidenceCid());
    a.put("attestedAt", attestation.attestedAt());
    a.set("proof", hashes(attestation.proof()));
    ObjectNode cp = root.putObject("checkpoint");
    cp.put("treeSize", checkpoint.treeSize());
    cp.put("root", checkpoint.root().hex());
    ArrayNode list = root.putArray("works");
    for (Work work : works) {
      ObjectNode w = list.addObject();
      w.put("workId", work.workId().hex());
      w.put("logIndex", work.logIndex());
      w.put("signature", work.signature().toHex());
      if (work.metadata().isPresent()) {
        w.put("metadata", work.metadata().get());
      } else {
        w.putNull("metadata");
      }
      w.set("registration", registration(work.registration()));
      w.set("proof", hashes(work.proof()));
    }
    ObjectNode records = root.putObject("creatorRecords");
    creatorRecords.forEach(
        (creator, n) -> records.putObject(creator.value()).put("earlierWorks", n));
    valuation.ifPresent(
        v -> {
          ObjectNode node = root.putObject("valuation");
          node.put("modelVersion", v.modelVersion());
          node.put("modelSha256", v.modelSha256().hex());
          node.put("inputCid", v.inputCid());
          node.put("inputSha256", v.inputSha256().hex());
          node.put("reportCid", v.reportCid());
          node.put("reportSha256", v.reportSha256().hex());
        });
    allocation.ifPresent(
        s -> {
          ObjectNode node = root.putObject("allocation");
          node.put("root", s.root().hex());
          node.put("total", s.total().toString());
          node.put("leaves", s.leaves());
        });
    return root;
  }

  /**
   * The canonical JSON bytes (RFC 8785) of a complete document: what is stored in IPFS.
   *
   * @throws IllegalStateException for a draft
   */
  public byte[] canonicalBytes() {
    if (!isComplete()) {
      throw new IllegalStateException(
          "A draft settlement (no valuation, no allocation) is never published, so has no digest");
    }
    return CanonicalJson.bytes(toJson());
  }

  /** SHA-256 of the canonical bytes: the {@code reportDigest} posted with the distribution. */
  public Bytes32 digest() {
    return Evidence.sha256(canonicalBytes());
  }

  /** The JSON of an attestation message, as {@code POST /v1/attestations} carries it. */
  public static ObjectNode message(AttestationMessage m) {
    ObjectNode node = CanonicalJson.MAPPER.createObjectNode();
    node.put("modelId", m.modelId().hex());
    node.put("modelVersion", m.modelVersion());
    node.put("worksRoot", m.worksRoot().hex());
    node.put("workCount", m.workCount());
    node.put("evidenceDigest", m.evidenceDigest().hex());
    node.put("attester", m.attester().value());
    node.put("nonce", m.nonce().toString());
    node.put("deadline", m.deadline().toString());
    return node;
  }

  /** The JSON of a registration, as the node's API writes it. */
  public static ObjectNode registration(WorkRegistration r) {
    ObjectNode node = CanonicalJson.MAPPER.createObjectNode();
    node.put("creator", r.creator().value());
    node.put("contentHash", r.contentHash().hex());
    node.put("cid", r.cid());
    node.put("metadataHash", r.metadataHash().hex());
    node.put("licence", r.licence());
    node.put("aiTraining", r.aiTraining());
    ArrayNode parents = node.putArray("parents");
    r.parents().forEach(parent -> parents.add(parent.hex()));
    node.put("nonce", r.nonce().toString());
    node.put("deadline", r.deadline().toString());
    return node;
  }

  private static ArrayNode hashes(List<Bytes32> list) {
    ArrayNode node = CanonicalJson.MAPPER.createArrayNode();
    list.forEach(h -> node.add(h.hex()));
    return node;
  }

  /** Parses the bytes of a settlement document (as fetched from IPFS). */
  public static SettlementDocument parse(byte[] bytes) {
    return parse(Fields.read(bytes, "The settlement document"));
  }

  /**
   * Parses a complete settlement document, strictly: every field present with its type, nothing
   * unknown, every value written as {@link #toJson} writes it.
   *
   * @throws SettlementFormatException naming the JSON path of the first problem
   */
  public static SettlementDocument parse(JsonNode node) {
    ObjectNode root =
        Fields.exactly(
            node,
            "$",
            Set.of(
                "format",
                "chainId",
                "contracts",
                "pool",
                "attestation",
                "checkpoint",
                "works",
                "creatorRecords",
                "valuation",
                "allocation"));
    if (!FORMAT.equals(Fields.text(root.get("format"), "$.format"))) {
      throw new SettlementFormatException("$.format must be \"" + FORMAT + "\"");
    }
    BigInteger chainId = Fields.decimal(root.get("chainId"), "$.chainId");
    if (chainId.signum() <= 0 || chainId.bitLength() > 63) {
      throw new SettlementFormatException("$.chainId must be a positive 63-bit integer");
    }
    Builder builder = builder().chainId(chainId.longValueExact());

    ObjectNode c =
        Fields.exactly(
            root.get("contracts"),
            "$.contracts",
            Set.of("workRegistry", "usageAttestations", "rewardDistributor"));
    builder.contracts(
        new Contracts(
            Fields.address(c.get("workRegistry"), "$.contracts.workRegistry"),
            Fields.address(c.get("usageAttestations"), "$.contracts.usageAttestations"),
            Fields.address(c.get("rewardDistributor"), "$.contracts.rewardDistributor")));

    ObjectNode p =
        Fields.exactly(
            root.get("pool"), "$.pool", Set.of("id", "token", "funded", "attestationId"));
    builder.pool(
        new Pool(
            Fields.decimal(p.get("id"), "$.pool.id"),
            Fields.address(p.get("token"), "$.pool.token"),
            Fields.decimal(p.get("funded"), "$.pool.funded"),
            Fields.decimal(p.get("attestationId"), "$.pool.attestationId")));

    builder.attestation(attestation(root.get("attestation")));

    ObjectNode cp =
        Fields.exactly(root.get("checkpoint"), "$.checkpoint", Set.of("treeSize", "root"));
    long treeSize = Fields.count(cp.get("treeSize"), "$.checkpoint.treeSize");
    if (treeSize == 0) {
      throw new SettlementFormatException("$.checkpoint.treeSize must be positive");
    }
    builder.checkpoint(
        new Checkpoint(treeSize, Fields.bytes32(cp.get("root"), "$.checkpoint.root")));

    JsonNode worksNode = root.get("works");
    if (!worksNode.isArray()) {
      throw new SettlementFormatException("$.works must be an array");
    }
    List<Work> works = new ArrayList<>();
    for (int i = 0; i < worksNode.size(); i++) {
      works.add(work(worksNode.get(i), "$.works[" + i + "]"));
    }
    builder.works(works);

    ObjectNode records = Fields.object(root.get("creatorRecords"), "$.creatorRecords");
    Map<Address, Long> creatorRecords = new LinkedHashMap<>();
    for (Iterator<String> names = records.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String path = "$.creatorRecords." + name;
      Address creator = Fields.address(name, path);
      ObjectNode record = Fields.exactly(records.get(name), path, Set.of("earlierWorks"));
      creatorRecords.put(creator, Fields.count(record.get("earlierWorks"), path + ".earlierWorks"));
    }
    builder.creatorRecords(creatorRecords);

    ObjectNode v =
        Fields.exactly(
            root.get("valuation"),
            "$.valuation",
            Set.of(
                "modelVersion",
                "modelSha256",
                "inputCid",
                "inputSha256",
                "reportCid",
                "reportSha256"));
    builder.valuation(
        new ValuationRefs(
            Fields.text(v.get("modelVersion"), "$.valuation.modelVersion"),
            Fields.bytes32(v.get("modelSha256"), "$.valuation.modelSha256"),
            Fields.cid(v.get("inputCid"), "$.valuation.inputCid"),
            Fields.bytes32(v.get("inputSha256"), "$.valuation.inputSha256"),
            Fields.cid(v.get("reportCid"), "$.valuation.reportCid"),
            Fields.bytes32(v.get("reportSha256"), "$.valuation.reportSha256")));

    ObjectNode s =
        Fields.exactly(root.get("allocation"), "$.allocation", Set.of("root", "total", "leaves"));
    long leaves = Fields.count(s.get("leaves"), "$.allocation.leaves");
    if (leaves == 0) {
      throw new SettlementFormatException("$.allocation.leaves must be positive");
    }
    builder.allocation(
        new AllocationSummary(
            Fields.bytes32(s.get("root"), "$.allocation.root"),
            Fields.decimal(s.get("total"), "$.allocation.total"),
            leaves));

    SettlementDocument document = builder.build();
    // Every reader above refuses a value the writer would write differently; this guards the
    // invariant that a parsed document hashes as the bytes it was read from.
    String difference = ValuationReport.firstDifference(document.toJson(), root, "$");
    if (difference != null) {
      throw new SettlementFormatException(difference + " is not written in its canonical form");
    }
    return document;
  }

  private static Attestation attestation(JsonNode node) {
    String path = "$.attestation";
    ObjectNode a =
        Fields.exactly(
            node,
            path,
            Set.of("id", "message", "signature", "logIndex", "evidenceCid", "attestedAt", "proof"));
    return new Attestation(
        Fields.bytes32(a.get("id"), path + ".id"),
        message(a.get("message"), path + ".message"),
        Fields.signature(a.get("signature"), path + ".signature"),
        Fields.count(a.get("logIndex"), path + ".logIndex"),
        Fields.cid(a.get("evidenceCid"), path + ".evidenceCid"),
        Fields.count(a.get("attestedAt"), path + ".attestedAt"),
        Fields.bytes32List(a.get("proof"), path + ".proof"));
  }

  /**
   * Reads an attestation message as {@link #message(AttestationMessage)} writes it.
   *
   * @throws SettlementFormatException naming the field under {@code path}
   */
  public static AttestationMessage message(JsonNode node, String path) {
    ObjectNode m =
        Fields.exactly(
            node,
            path,
            Set.of(
                "modelId",
                "modelVersion",
                "worksRoot",
                "workCount",
                "evidenceDigest",
                "attester",
                "nonce",
                "deadline"));
    long workCount = Fields.count(m.get("workCount"), path + ".workCount");
    if (workCount > 0xFFFF_FFFFL) {
      throw new SettlementFormatException(path + ".workCount must fit in uint32");
    }
    return new AttestationMessage(
        Fields.bytes32(m.get("modelId"), path + ".modelId"),
        Fields.text(m.get("modelVersion"), path + ".modelVersion"),
        Fields.bytes32(m.get("worksRoot"), path + ".worksRoot"),
        workCount,
        Fields.bytes32(m.get("evidenceDigest"), path + ".evidenceDigest"),
        Fields.address(m.get("attester"), path + ".attester"),
        Fields.decimal(m.get("nonce"), path + ".nonce"),
        Fields.decimal(m.get("deadline"), path + ".deadline"));
  }

  private static Work work(JsonNode node, String path) {
    ObjectNode w =
        Fields.exactly(
            node,
            path,
            Set.of("workId", "logIndex", "signature", "metadata", "registration", "proof"));
    JsonNode metadata = w.get("metadata");
    if (!metadata.isNull() && !metadata.isTextual()) {
      throw new SettlementFormatException(path + ".metadata must be a string or null");
    }
    return new Work(
        Fields.bytes32(w.get("workId"), path + ".workId"),
        Fields.count(w.get("logIndex"), path + ".logIndex"),
        Fields.signature(w.get("signature"), path + ".signature"),
        metadata.isNull() ? Optional.empty() : Optional.of(metadata.textValue()),
        registration(w.get("registration"), path + ".registration"),
        Fields.bytes32List(w.get("proof"), path + ".proof"));
  }

  /**
   * Reads a registration as {@link #registration(WorkRegistration)} writes it.
   *
   * @throws SettlementFormatException naming the field under {@code path}
   */
  public static WorkRegistration registration(JsonNode node, String path) {
    ObjectNode r =
        Fields.exactly(
            node,
            path,
            Set.of(
                "creator",
                "contentHash",
                "cid",
                "metadataHash",
                "licence",
                "aiTraining",
                "parents",
                "nonce",
                "deadline"));
    return new WorkRegistration(
        Fields.address(r.get("creator"), path + ".creator"),
        Fields.bytes32(r.get("contentHash"), path + ".contentHash"),
        Fields.text(r.get("cid"), path + ".cid"),
        Fields.bytes32(r.get("metadataHash"), path + ".metadataHash"),
        Fields.text(r.get("licence"), path + ".licence"),
        Fields.bool(r.get("aiTraining"), path + ".aiTraining"),
        Fields.bytes32List(r.get("parents"), path + ".parents"),
        Fields.decimal(r.get("nonce"), path + ".nonce"),
        Fields.decimal(r.get("deadline"), path + ".deadline"));
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      throw new SettlementFormatException(name + " is required");
    }
    return value;
  }

  private static void requireCount(long value, String name) {
    if (value < 0) {
      throw new SettlementFormatException(name + " must be non-negative, not " + value);
    }
  }

  private static void requireUnsigned(BigInteger value, String name) {
    require(value, name);
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new SettlementFormatException(name + " must be an unsigned 256-bit integer");
    }
  }

  /** Assembles a document; {@link #build} validates it. */
  public static final class Builder {
    private long chainId;
    private Contracts contracts;
    private Pool pool;
    private Attestation attestation;
    private Checkpoint checkpoint;
    private List<Work> works = new ArrayList<>();
    private Map<Address, Long> creatorRecords = new TreeMap<>(BY_HEX);
    private ValuationRefs valuation;
    private AllocationSummary allocation;

    private Builder() {}

    public Builder chainId(long chainId) {
      this.chainId = chainId;
      return this;
    }

    public Builder contracts(Contracts contracts) {
      this.contracts = contracts;
      return this;
    }

    public Builder pool(Pool pool) {
      this.pool = pool;
      return this;
    }

    public Builder attestation(Attestation attestation) {
      this.attestation = attestation;
      return this;
    }

    public Builder checkpoint(Checkpoint checkpoint) {
      this.checkpoint = checkpoint;
      return this;
    }

    /** Replaces the works (they must be given in log-index order). */
    public Builder works(List<Work> works) {
      this.works = new ArrayList<>(works);
      return this;
    }

    /** Appends a work (works are added in log-index order). */
    public Builder addWork(Work work) {
      this.works.add(Objects.requireNonNull(work, "work"));
      return this;
    }

    /** Replaces the creator records. */
    public Builder creatorRecords(Map<Address, Long> records) {
      this.creatorRecords = new TreeMap<>(BY_HEX);
      this.creatorRecords.putAll(records);
      return this;
    }

    /** Sets one creator's count of earlier works outside the pool. */
    public Builder creatorRecord(Address creator, long earlierWorks) {
      this.creatorRecords.put(Objects.requireNonNull(creator, "creator"), earlierWorks);
      return this;
    }

    public Builder valuation(ValuationRefs valuation) {
      this.valuation = valuation;
      return this;
    }

    public Builder allocation(AllocationSummary allocation) {
      this.allocation = allocation;
      return this;
    }

    /**
     * The document.
     *
     * @throws SettlementFormatException naming the part that is missing or inconsistent
     */
    public SettlementDocument build() {
      return new SettlementDocument(
          chainId,
          contracts,
          pool,
          attestation,
          checkpoint,
          works,
          creatorRecords,
          Optional.ofNullable(valuation),
          Optional.ofNullable(allocation));
    }
  }
}
