package io.airm.node.domain;

import io.airm.chain.eth.Address;
import java.math.BigInteger;

/**
 * One leaf of a pool's allocation tree: {@code account} may claim {@code amount}.
 *
 * @param poolId the pool
 * @param index the leaf's index (its claim bit)
 * @param account who is paid
 * @param amount how much, in the pool token's smallest unit
 * @param claimed whether the indexer has seen the claim
 */
public record Allocation(
    BigInteger poolId, long index, Address account, BigInteger amount, boolean claimed) {}
