package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.WorkRegistration;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.merkle.AllocationTree;
import io.airm.chain.merkle.InMemorySubtreeHashes;
import io.airm.chain.merkle.MerkleTree;
import io.airm.chain.merkle.Rfc6962;
import io.airm.chain.registry.UsageAttestationsContract;
import io.airm.chain.registry.WorkRegistryContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.TransactionSigner;
import io.airm.localchain.DevAccounts;
import io.airm.localchain.LocalChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** The Java hashing and Merkle code agrees with the contracts' own, on a real anvil. */
class ChainParityIT {
  @TempDir Path dir;

  private static Bytes32 random32(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Bytes32.of(bytes);
  }

  @Test
  void workRegistrationDigests_matchTheContract_forRandomInputs() {
    try (LocalChain chain = LocalChain.start(LocalChain.Options.defaults(dir));
        ChainClient client = ChainClient.connect(chain.rpcUrl())) {
      Address registry = chain.deployment().workRegistryAddress();
      WorkRegistryContract contract = new WorkRegistryContract(client, registry);
      Eip712Domain domain = Eip712Domain.workRegistry(client.chainId(), registry);
      assertThat(contract.domain()).isEqualTo(domain);
      Random random = new Random(17);
      String[] texts = {"", "CC-BY-4.0", "https://example.org/licence/ü/漢字", "x".repeat(300)};
      for (int i = 0; i < 25; i++) {
        List<Bytes32> parents = new ArrayList<>();
        for (int p = random.nextInt(6); p > 0; p--) {
          parents.add(random32(random));
        }
        byte[] creator = new byte[20];
        random.nextBytes(creator);
        WorkRegistration registration =
            new WorkRegistration(
                Address.parse(Numeric.toHexString(creator)),
                random32(random),
                texts[random.nextInt(texts.length)] + "bafk" + i,
                random32(random),
                texts[random.nextInt(texts.length)],
                random.nextBoolean(),
                parents,
                new BigInteger(256, random),
                new BigInteger(random.nextInt(257), random));
        assertThat(contract.hashWorkRegistration(registration))
            .isEqualTo(registration.digest(domain));
      }
    }
  }

