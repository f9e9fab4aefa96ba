package io.airm.chain.merkle;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A pool's allocation tree, built exactly as OpenZeppelin's {@code StandardMerkleTree} builds it,
 * so that {@code MerkleProof} verifies its proofs on chain:
 *
 * <ul>
 *   <li>leaf = {@code keccak256(bytes.concat(keccak256(abi.encode(uint256 index, address account,
 *       uint256 amount))))};
 *   <li>leaves sorted by hash (as unsigned bytes) and laid out at the end of an array of {@code 2n
 *       − 1} nodes, in reverse; node {@code i}'s children are {@code 2i + 1} and {@code 2i + 2}; an
 *       inner node is {@code keccak256} of its two children in ascending order (sorted pairs, so
 *       proofs need no left/right flags); the root is node 0.
 * </ul>
 */
public final class AllocationTree {
  /** One claim: who gets how much, at which leaf index. */
  public record Claim(long index, Address account, BigInteger amount) {
    public Claim {
      if (index < 0 || account == null || amount == null || amount.signum() < 0) {
        throw new IllegalArgumentException(
            "A claim needs an index >= 0, an account, an amount >= 0");
      }
    }
  }

  private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

  private final byte[][] nodes;
  private final Map<Long, Integer> positionOfIndex = new HashMap<>();

  private AllocationTree(List<Claim> claims) {
    if (claims.isEmpty()) {
      throw new IllegalArgumentException("An allocation tree needs at least one claim");
    }
    List<byte[]> leaves = new ArrayList<>();
    Map<String, Long> indexOfLeaf = new HashMap<>();
    for (Claim claim : claims) {
      byte[] leaf = leafHash(claim).bytes();
      if (indexOfLeaf.put(Numeric.toHexString(leaf), claim.index()) != null) {
        throw new IllegalArgumentException("Two claims have the same leaf: " + claim);
      }
      leaves.add(leaf);
    }
    leaves.sort(UNSIGNED);
    int n = leaves.size();
    nodes = new byte[2 * n - 1][];
    for (int i = 0; i < n; i++) {
      int position = nodes.length - 1 - i;
      nodes[position] = leaves.get(i);
      positionOfIndex.put(indexOfLeaf.get(Numeric.toHexString(leaves.get(i))), position);
    }
    for (int i = nodes.length - 1 - n; i >= 0; i--) {
      nodes[i] = hashPair(nodes[2 * i + 1], nodes[2 * i + 2]);
    }
  }

  /** The tree of {@code claims} (distinct leaves). */
  public static AllocationTree of(List<Claim> claims) {
    return new AllocationTree(claims);
  }

  /** The leaf hash of a claim. */
  public static Bytes32 leafHash(Claim claim) {
    List<Type> values =
        List.of(
            new Uint256(BigInteger.valueOf(claim.index())),
            new org.web3j.abi.datatypes.Address(claim.account().value()),
            new Uint256(claim.amount()));
    byte[] encoded = Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(values));
    return Bytes32.of(Hash.sha3(Hash.sha3(encoded)));
  }

  /** The root, which the contract stores. */
  public Bytes32 root() {
    return Bytes32.of(nodes[0]);
  }

  /** The proof for the claim at leaf index {@code index}, bottom up. */
  public List<Bytes32> proof(long index) {
    Integer position = positionOfIndex.get(index);
    if (position == null) {
      throw new IllegalArgumentException("No claim has index " + index);
    }
    List<Bytes32> proof = new ArrayList<>();
    for (int i = position; i > 0; i = (i - 1) / 2) {
      int sibling = i % 2 == 1 ? i + 1 : i - 1;
      proof.add(Bytes32.of(nodes[sibling]));
    }
    return Collections.unmodifiableList(proof);
  }

  /** What {@code MerkleProof.processProof} computes: the root a leaf and proof lead to. */
  public static Bytes32 processProof(Bytes32 leaf, List<Bytes32> proof) {
    byte[] computed = leaf.bytes();
    for (Bytes32 sibling : proof) {
      computed = hashPair(computed, sibling.bytes());
    }
    return Bytes32.of(computed);
  }

  private static byte[] hashPair(byte[] a, byte[] b) {
    byte[] pair = new byte[64];
    boolean aFirst = UNSIGNED.compare(a, b) <= 0;
    System.arraycopy(aFirst ? a : b, 0, pair, 0, 32);
    System.arraycopy(aFirst ? b : a, 0, pair, 32, 32);
    return Hash.sha3(pair);
  }
}
