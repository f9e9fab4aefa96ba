package io.airm.chain.tx;

import io.airm.chain.eth.Bytes32;

/** What the chain says of a mined transaction. */
public record Receipt(
    Bytes32 transactionHash,
    long blockNumber,
    Bytes32 blockHash,
    boolean succeeded,
    long gasUsed) {}
