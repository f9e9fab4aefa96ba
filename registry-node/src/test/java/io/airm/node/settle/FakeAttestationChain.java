package io.airm.node.settle;

import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.domain.AttestationChain;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code UsageAttestations} in memory, for unit tests of the code around it: roles, nonces, and a
 * relay that records at once (or reverts, when told to).
 */
public final class FakeAttestationChain implements AttestationChain {
  /** The domain the fake reports: chain 31337, a fixed contract address. */
  public static final Eip712Domain DOMAIN =
      AttestationMessage.domain(31337, Address.parse("0x" + "ab".repeat(20)));

  private final Set<Address> attesters = new HashSet<>();
  private final Map<Address, BigInteger> nonces = new HashMap<>();
  private final Map<Bytes32, Recorded> recorded = new HashMap<>();
  private final Map<Bytes32, Boolean> reverted = new HashMap<>();
  private int relays;
  private boolean refuse;
  private boolean down;
  private long now = 1_790_000_000L;

  @Override
  public Eip712Domain domain() {
    return DOMAIN;
  }

  @Override
  public synchronized boolean isAttester(Address account) {
    return attesters.contains(account);
  }

  @Override
  public synchronized BigInteger nonce(Address attester) {
    return nonces.getOrDefault(attester, BigInteger.ZERO);
  }

  @Override
  public synchronized Bytes32 relay(AttestationMessage message, EthSignature signature) {
    if (down) {
      throw new io.airm.chain.ChainException("The chain endpoint is down (fake outage)");
    }
    relays++;
    Bytes32 tx = Bytes32.of(java.nio.ByteBuffer.allocate(32).putInt(28, relays).array());
    if (refuse) {
      reverted.put(tx, true);
      return tx;
    }
    Address attester = message.attester();
    nonces.put(attester, nonce(attester).add(BigInteger.ONE));
    recorded.put(
        message.digest(DOMAIN), new Recorded(BigInteger.valueOf(recorded.size() + 1L), now++, tx));
    reverted.put(tx, false);
    return tx;
  }

  @Override
  public synchronized Bytes32 grantAttester(Address account) {
    attesters.add(account);
    return Bytes32.ZERO;
  }

  @Override
  public synchronized Optional<Recorded> recorded(Bytes32 digest) {
    if (down) {
      throw new io.airm.chain.ChainException("The chain endpoint is down (fake outage)");
    }
    return Optional.ofNullable(recorded.get(digest));
  }

  @Override
  public synchronized Optional<Boolean> reverted(Bytes32 txHash) {
    return Optional.ofNullable(reverted.get(txHash));
  }

  /** Grants the role directly. */
  public synchronized void grant(Address account) {
    attesters.add(account);
  }

  /** Takes the chain down (every call that would reach it fails) or brings it back. */
  public synchronized void down(boolean isDown) {
    down = isDown;
  }

  /** Makes every later relay revert. */
  public synchronized void refuseRelays() {
    refuse = true;
  }

  /** Makes later relays record again (after {@link #refuseRelays()}). */
  public synchronized void acceptRelays() {
    refuse = false;
  }

  /** How many relays were sent. */
  public synchronized int relays() {
    return relays;
  }
}
