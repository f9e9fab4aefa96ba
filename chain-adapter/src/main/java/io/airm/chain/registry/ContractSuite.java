package io.airm.chain.registry;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.chain.tx.ChainClient;
import io.airm.chain.tx.FeePolicy;
import io.airm.chain.tx.Receipt;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;

/**
 * The three contracts an AIRM node needs on a chain — WorkRegistry, UsageAttestations and
 * RewardDistributor — deployed together with their role holders, resumably (only what has no code
 * yet is deployed), then checked: code present, every role held by the account it was meant for,
 * the distributor's delays as asked. Used by the local chain and by {@code airm deploy}.
 */
public final class ContractSuite {
  /** OpenZeppelin's {@code DEFAULT_ADMIN_ROLE}: zero. */
  public static final Bytes32 DEFAULT_ADMIN_ROLE = Bytes32.ZERO;

  private ContractSuite() {}

  /** The contracts of the suite, in the order they are deployed. */
  public enum Contract {
    WORK_REGISTRY("WorkRegistry", WorkRegistryContract.DEPLOY_GAS_LIMIT),
    USAGE_ATTESTATIONS("UsageAttestations", UsageAttestationsContract.DEPLOY_GAS_LIMIT),
    REWARD_DISTRIBUTOR("RewardDistributor", RewardDistributorContract.DEPLOY_GAS_LIMIT);

    private final String contractName;
    private final long gasLimit;

    Contract(String contractName, long gasLimit) {
      this.contractName = contractName;
      this.gasLimit = gasLimit;
    }

    /** The Solidity contract's name. */
    public String contractName() {
      return contractName;
    }

    /** The gas limit its deployment transaction is signed with. */
    public long gasLimit() {
      return gasLimit;
    }
  }

  /**
   * Who holds which role.
   *
   * @param admin DEFAULT_ADMIN_ROLE of all three contracts: grants roles, resolves challenges
   * @param anchorer the WorkRegistry's ANCHORER_ROLE: the node's anchoring key
   * @param operator the RewardDistributor's SETTLEMENT_OPERATOR_ROLE: the node's settlement key
   * @param auditor the RewardDistributor's AUDITOR_ROLE: may challenge a distribution
   * @param guardian the RewardDistributor's GUARDIAN_ROLE: may pause
   */
  public record Roles(
      Address admin, Address anchorer, Address operator, Address auditor, Address guardian) {
    public Roles {
      if (admin == null
          || anchorer == null
          || operator == null
          || auditor == null
          || guardian == null) {
        throw new IllegalArgumentException(
            "Every role needs an account: admin, anchorer, operator, auditor, guardian");
      }
      for (Address account : List.of(admin, anchorer, operator, auditor, guardian)) {
        if (account.equals(Address.ZERO)) {
          throw new IllegalArgumentException("No role may go to the zero address");
        }
      }
    }
  }

  /**
   * What to deploy.
   *
   * @param roles the role holders
   * @param challengeWindowSeconds the RewardDistributor's challenge window
   * @param refundDelaySeconds the RewardDistributor's refund delay
   */
  public record Plan(Roles roles, long challengeWindowSeconds, long refundDelaySeconds) {
    public Plan {
      if (roles == null) {
        throw new IllegalArgumentException("A plan needs its roles");
      }
      ContractCalls.unsigned("challengeWindowSeconds", challengeWindowSeconds, 64);
      ContractCalls.unsigned("refundDelaySeconds", refundDelaySeconds, 64);
    }
  }

