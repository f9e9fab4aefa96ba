package io.airm.chain.registry;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;

/** Where and when a contract was deployed. */
public record Deployment(Address address, long block, Bytes32 transactionHash) {}
