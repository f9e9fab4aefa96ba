package io.airm.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.AllocationTree;
import io.airm.chain.merkle.InMemorySubtreeHashes;
import io.airm.chain.merkle.MerkleTree;
import io.airm.chain.merkle.Rfc6962;
import io.airm.ipfs.unixfs.ContentIdentity;
import io.airm.ipfs.unixfs.UnixFsImporter;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.LogLeaf;
import io.airm.node.settlement.WorksRoot;
import io.airm.valuation.json.CanonicalJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The browser audit's pure logic (registry-node/src/main/web/src/audit/) against the Java
 * implementation: this test computes every hash, digest, tree, proof and CID with the Java code the
 * node and {@code airm audit} use, writes them as vectors, and runs the JavaScript tests ({@code
 * node --test test/audit/}) on them; any disagreement fails the JavaScript tests and so this test.
 * The vectors are also committed ({@code test/audit/java-vectors.json}) so that {@code node --test}
 * runs alone; this test fails if they no longer are what Java computes ({@code
 * -Dairm.audit.write-vectors=true} rewrites them).
 */
class BrowserAuditVectorsTest {
  private static final Path WEB = Path.of("src/main/web");
  private static final Path COMMITTED = WEB.resolve("test/audit/java-vectors.json");
  private static final String CREATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final String ATTESTER_KEY =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
  private static final Address REGISTRY =
      Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  private static final Address ATTESTATIONS =
      Address.parse("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");

  private static final List<String> CIDS =
      List.of(
          "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am",
          "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN",
          "bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y");

  @Test
  void theBrowserAuditComputesWhatJavaComputes() throws Exception {
    ObjectNode vectors = vectors();
    String text = WireFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(vectors);
    Path fresh = Path.of("target/browser-audit/java-vectors.json");
    Files.createDirectories(fresh.getParent());
    Files.writeString(fresh, text);
    if (Boolean.getBoolean("airm.audit.write-vectors")
        || "true".equals(System.getenv("AIRM_AUDIT_WRITE_VECTORS"))) {
      Files.writeString(COMMITTED, text + "\n");
    }
    // Compared as text: a number read back is an IntNode where Java wrote a LongNode.
    boolean current =
        WireFormat.JSON
            .writeValueAsString(WireFormat.JSON.readTree(Files.readString(COMMITTED)))
            .equals(WireFormat.JSON.writeValueAsString(vectors));
    assertThat(current)
        .as(
            "%s must hold what Java computes now, as in %s (copy it, or run with"
                + " AIRM_AUDIT_WRITE_VECTORS=true)",
            COMMITTED, fresh)
        .isTrue();

    assertThat(WEB.resolve("node_modules/viem"))
        .as("the web page's npm packages (npm ci in %s)", WEB)
        .exists();
    ProcessBuilder node =
        new ProcessBuilder("node", "--test", "test/audit/")
            .directory(WEB.toFile())
            .redirectErrorStream(true);
    node.environment().put("AIRM_AUDIT_VECTORS", fresh.toAbsolutePath().toString());
    Process process = node.start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("node --test finished").isTrue();
    assertThat(process.exitValue()).as("node --test test/audit/ said:\n%s", output).isZero();
    assertThat(output).contains("# fail 0").doesNotContain("# pass 0\n");
  }

  private static ObjectNode vectors() throws IOException {
    ObjectNode v = WireFormat.JSON.createObjectNode();
    v.set("rfc6962", rfc6962());
    v.set("eip712", eip712());
    v.set("canonical", canonical());
    v.set("worksRoot", worksRoots());
    v.set("allocation", allocation());
    v.set("unixfs", unixfs());
    return v;
  }