  /**
   * Where the suite's contracts are, as far as known; a null address is one not deployed yet.
   *
   * @param workRegistry the WorkRegistry
   * @param deploymentBlock the block the WorkRegistry was deployed in (0 when it is null)
   * @param deploymentTx the transaction that deployed it (null when it is null)
   * @param usageAttestations the UsageAttestations contract
   * @param rewardDistributor the RewardDistributor
   */
  public record Addresses(
      Address workRegistry,
      long deploymentBlock,
      Bytes32 deploymentTx,
      Address usageAttestations,
      Address rewardDistributor) {
    public Addresses {
      if (workRegistry != null && deploymentTx == null) {
        throw new IllegalArgumentException("A known WorkRegistry needs its deployment transaction");
      }
    }

    /** Nothing deployed yet. */
    public static Addresses none() {
      return new Addresses(null, 0, null, null, null);
    }

    /** The address of {@code contract}, or null. */
    public Address of(Contract contract) {
      switch (contract) {
        case WORK_REGISTRY:
          return workRegistry;
        case USAGE_ATTESTATIONS:
          return usageAttestations;
        default:
          return rewardDistributor;
      }
    }

    /** Whether all three are known. */
    public boolean isComplete() {
      return workRegistry != null && usageAttestations != null && rewardDistributor != null;
    }

    Addresses with(Contract contract, Deployment deployment) {
      switch (contract) {
        case WORK_REGISTRY:
          return new Addresses(
              deployment.address(),
              deployment.block(),
              deployment.transactionHash(),
              usageAttestations,
              rewardDistributor);
        case USAGE_ATTESTATIONS:
          return new Addresses(
              workRegistry, deploymentBlock, deploymentTx, deployment.address(), rewardDistributor);
        default:
          return new Addresses(
              workRegistry, deploymentBlock, deploymentTx, usageAttestations, deployment.address());
      }
    }
  }

  /** One contract deployed by {@link #deployMissing}, with what is known so far. */
  public record Deployed(Contract contract, Deployment deployment, Addresses addresses) {}

  /** The contracts of {@code known} that have no code on {@code chain}, in deployment order. */
  public static List<Contract> missing(ChainClient chain, Addresses known) {
    List<Contract> missing = new ArrayList<>();
    for (Contract contract : Contract.values()) {
      Address address = known.of(contract);
      if (address == null || !chain.hasCode(address)) {
        missing.add(contract);
      }
    }
    return missing;
  }

  /**
   * The wei a deployer must hold for the node to accept the deployments of {@code contracts} now:
   * each transaction's gas limit times the max fee per gas that {@code fees} gives at the latest
   * base fee (a node refuses a transaction whose sender cannot pay its gas limit at its max fee).
   * What it finally costs is the gas used at the fee paid, which is less.
   */
  public static BigInteger requiredBalance(
      ChainClient chain, List<Contract> contracts, FeePolicy fees) {
    BigInteger maxFee = fees.maxFeePerGas(chain.latestBaseFee());
    BigInteger gas = BigInteger.ZERO;
    for (Contract contract : contracts) {
      gas = gas.add(BigInteger.valueOf(contract.gasLimit()));
    }
    return gas.multiply(maxFee);
  }

  /**
   * Deploys, in order, each contract of the suite that has no code at its {@code known} address,
   * from {@code deployer} with the fees of {@code fees}; tells {@code afterEach} after each one (so
   * the caller can record it before the next one is sent). Returns every address.
   */
  public static Addresses deployMissing(
      ChainClient chain,
      Credentials deployer,
      Plan plan,
      Addresses known,
      FeePolicy fees,
      Consumer<Deployed> afterEach) {
    Roles roles = plan.roles();
    Addresses addresses = known;
    for (Contract contract : missing(chain, known)) {
      Deployment deployment;
      switch (contract) {
        case WORK_REGISTRY:
          deployment =
              WorkRegistryContract.deploy(chain, deployer, roles.admin(), roles.anchorer(), fees);
          break;
        case USAGE_ATTESTATIONS:
          deployment = UsageAttestationsContract.deploy(chain, deployer, roles.admin(), fees);
          break;
        default:
          deployment =
              RewardDistributorContract.deploy(
                  chain,
                  deployer,
                  roles.admin(),
                  roles.operator(),
                  roles.auditor(),
                  roles.guardian(),
                  plan.challengeWindowSeconds(),
                  plan.refundDelaySeconds(),
                  fees);
          break;
      }
      addresses = addresses.with(contract, deployment);
      afterEach.accept(new Deployed(contract, deployment, addresses));
    }
    return addresses;
  }

