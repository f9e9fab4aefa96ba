package io.airm.node.settlement;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.InMemorySubtreeHashes;
import io.airm.chain.merkle.MerkleTree;
import io.airm.chain.merkle.Rfc6962;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.domain.LogLeaf;
import io.airm.valuation.Valuation;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ScoringModel;
import io.airm.valuation.report.ValuationReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.web3j.crypto.Credentials;

/**
 * A complete, valid settlement of a three-work pool: real keys and signatures, a real log with
 * inclusion proofs, evidence measured by KNN-Shapley, and the valuation actually run. Tests build
 * their bad cases by changing one part of it.
 */
public final class SettlementFixture {
  public static final long CHAIN_ID = 31337;
  public static final Address REGISTRY =
      Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  public static final Address ATTESTATIONS =
      Address.parse("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
  public static final Address DISTRIBUTOR =
      Address.parse("0x9fe46736679d2d9a65f0555b2ce2ad9c7c3b6c9b");
  // anvil's well-known development keys, never used for anything else
  public static final String KEY_A =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  public static final String KEY_B =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
  public static final String KEY_C =
      "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
  public static final String ATTESTER_KEY =
      "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a";
  public static final Address A = address(KEY_A);
  public static final Address B = address(KEY_B);
  public static final Address C = address(KEY_C);
  public static final Address ATTESTER = address(ATTESTER_KEY);

  /** A registered work outside the pool that the binary work cites. */
  public static final Bytes32 OUTSIDE_PARENT = Bytes32.parse("0x" + "ab".repeat(32));

  public final Eip712Domain registryDomain = Eip712Domain.workRegistry(CHAIN_ID, REGISTRY);
  public final Eip712Domain attestationDomain = AttestationMessage.domain(CHAIN_ID, ATTESTATIONS);
  public final Map<String, byte[]> contents = new HashMap<>();
  public final List<byte[]> logLeaves = new ArrayList<>();
  public final Evidence evidence;
  public final String evidenceCid;
  public final SettlementDocument draft;
  public final ValuationInput input;
  public final ValuationReport report;
  public final SettlementDocument document;
  public final ScoringModel model = ScoringModel.defaultModel();

  private SettlementFixture() {
    // Two earlier works of A's, not in the pool.
    Random random = new Random(7);
    for (int i = 0; i < 2; i++) {
      byte[] leaf = new byte[98];
      random.nextBytes(leaf);
      leaf[0] = LogLeaf.WORK_REGISTRATION;
      logLeaves.add(leaf);
    }
    List<SettlementDocument.Work> works = new ArrayList<>();
    SignedWork essay =
        work(
            KEY_A,
            text(
                "Heat in layered crystals travels differently along and across the layers. We"
                    + " derive a correction to the relaxation-time approximation and validate it"
                    + " against molecular dynamics of graphite and boron nitride."),
            Optional.of("{\"title\":\"Phonons\",\"mediaType\":\"text/markdown\"}"),
            List.of(),
            1);
    SignedWork poem =
        work(
            KEY_B,
            text(
                "The river keeps its counsel under ice; the heron waits, and the reeds write"
                    + " their slow grammar in the wind along the bank."),
            Optional.of(
                "{\"coCreators\":[{\"account\":\""
                    + B
                    + "\",\"sharesBps\":6000},{\"account\":\""
                    + A
                    + "\",\"sharesBps\":4000}],\"credentials\":[]}"),
            List.of(),
            2);
    byte[] binary = new byte[600];
    random.nextBytes(binary);
    binary[10] = 0;
    SignedWork image =
        work(KEY_C, binary, Optional.empty(), List.of(OUTSIDE_PARENT, essay.id()), 3);
    for (SignedWork signed : List.of(essay, poem, image)) {
      long index = logLeaves.size();
      logLeaves.add(LogLeaf.workRegistration(signed.id(), signed.signature()));
      works.add(
          new SettlementDocument.Work(
              signed.id(),
              index,
              signed.signature(),
              signed.metadata(),
              signed.registration(),
              List.of()));
    }

    List<Bytes32> sorted = works.stream().map(SettlementDocument.Work::workId).toList();
    sorted = sorted.stream().sorted((a, b) -> a.hex().compareTo(b.hex())).toList();
    ObjectNode evidenceJson = CanonicalJson.MAPPER.createObjectNode();
    evidenceJson.put("format", Evidence.FORMAT);
    sorted.forEach(id -> evidenceJson.withArray("works").add(id.hex()));
    ObjectNode influence = evidenceJson.putObject("influence");
    influence.put("method", "knn-shapley");
    ObjectNode embeddings = influence.putObject("embeddings");
    ObjectNode labels = influence.putObject("labels");
    for (int i = 0; i < sorted.size(); i++) {
      embeddings.put(sorted.get(i).hex(), embedding(random));
      labels.put(sorted.get(i).hex(), i % 2);
    }
    for (int i = 0; i < 4; i++) {
      influence
          .withArray("probes")
          .addObject()
          .put("id", "probe-0" + i)
          .put("embedding", embedding(random))
          .put("label", i % 2);
    }
    evidence = Evidence.parse(evidenceJson);
    evidenceCid = cid(evidence.canonicalBytes());

    AttestationMessage message =
        new AttestationMessage(
            Bytes32.parse("0x" + "4d".repeat(32)),
            "model-x 2026-11",
            evidence.worksRoot(),
            works.size(),
            evidence.digest(),
            ATTESTER,
            BigInteger.ZERO,
            BigInteger.valueOf(1_790_000_000L));
    Bytes32 attestationId = message.digest(attestationDomain);
    EthSignature attestationSignature = EthSignature.sign(attestationId, ATTESTER_KEY);
    long attestationIndex = logLeaves.size();
    logLeaves.add(LogLeaf.attestation(attestationId, attestationSignature));
    byte[] later = new byte[98];
    random.nextBytes(later);
    logLeaves.add(later); // a leaf after the attestation, still under the checkpoint

    List<byte[]> leafHashes = logLeaves.stream().map(Rfc6962::leafHash).toList();
    InMemorySubtreeHashes log = InMemorySubtreeHashes.of(leafHashes);
    long treeSize = logLeaves.size();
    List<SettlementDocument.Work> proven = new ArrayList<>();
    for (SettlementDocument.Work w : works) {
      proven.add(
          new SettlementDocument.Work(
              w.workId(),
              w.logIndex(),
              w.signature(),
              w.metadata(),
              w.registration(),
              proof(w.logIndex(), treeSize, log)));
    }
    draft =
        SettlementDocument.builder()
            .chainId(CHAIN_ID)
            .contracts(new SettlementDocument.Contracts(REGISTRY, ATTESTATIONS, DISTRIBUTOR))
            .pool(
                new SettlementDocument.Pool(
                    BigInteger.valueOf(7),
                    Address.ZERO,
                    new BigInteger("1000000000000000000"),
                    BigInteger.valueOf(3)))
            .attestation(
                new SettlementDocument.Attestation(
                    attestationId,
                    message,
                    attestationSignature,
                    attestationIndex,
                    evidenceCid,
                    1_789_990_000L,
                    proof(attestationIndex, treeSize, log)))
            .checkpoint(new SettlementDocument.Checkpoint(treeSize, Bytes32.of(log.root())))
            .works(proven)
            .creatorRecord(A, 2)
            .build();
    input = ValuationInputs.build(draft, evidence, fetcher());
    byte[] inputBytes = CanonicalJson.bytes(input.document());
    String inputCid = cid(inputBytes);
    report = Valuation.run(input, model, 1, ValuationInputs.inputUri(inputCid));
    document =
        draft.withValuation(
            new SettlementDocument.ValuationRefs(
                model.version(),
                Bytes32.parse(model.sha256()),
                inputCid,
                Bytes32.parse(input.sha256()),
                cid(report.bytes()),
                Bytes32.parse(report.sha256())),
            SettlementDocument.AllocationSummary.of(report));
  }

  /** A fresh fixture (each test may take its own; building one runs a small valuation). */
  public static SettlementFixture create() {
    return new SettlementFixture();
  }

  /** Fetches the fixture's contents by CID, as an honest node would. */
  public ContentFetcher fetcher() {
    return (cid, sha256) -> {
      byte[] bytes = contents.get(cid);
      if (bytes == null) {
        throw new IllegalStateException("no content " + cid);
      }
      return bytes.clone();
    };
  }

  /** The CID {@code ipfs add --cid-version=1} gives these bytes. */
  public static String cid(byte[] bytes) {
    try {
      return UnixFsImporter.importFile(new ByteArrayInputStream(bytes), ImportOptions.kuboCidV1())
          .root()
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A registered work, signed by its creator. */
  public record SignedWork(
      Bytes32 id,
      EthSignature signature,
      WorkRegistration registration,
      Optional<String> metadata) {}

  /** Registers {@code content} as the creator of {@code key} would, keeping the content. */
  public SignedWork work(
      String key, byte[] content, Optional<String> metadata, List<Bytes32> parents, long nonce) {
    String cid = cid(content);
    contents.put(cid, content.clone());
    WorkRegistration registration =
        new WorkRegistration(
            address(key),
            Evidence.sha256(content),
            cid,
            metadata
                .map(m -> Evidence.sha256(m.getBytes(StandardCharsets.UTF_8)))
                .orElse(Bytes32.ZERO),
            "CC-BY-4.0",
            true,
            parents,
            BigInteger.valueOf(nonce),
            BigInteger.valueOf(1_790_000_000L));
    Bytes32 id = registration.digest(registryDomain);
    return new SignedWork(id, EthSignature.sign(id, key), registration, metadata);
  }

  private static List<Bytes32> proof(long index, long treeSize, InMemorySubtreeHashes log) {
    return MerkleTree.inclusionProof(index, treeSize, log).stream().map(Bytes32::of).toList();
  }

  private static String embedding(Random random) {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static Address address(String key) {
    return Address.parse(Credentials.create(key).getAddress());
  }
}