  /** Roots of sizes 0..20 and every inclusion proof in trees of sizes 1..17. */
  private static ArrayNode rfc6962() {
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      hashes.add(Rfc6962.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
    }
    ArrayNode trees = WireFormat.JSON.createArrayNode();
    for (int size = 0; size <= 20; size++) {
      List<byte[]> leaves = hashes.subList(0, size);
      ObjectNode tree = trees.addObject();
      tree.put("size", size);
      ArrayNode leafData = tree.putArray("leafData");
      for (int i = 0; i < size; i++) {
        leafData.add(hex(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
      }
      tree.put("root", hex(Rfc6962.rootOf(leaves)));
      ArrayNode proofs = tree.putArray("proofs");
      if (size > 0 && size <= 17) {
        InMemorySubtreeHashes stored = InMemorySubtreeHashes.of(leaves);
        for (int index = 0; index < size; index++) {
          ArrayNode path = proofs.addArray();
          MerkleTree.inclusionProof(index, size, stored).forEach(h -> path.add(hex(h)));
        }
      }
    }
    return trees;
  }

  /** A work registration and an attestation: digests, signatures, signers, log leaves. */
  private static ObjectNode eip712() {
    ObjectNode out = WireFormat.JSON.createObjectNode();
    Eip712Domain domain = Eip712Domain.workRegistry(31337, REGISTRY);
    ArrayNode works = out.putArray("works");
    for (int i = 0; i < 3; i++) {
      WorkRegistration r =
          new WorkRegistration(
              Address.parse(Credentials.create(CREATOR_KEY).getAddress()),
              sha256(("content " + i).getBytes(StandardCharsets.UTF_8)),
              CIDS.get(i),
              i == 1 ? Bytes32.ZERO : sha256(("metadata " + i).getBytes(StandardCharsets.UTF_8)),
              i == 2 ? "https://example.org/licence/é-😀" : "CC-BY-4.0",
              i != 1,
              i == 2 ? List.of(sha256(new byte[] {1}), sha256(new byte[] {2})) : List.<Bytes32>of(),
              BigInteger.valueOf(12345L + i).shiftLeft(i * 100),
              BigInteger.valueOf(1_790_000_000L + i));
      Bytes32 id = r.digest(domain);
      EthSignature signature = EthSignature.sign(id, CREATOR_KEY);
      ObjectNode w = works.addObject();
      w.set("registration", WireFormat.registration(r));
      w.put("chainId", 31337);
      w.put("verifyingContract", REGISTRY.value());
      w.put("workId", id.hex());
      w.put("signature", signature.toHex());
      w.put("signer", signature.recover(id).value());
      w.put("leaf", hex(LogLeaf.workRegistration(id, signature)));
      w.put("leafHash", hex(Rfc6962.leafHash(LogLeaf.workRegistration(id, signature))));
    }
    Address attester = Address.parse(Credentials.create(ATTESTER_KEY).getAddress());
    AttestationMessage m =
        new AttestationMessage(
            sha256("model".getBytes(StandardCharsets.UTF_8)),
            "llama-x 2026-11 ✓",
            sha256("works".getBytes(StandardCharsets.UTF_8)),
            3,
            sha256("evidence".getBytes(StandardCharsets.UTF_8)),
            attester,
            BigInteger.valueOf(7),
            BigInteger.valueOf(1_790_000_000L));
    Bytes32 id = m.digest(AttestationMessage.domain(31337, ATTESTATIONS));
    EthSignature signature = EthSignature.sign(id, ATTESTER_KEY);
    ObjectNode a = out.putObject("attestation");
    a.set("message", WireFormat.attestation(m)); // as the node's API writes it
    a.put("chainId", 31337);
    a.put("verifyingContract", ATTESTATIONS.value());
    a.put("id", id.hex());
    a.put("signature", signature.toHex());
    a.put("signer", signature.recover(id).value());
    a.put("leaf", hex(LogLeaf.attestation(id, signature)));
    return out;
  }

  /** JSON texts and their canonical form as valuation's CanonicalJson writes it. */
  private static ArrayNode canonical() throws IOException {
    List<String> inputs =
        List.of(
            "{ \"b\" : [1, -2, 0, 123456789012345678901234567890, -98765432109876543210],\n"
                + "  \"a\" : {\"z\": null, \"y\": true, \"x\": false, \"\": \"\"},\n"
                + "  \"ￜ\": 1, \"😀\": 2, \"é\": 3, \"E\": 4, \"e\": 5, \"aa\": [], \"a0\": {} }",
            "{\"s\": \"quote \\\" backslash \\\\ slash \\/ tab \\t nl \\n cr \\r bs \\b ff \\f"
                + " ctl \\u0001 \\u001f del \\u007f é \\u00e9 😀 \\ud83d\\ude00 \\u2028\"}",
            "[{\"works\":[\"0x02\",\"0x01\"],\"influence\":{\"method\":\"none\"},"
                + "\"format\":\"airm-evidence/1\"}]",
            "\"only a string\"",
            "9007199254740993");
    ArrayNode out = WireFormat.JSON.createArrayNode();
    for (String input : inputs) {
      JsonNode parsed = CanonicalJson.MAPPER.readTree(input);
      ObjectNode c = out.addObject();
      c.put("input", input);
      c.put("canonical", CanonicalJson.write(parsed));
      c.put("sha256", CanonicalJson.sha256(parsed));
    }
    return out;
  }

  /** Works roots of sorted id lists of sizes 1..9. */
  private static ArrayNode worksRoots() {
    List<Bytes32> ids = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      ids.add(sha256(new byte[] {(byte) i}));
    }
    ids.sort((x, y) -> x.hex().compareTo(y.hex()));
    ArrayNode out = WireFormat.JSON.createArrayNode();
    for (int n = 1; n <= ids.size(); n++) {
      ObjectNode r = out.addObject();
      ArrayNode list = r.putArray("ids");
      ids.subList(0, n).forEach(id -> list.add(id.hex()));
      r.put("root", WorksRoot.of(ids.subList(0, n)).hex());
    }
    return out;
  }

  /** Allocation trees (OpenZeppelin StandardMerkleTree) of 1..6 claims: leaf hashes and roots. */
  private static ArrayNode allocation() {
    List<AllocationTree.Claim> claims = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Address account =
          Address.parse("0x" + sha256(new byte[] {(byte) (40 + i)}).hex().substring(2, 42));
      BigInteger amount =
          i == 5 ? BigInteger.TEN.pow(30).add(BigInteger.ONE) : BigInteger.valueOf(1000L * i);
      claims.add(new AllocationTree.Claim(i, account, amount));
    }
    ArrayNode out = WireFormat.JSON.createArrayNode();
    for (int n = 1; n <= claims.size(); n++) {
      ObjectNode t = out.addObject();
      ArrayNode leaves = t.putArray("leaves");
      BigInteger total = BigInteger.ZERO;
      for (AllocationTree.Claim c : claims.subList(0, n)) {
        ObjectNode l = leaves.addObject();
        l.put("index", c.index());
        l.put("account", c.account().value());
        l.put("amountWei", c.amount().toString());
        l.put("leafHash", AllocationTree.leafHash(c).hex());
        total = total.add(c.amount());
      }
      t.put("root", AllocationTree.of(claims.subList(0, n)).root().hex());
      t.put("total", total.toString());
    }
    return out;
  }

  /**
   * CIDs of generated files (byte i = (i ^ i>>8 ^ i>>16) & 0xff) around the chunk size and the
   * 174-link limit, as ipfs-adapter's importer (which reproduces Kubo) computes them.
   */
  private static ArrayNode unixfs() throws IOException {
    long chunk = 262144;
    long[] sizes = {
      0, 1, 6, chunk - 1, chunk, chunk + 1, 3 * chunk + 5, 174 * chunk, 174 * chunk + 1
    };
    ArrayNode out = WireFormat.JSON.createArrayNode();
    for (long size : sizes) {
      byte[] bytes = new byte[(int) size];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ((i ^ (i >> 8) ^ (i >> 16)) & 0xff);
      }
      ContentIdentity identity = UnixFsImporter.identify(new ByteArrayInputStream(bytes));
      ObjectNode f = out.addObject();
      f.put("size", size);
      f.put("sha256", "0x" + identity.sha256Hex());
      f.put("cidV0", identity.cidV0().toString());
      f.put("cidV1", identity.cidV1().toString());
    }
    return out;
  }

  private static Bytes32 sha256(byte[] bytes) {
    try {
      return Bytes32.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
