package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an account was allocated in a settled pool, with the Merkle proof to claim it on {@code
 * RewardDistributor}.
 *
 * @param poolId the pool
 * @param account the account paid (always the leaf's account, whoever claims)
 * @param index the leaf's index in the allocation tree
 * @param amount the amount, in wei or the token's smallest unit
 * @param leaf the allocation tree leaf
 * @param proof the OpenZeppelin Merkle proof of the leaf
 * @param claimed whether it has been claimed on chain
 * @param settlementState the pool's settlement state, if the node knows it
 * @param claimableFrom the time (epoch seconds) the challenge window ends, if posted
 * @param reportCid the settlement report's CID, if posted
 */
public record Allocation(
    BigInteger poolId,
    Address account,
    long index,
    BigInteger amount,
    Bytes32 leaf,
    List<Bytes32> proof,
    boolean claimed,
    Optional<String> settlementState,
    OptionalLong claimableFrom,
    Optional<String> reportCid) {

  /** Copies the proof. */
  public Allocation {
    proof = List.copyOf(proof);
  }

  /**
   * Everything an account was allocated, over all pools ({@code
   * /v1/accounts/{account}/allocations}).
   *
   * @param account the account
   * @param total the sum of its allocations
   * @param unclaimed the sum of those not yet claimed
   * @param allocations one per pool
   */
  public record Summary(
      Address account, BigInteger total, BigInteger unclaimed, List<Allocation> allocations) {
    /** Copies the list. */
    public Summary {
      allocations = List.copyOf(allocations);
    }

    static Summary fromJson(JsonNode body) {
      List<Allocation> list = new java.util.ArrayList<>();
      Json.field(body, "allocations").forEach(a -> list.add(Allocation.fromJson(a)));
      return new Summary(
          Json.address(body, "account"),
          Json.bigInteger(body, "total"),
          Json.bigInteger(body, "unclaimed"),
          list);
    }
  }

  static Allocation fromJson(JsonNode body) {
    return new Allocation(
        Json.bigInteger(body, "poolId"),
        Json.address(body, "account"),
        Json.longValue(body, "index"),
        Json.bigInteger(body, "amount"),
        Json.bytes32(body, "leaf"),
        Json.bytes32List(body, "proof"),
        body.path("claimed").asBoolean(false),
        Json.optionalText(body, "state"),
        body.has("claimableFrom")
            ? OptionalLong.of(body.get("claimableFrom").asLong())
            : OptionalLong.empty(),
        Json.optionalText(body, "reportCid"));
  }
}
