package io.airm.node.domain;

import io.airm.chain.eth.Address;
import java.math.BigInteger;

/**
 * A reward pool as the chain indexer saw it.
 *
 * @param id the pool's id on {@code RewardDistributor}
 * @param attestationChainId the on-chain id of the attestation it rewards
 * @param token the ERC-20 it holds, or the zero address for ETH
 * @param funder who created it
 * @param expiry unix seconds after which the funder may reclaim what is unclaimed
 * @param funded what has been credited to it, in the token's smallest unit
 * @param createdBlock the block of its creation
 */
public record Pool(
    BigInteger id,
    BigInteger attestationChainId,
    Address token,
    Address funder,
    long expiry,
    BigInteger funded,
    long createdBlock) {}
