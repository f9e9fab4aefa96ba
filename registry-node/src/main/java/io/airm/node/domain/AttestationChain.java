package io.airm.node.domain;

import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.util.Optional;

/** What the node needs of {@code UsageAttestations} (port). */
public interface AttestationChain {
  /** The EIP-712 domain attestations are signed under. */
  Eip712Domain domain();

  /** Whether {@code account} holds ATTESTER_ROLE. */
  boolean isAttester(Address account);

  /** The attester's next nonce on the contract. */
  BigInteger nonce(Address attester);

  /** Sends {@code attestBySig} (through the node's transaction pipeline); the transaction hash. */
  Bytes32 relay(AttestationMessage message, EthSignature signature);

  /** Sends {@code grantRole(ATTESTER_ROLE, account)} with the node's admin key. */
  Bytes32 grantAttester(Address account);

  /** The on-chain record of the attestation with this digest, if the chain has one. */
  Optional<Recorded> recorded(Bytes32 digest);

  /** Whether the transaction was mined and reverted (empty while unknown or pending). */
  Optional<Boolean> reverted(Bytes32 txHash);

  /**
   * An on-chain attestation record.
   *
   * @param chainId the id the contract gave it
   * @param attestedAt its block's timestamp
   * @param txHash the transaction that recorded it
   */
  record Recorded(BigInteger chainId, long attestedAt, Bytes32 txHash) {}
}