  /**
   * Waits until every transaction of {@code deployments} is {@code confirmations} blocks deep
   * (counting its own block) and still has its receipt in the same block, polling every {@code
   * poll}.
   *
   * @throws ChainException if a receipt disappears or moves (a reorganisation dropped the
   *     deployment: run again to redeploy it) or the timeout passes
   */
  public static void awaitConfirmations(
      ChainClient chain,
      List<Deployment> deployments,
      int confirmations,
      Duration poll,
      Duration timeout) {
    if (confirmations < 1) {
      throw new IllegalArgumentException("confirmations must be at least 1, not " + confirmations);
    }
    Instant deadline = Instant.now().plus(timeout);
    for (Deployment deployment : deployments) {
      while (true) {
        Optional<Receipt> receipt = chain.receipt(deployment.transactionHash());
        if (receipt.isEmpty() || receipt.get().blockNumber() != deployment.block()) {
          throw new ChainException(
              "The deployment transaction "
                  + deployment.transactionHash()
                  + " of "
                  + deployment.address()
                  + " is no longer in block "
                  + deployment.block()
                  + " (a reorganisation?); run again to deploy what is missing");
        }
        long depth = chain.blockNumber() - deployment.block() + 1;
        if (depth >= confirmations) {
          break;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new ChainException(
              "The deployment of "
                  + deployment.address()
                  + " is "
                  + depth
                  + " block(s) deep, not the "
                  + confirmations
                  + " asked for, after "
                  + timeout);
        }
        try {
          Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ChainException("Interrupted while waiting for confirmations", e);
        }
      }
    }
  }

  /**
   * Checks the suite at {@code addresses} against {@code plan}: each contract has code, each role
   * is held by the account the plan names, the distributor's delays are the plan's. Returns one
   * sentence per discrepancy; empty when everything matches.
   */
  public static List<String> verify(ChainClient chain, Addresses addresses, Plan plan) {
    List<String> problems = new ArrayList<>();
    for (Contract contract : Contract.values()) {
      Address address = addresses.of(contract);
      if (address == null) {
        problems.add(contract.contractName() + " has no address");
      } else if (!chain.hasCode(address)) {
        problems.add(contract.contractName() + " has no code at " + address);
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Roles roles = plan.roles();
    var registry = new WorkRegistryContract(chain, addresses.workRegistry());
    expectRole(
        problems,
        "WorkRegistry",
        "DEFAULT_ADMIN_ROLE",
        roles.admin(),
        registry.hasRole(DEFAULT_ADMIN_ROLE, roles.admin()));
    expectRole(
        problems,
        "WorkRegistry",
        "ANCHORER_ROLE",
        roles.anchorer(),
        registry.hasRole(registry.anchorerRole(), roles.anchorer()));
    var attestations = new UsageAttestationsContract(chain, addresses.usageAttestations());
    expectRole(
        problems,
        "UsageAttestations",
        "DEFAULT_ADMIN_ROLE",
        roles.admin(),
        attestations.hasRole(DEFAULT_ADMIN_ROLE, roles.admin()));
    var distributor = new RewardDistributorContract(chain, addresses.rewardDistributor());
    expectRole(
        problems,
        "RewardDistributor",
        "DEFAULT_ADMIN_ROLE",
        roles.admin(),
        distributor.hasRole(DEFAULT_ADMIN_ROLE, roles.admin()));
    expectRole(
        problems,
        "RewardDistributor",
        "SETTLEMENT_OPERATOR_ROLE",
        roles.operator(),
        distributor.hasRole(distributor.operatorRole(), roles.operator()));
    expectRole(
        problems,
        "RewardDistributor",
        "AUDITOR_ROLE",
        roles.auditor(),
        distributor.hasRole(distributor.auditorRole(), roles.auditor()));
    expectRole(
        problems,
        "RewardDistributor",
        "GUARDIAN_ROLE",
        roles.guardian(),
        distributor.hasRole(distributor.guardianRole(), roles.guardian()));
    long window = distributor.challengeWindow();
    if (window != plan.challengeWindowSeconds()) {
      problems.add(
          "RewardDistributor's challenge window is "
              + window
              + " s, not the "
              + plan.challengeWindowSeconds()
              + " s asked for (it is fixed at deployment)");
    }
    long delay = distributor.refundDelay();
    if (delay != plan.refundDelaySeconds()) {
      problems.add(
          "RewardDistributor's refund delay is "
              + delay
              + " s, not the "
              + plan.refundDelaySeconds()
              + " s asked for (it is fixed at deployment)");
    }
    return problems;
  }

  private static void expectRole(
      List<String> problems, String contract, String role, Address account, boolean held) {
    if (!held) {
      problems.add(contract + ": " + account + " does not hold " + role);
    }
  }
}
