package io.airm.node.chain;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.registry.RewardDistributorContract;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.TransactionPipeline;
import io.airm.node.domain.DistributionChain;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

/** {@code RewardDistributor} through web3j, distributions posted with the operator's pipeline. */
public final class Web3jDistributionChain implements DistributionChain {
  private final ChainClient chain;
  private final RewardDistributorContract contract;
  private final java.util.function.Supplier<TransactionPipeline> operator;

  public Web3jDistributionChain(
      ChainClient chain,
      RewardDistributorContract contract,
      java.util.function.Supplier<TransactionPipeline> operator) {
    this.chain = chain;
    this.contract = contract;
    this.operator = operator;
  }

  @Override
  public Bytes32 post(
      BigInteger poolId, Bytes32 root, BigInteger total, Bytes32 digest, String cid) {
    return operator
        .get()
        .submit(
            contract.address(),
            contract.encodePostDistribution(poolId, root, total, digest, cid),
            BigInteger.ZERO,
            "postDistribution pool " + poolId)
        .original();
  }

  @Override
  public Optional<Posted> distribution(BigInteger poolId) {
    var d = contract.distribution(poolId);
    if (d.status() == io.airm.chain.registry.DistributionStatus.NONE) {
      return Optional.empty();
    }
    return Optional.of(
        new Posted(
            d.root(),
            d.total(),
            d.challengeEndsAt(),
            d.status() == io.airm.chain.registry.DistributionStatus.CHALLENGED));
  }

  @Override
  public BigInteger funded(BigInteger poolId) {
    return contract.pool(poolId).map(p -> p.funded()).orElse(BigInteger.ZERO);
  }

  @Override
  public long chainTime() {
    try {
      EthBlock block =
          chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
      if (block.hasError() || block.getBlock() == null) {
        throw new ChainException("eth_getBlockByNumber(latest) failed");
      }
      return block.getBlock().getTimestamp().longValueExact();
    } catch (IOException e) {
      throw new ChainException("eth_getBlockByNumber(latest) failed: " + e, e);
    }
  }

  @Override
  public Optional<Boolean> reverted(Bytes32 txHash) {
    return chain.receipt(txHash).map(r -> !r.succeeded());
  }
}