  @Test
  void rfc6962ProofsFromJava_verifyOnChain_forRandomTreesOfOddSizes() {
    try (LocalChain chain =
            LocalChain.start(
                new LocalChain.Options(
                    dir, io.airm.localchain.AnvilBinary.locate(), Duration.ofMillis(200), 0));
        ChainClient client = ChainClient.connect(chain.rpcUrl())) {
      WorkRegistryContract contract =
          new WorkRegistryContract(client, chain.deployment().workRegistryAddress());
      TransactionSigner signer =
          new TransactionSigner(
              client,
              Credentials.create(DevAccounts.keyOf(chain.deployment().anchorer()).orElseThrow()),
              FeePolicy.defaults());
      Random random = new Random(23);
      int[] sizes = {1, 3, 7, 13, 33, 101};
      for (int size : sizes) {
        InMemorySubtreeHashes tree = InMemorySubtreeHashes.empty();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          byte[] leaf = Rfc6962.leafHash(random32(random).bytes());
          leaves.add(leaf);
          tree.append(leaf);
        }
        Bytes32 root = Bytes32.of(tree.root());
        // each tree anchored at its own (growing) size, as separate checkpoints
        var tx =
            signer.signCall(
                contract.address(),
                contract.encodeAnchor(size, root),
                client.pendingNonce(signer.address()));
        client.broadcast(tx);
        awaitReceipt(client, tx.hash());
        assertThat(contract.rootAt(size)).contains(root);
        for (int i = 0; i < size; i++) {
          List<Bytes32> proof =
              MerkleTree.inclusionProof(i, size, tree).stream().map(Bytes32::of).toList();
          assertThat(contract.verifyInclusion(Bytes32.of(leaves.get(i)), i, size, proof))
              .as("size %d leaf %d", size, i)
              .isTrue();
        }
        if (size > 1) {
          List<Bytes32> proof =
              new ArrayList<>(
                  MerkleTree.inclusionProof(0, size, tree).stream().map(Bytes32::of).toList());
          byte[] changed = proof.get(proof.size() - 1).bytes();
          changed[7] ^= 0x40;
          proof.set(proof.size() - 1, Bytes32.of(changed));
          assertThat(contract.verifyInclusion(Bytes32.of(leaves.get(0)), 0, size, proof)).isFalse();
        }
      }
    }
  }

  @Test
  void attestationDigests_matchUsageAttestations_forRandomInputs() {
    try (LocalChain chain = LocalChain.start(LocalChain.Options.defaults(dir));
        ChainClient client = ChainClient.connect(chain.rpcUrl())) {
      Address address = chain.deployment().usageAttestationsAddress();
      var contract = new UsageAttestationsContract(client, address);
      Eip712Domain domain = AttestationMessage.domain(client.chainId(), address);
      assertThat(contract.domain()).isEqualTo(domain);
      Random random = new Random(29);
      String[] versions = {"", "v1", "2026-11 ü", "x".repeat(200)};
      for (int i = 0; i < 20; i++) {
        byte[] attester = new byte[20];
        random.nextBytes(attester);
        AttestationMessage message =
            new AttestationMessage(
                random32(random),
                versions[random.nextInt(versions.length)],
                random32(random),
                random.nextInt() & 0xFFFF_FFFFL,
                random32(random),
                Address.parse(Numeric.toHexString(attester)),
                new BigInteger(random.nextInt(257), random),
                new BigInteger(random.nextInt(257), random));
        assertThat(contract.hashAttestation(message)).isEqualTo(message.digest(domain));
      }
    }
  }

  @Test
  void allocationTreeProofsFromJava_areAcceptedByRewardDistributor_forOddSizes() throws Exception {
    try (LocalChain chain =
            LocalChain.start(
                new LocalChain.Options(
                    dir, io.airm.localchain.AnvilBinary.locate(), Duration.ofMillis(200), 0));
        ChainClient client = ChainClient.connect(chain.rpcUrl())) {
      var admin = Credentials.create(DevAccounts.key(0));
      var manager = manager(client, admin);
      var distributor =
          io.airm.chain.contracts.RewardDistributor.deploy(
                  client.web3j(),
                  manager,
                  gas(client),
                  admin.getAddress(),
                  admin.getAddress(),
                  admin.getAddress(),
                  admin.getAddress(),
                  BigInteger.ONE,
                  BigInteger.ONE)
              .send();
      Random random = new Random(31);
      long poolId = 0;
      for (int size : new int[] {1, 3, 7, 33}) {
        List<AllocationTree.Claim> claims = new ArrayList<>();
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < size; i++) {
          byte[] account = new byte[20];
          random.nextBytes(account);
          BigInteger amount = BigInteger.valueOf(1 + random.nextInt(1_000_000));
          claims.add(
              new AllocationTree.Claim(i, Address.parse(Numeric.toHexString(account)), amount));
          total = total.add(amount);
        }
        AllocationTree tree = AllocationTree.of(claims);
        long expiry = java.time.Instant.now().getEpochSecond() + 3600;
        distributor
            .createPool(
                BigInteger.valueOf(size),
                "0x0000000000000000000000000000000000000000",
                BigInteger.valueOf(expiry))
            .send();
        poolId++;
        BigInteger pool = BigInteger.valueOf(poolId);
        distributor.fund(pool, total, total).send();
        distributor
            .postDistribution(pool, tree.root().bytes(), total, new byte[32], "bafy-test")
            .send();
        for (AllocationTree.Claim claim : claims) {
          List<byte[]> proof = tree.proof(claim.index()).stream().map(Bytes32::bytes).toList();
          assertThat(
                  distributor
                      .verifyClaim(
                          pool,
                          BigInteger.valueOf(claim.index()),
                          claim.account().value(),
                          claim.amount(),
                          proof)
                      .send())
              .as("size %d index %d", size, claim.index())
              .isTrue();
          assertThat(
                  distributor
                      .verifyClaim(
                          pool,
                          BigInteger.valueOf(claim.index()),
                          claim.account().value(),
                          claim.amount().add(BigInteger.ONE),
                          proof)
                      .send())
              .isFalse();
        }
        Thread.sleep(2_100); // past the one-second challenge window
        AllocationTree.Claim first = claims.get(size / 2);
        distributor
            .claim(
                pool,
                BigInteger.valueOf(first.index()),
                first.account().value(),
                first.amount(),
                tree.proof(first.index()).stream().map(Bytes32::bytes).toList())
            .send();
        assertThat(
                client
                    .web3j()
                    .ethGetBalance(
                        first.account().value(),
                        org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                    .send()
                    .getBalance())
            .isEqualTo(first.amount());
        assertThat(distributor.isClaimed(pool, BigInteger.valueOf(first.index())).send()).isTrue();
      }
    }
  }

  private static org.web3j.tx.TransactionManager manager(ChainClient client, Credentials key) {
    return new org.web3j.tx.RawTransactionManager(
        client.web3j(),
        key,
        client.chainId(),
        new org.web3j.tx.response.PollingTransactionReceiptProcessor(client.web3j(), 100, 300));
  }

  private static org.web3j.tx.gas.ContractGasProvider gas(ChainClient client) {
    return new org.web3j.tx.gas.StaticEIP1559GasProvider(
        client.chainId(),
        BigInteger.valueOf(100_000_000_000L),
        BigInteger.valueOf(1_000_000_000L),
        BigInteger.valueOf(8_000_000L));
  }

  static void awaitReceipt(ChainClient client, Bytes32 txHash) {
    for (int i = 0; i < 200; i++) {
      var receipt = client.receipt(txHash);
      if (receipt.isPresent()) {
        assertThat(receipt.get().succeeded()).isTrue();
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no receipt for " + txHash);
  }
}
