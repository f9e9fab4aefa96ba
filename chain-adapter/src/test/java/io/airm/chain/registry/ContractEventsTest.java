package io.airm.chain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.registry.RewardDistributorContract.ClaimedEvent;
import io.airm.chain.registry.RewardDistributorContract.PoolCreatedEvent;
import io.airm.chain.registry.UsageAttestationsContract.AttestedEvent;
import io.airm.chain.tx.Receipt;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class ContractEventsTest {
  private static final Address CONTRACT =
      Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  private static final Address ATTESTER =
      Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  private static final Bytes32 TX = Bytes32.parse("0x" + "ab".repeat(32));
  private static final Bytes32 ONE = Bytes32.parse("0x" + "11".repeat(32));
  private static final Bytes32 TWO = Bytes32.parse("0x" + "22".repeat(32));

  private static Bytes32 word(BigInteger value) {
    return Bytes32.parse(Numeric.toHexStringWithPrefixZeroPadded(value, 64));
  }

  private static Bytes32 word(Address address) {
    return word(Numeric.toBigInt(address.value()));
  }

  private static ChainEvent log(Address contract, List<Bytes32> topics, List<Type> data) {
    return new ChainEvent(
        contract, 5, ONE, TX, 3, topics, "0x" + FunctionEncoder.encodeConstructor(data));
  }

  private static ChainEvent attested(Address contract) {
    return log(
        contract,
        List.of(
            UsageAttestationsContract.ATTESTED_TOPIC, word(BigInteger.TEN), word(ATTESTER), TWO),
        List.of(
            new org.web3j.abi.datatypes.generated.Bytes32(ONE.bytes()),
            new Utf8String("v1 ü"),
            new org.web3j.abi.datatypes.generated.Bytes32(TWO.bytes()),
            new Uint32(4_000_000_000L),
            new org.web3j.abi.datatypes.generated.Bytes32(ONE.bytes())));
  }

  @Test
  void topics_areTheKeccakOfTheSolidityEventSignatures() {
    assertThat(UsageAttestationsContract.ATTESTED_TOPIC)
        .isEqualTo(
            keccak("Attested(uint256,address,bytes32,bytes32,string,bytes32,uint32,bytes32)"));
    assertThat(RewardDistributorContract.DISTRIBUTION_POSTED_TOPIC)
        .isEqualTo(
            keccak("DistributionPosted(uint256,bytes32,uint256,bytes32,string,uint64,address)"));
    assertThat(RewardDistributorContract.CLAIMED_TOPIC)
        .isEqualTo(keccak("Claimed(uint256,uint256,address,uint256)"));
  }

  private static Bytes32 keccak(String signature) {
    return Bytes32.of(Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void attested_decodesEveryFieldInItsPlace() {
    assertThat(AttestedEvent.decode(attested(CONTRACT)))
        .contains(
            new AttestedEvent(
                BigInteger.TEN, ATTESTER, TWO, ONE, "v1 ü", TWO, 4_000_000_000L, ONE));
  }

  @Test
  void decode_anotherEvent_isEmpty() {
    assertThat(PoolCreatedEvent.decode(attested(CONTRACT))).isEmpty();
    assertThat(ClaimedEvent.decode(attested(CONTRACT))).isEmpty();
  }

  @Test
  void decode_theTopicWithATruncatedBody_isRefusedNamingTheTransaction() {
    ChainEvent good = attested(CONTRACT);
    ChainEvent truncated =
        new ChainEvent(
            CONTRACT,
            5,
            ONE,
            TX,
            3,
            good.topics(),
            good.data().substring(0, good.data().length() - 128));
    assertThatThrownBy(() -> AttestedEvent.decode(truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TX.hex())
        .hasMessageContaining("Attested");
  }

  @Test
  void claimed_anIndexBeyondALong_isRefused() {
    BigInteger huge = BigInteger.ONE.shiftLeft(64);
    ChainEvent claimed =
        log(
            CONTRACT,
            List.of(
                RewardDistributorContract.CLAIMED_TOPIC,
                word(BigInteger.ONE),
                word(huge),
                word(ATTESTER)),
            List.of(new Uint256(5)));
    assertThatThrownBy(() -> ClaimedEvent.decode(claimed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(huge.toString());
  }

  @Test
  void events_ofAReceipt_keepOnlyTheContractsOwnLogs() {
    Address impostor = Address.parse("0x" + "99".repeat(20));
    Receipt receipt =
        new Receipt(TX, 5, ONE, true, 50_000, List.of(attested(impostor), attested(CONTRACT)));
    assertThat(EventLogs.in(receipt, CONTRACT, AttestedEvent::decode)).hasSize(1);
    assertThat(EventLogs.in(receipt, impostor, AttestedEvent::decode)).hasSize(1);
    assertThat(EventLogs.in(new Receipt(TX, 5, ONE, true, 21_000), CONTRACT, AttestedEvent::decode))
        .isEmpty();
  }

  @Test
  void seconds_saturateBeyondALong() {
    assertThat(ContractCalls.seconds(BigInteger.valueOf(1_790_000_000L))).isEqualTo(1_790_000_000L);
    assertThat(ContractCalls.seconds(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void distributionStatus_followsTheSolidityEnum() {
    assertThat(DistributionStatus.of(0)).isEqualTo(DistributionStatus.NONE);
    assertThat(DistributionStatus.of(1)).isEqualTo(DistributionStatus.POSTED);
    assertThat(DistributionStatus.of(2)).isEqualTo(DistributionStatus.CHALLENGED);
    assertThatThrownBy(() -> DistributionStatus.of(3)).isInstanceOf(IllegalArgumentException.class);
  }
}
