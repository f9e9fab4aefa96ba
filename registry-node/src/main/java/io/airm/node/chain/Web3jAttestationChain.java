package io.airm.node.chain;

import io.airm.chain.ChainException;
import io.airm.chain.eip712.AttestationMessage;
import io.airm.chain.eip712.Eip712Domain;
import io.airm.chain.eip712.EthSignature;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.events.ChainEvent;
import io.airm.chain.registry.UsageAttestationsContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.TransactionPipeline;
import io.airm.node.domain.AttestationChain;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Supplier;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * {@code UsageAttestations} through web3j: views by {@code eth_call}, relayed attestations through
 * the operator's transaction pipeline, role grants through the admin's.
 */
public final class Web3jAttestationChain implements AttestationChain {
  private final ChainClient chain;
  private final UsageAttestationsContract contract;
  private final Supplier<TransactionPipeline> operator;
  private final Optional<? extends Supplier<TransactionPipeline>> admin;
  private final long fromBlock;
  private final Eip712Domain domain;

  public Web3jAttestationChain(
      ChainClient chain,
      UsageAttestationsContract contract,
      Supplier<TransactionPipeline> operator,
      Optional<? extends Supplier<TransactionPipeline>> admin,
      long fromBlock) {
    this.chain = chain;
    this.contract = contract;
    this.operator = operator;
    this.admin = admin;
    this.fromBlock = fromBlock;
    this.domain = contract.domain();
  }

  @Override
  public Eip712Domain domain() {
    return domain;
  }

  @Override
  public boolean isAttester(Address account) {
    return contract.isAttester(account);
  }

  @Override
  public BigInteger nonce(Address attester) {
    return contract.nonce(attester);
  }

  @Override
  public Bytes32 relay(AttestationMessage message, EthSignature signature) {
    return operator
        .get()
        .submit(
            contract.address(),
            contract.encodeAttestBySig(message, signature),
            BigInteger.ZERO,
            "attestBySig " + message.digest(domain))
        .original();
  }

  @Override
  public Bytes32 grantAttester(Address account) {
    Supplier<TransactionPipeline> pipeline =
        admin.orElseThrow(
            () ->
                new io.airm.node.domain.RegistryException(
                    io.airm.node.domain.ErrorKind.FORBIDDEN,
                    "This node has no chain.admin-key; grant the role with `airm attester"
                        + " grant` and the admin's key"));
    return pipeline
        .get()
        .submit(
            contract.address(),
            contract.encodeGrantAttester(account),
            BigInteger.ZERO,
            "grant ATTESTER_ROLE to " + account)
        .original();
  }

  @Override
  public Optional<Recorded> recorded(Bytes32 digest) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            DefaultBlockParameter.valueOf("latest"),
            contract.address().value());
    filter.addSingleTopic(UsageAttestationsContract.ATTESTED_TOPIC.hex());
    filter.addNullTopic();
    filter.addNullTopic();
    filter.addSingleTopic(digest.hex());
    EthLog logs;
    try {
      logs = chain.web3j().ethGetLogs(filter).send();
    } catch (IOException e) {
      throw new ChainException("eth_getLogs for attestation " + digest + " failed: " + e, e);
    }
    if (logs.hasError()) {
      throw new ChainException(
          "eth_getLogs for attestation " + digest + " failed: " + logs.getError().getMessage());
    }
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      if (result.get() instanceof Log log && !log.isRemoved()) {
        ChainEvent event = ChainEvent.fromLog(log);
        Optional<UsageAttestationsContract.AttestedEvent> attested =
            UsageAttestationsContract.AttestedEvent.decode(event);
        if (attested.isPresent()) {
          var record = contract.attestation(attested.get().id()).orElseThrow();
          return Optional.of(
              new Recorded(attested.get().id(), record.attestedAt(), event.txHash()));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Boolean> reverted(Bytes32 txHash) {
    return chain.receipt(txHash).map(r -> !r.succeeded());
  }
}
