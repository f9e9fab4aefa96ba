package io.airm.chain.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AllocationTreeTest {
  private static List<AllocationTree.Claim> claims(int n, Random random) {
    List<AllocationTree.Claim> claims = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] account = new byte[20];
      random.nextBytes(account);
      claims.add(
          new AllocationTree.Claim(
              i,
              Address.parse(org.web3j.utils.Numeric.toHexString(account)),
              new BigInteger(64, random)));
    }
    return claims;
  }

  @Test
  void leafHash_isOpenZeppelinsDoubleHashedAbiEncode() {
    // cast keccak $(cast keccak $(cast abi-encode "f(uint256,address,uint256)" 3 0x7099…79c8 1e18))
    assertThat(
            AllocationTree.leafHash(
                new AllocationTree.Claim(
                    3,
                    Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"),
                    new BigInteger("1000000000000000000"))))
        .isEqualTo(
            Bytes32.parse("0xd34166c0e8764cb711ecd3a0b520cfbe8fa290a7b051f6825ed34974858dff69"));
  }

  @Test
  void everyProof_leadsToTheRoot_forTreesOfManySizes() {
    Random random = new Random(9);
    for (int n : new int[] {1, 2, 3, 5, 7, 8, 9, 31, 33, 100, 257}) {
      List<AllocationTree.Claim> claims = claims(n, random);
      AllocationTree tree = AllocationTree.of(claims);
      for (AllocationTree.Claim claim : claims) {
        Bytes32 computed =
            AllocationTree.processProof(AllocationTree.leafHash(claim), tree.proof(claim.index()));
        assertThat(computed).as("n=%d index=%d", n, claim.index()).isEqualTo(tree.root());
      }
    }
  }

  @Test
  void aChangedAmountOrProof_doesNotLeadToTheRoot() {
    List<AllocationTree.Claim> claims = claims(13, new Random(2));
    AllocationTree tree = AllocationTree.of(claims);
    AllocationTree.Claim honest = claims.get(5);
    AllocationTree.Claim greedy =
        new AllocationTree.Claim(
            honest.index(), honest.account(), honest.amount().add(BigInteger.ONE));
    assertThat(AllocationTree.processProof(AllocationTree.leafHash(greedy), tree.proof(5)))
        .isNotEqualTo(tree.root());
    List<Bytes32> proof = new ArrayList<>(tree.proof(5));
    byte[] first = proof.get(0).bytes();
    first[31] ^= 1;
    proof.set(0, Bytes32.of(first));
    assertThat(AllocationTree.processProof(AllocationTree.leafHash(honest), proof))
        .isNotEqualTo(tree.root());
  }

  @Test
  void aSingleLeafTree_hasTheLeafAsRootAndAnEmptyProof() {
    List<AllocationTree.Claim> claims = claims(1, new Random(1));
    AllocationTree tree = AllocationTree.of(claims);
    assertThat(tree.root()).isEqualTo(AllocationTree.leafHash(claims.get(0)));
    assertThat(tree.proof(0)).isEmpty();
    assertThatThrownBy(() -> tree.proof(1)).hasMessageContaining("No claim has index 1");
  }
}
