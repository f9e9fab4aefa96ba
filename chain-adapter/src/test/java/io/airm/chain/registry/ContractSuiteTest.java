package io.airm.chain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import org.junit.jupiter.api.Test;

class ContractSuiteTest {
  private static final Address A = Address.parse("0x" + "a1".repeat(20));
  private static final Address B = Address.parse("0x" + "b2".repeat(20));
  private static final ContractSuite.Roles ROLES = new ContractSuite.Roles(A, B, A, B, A);

  @Test
  void roles_refuseTheZeroAddress() {
    assertThatThrownBy(() -> new ContractSuite.Roles(A, B, A, Address.ZERO, A))
        .hasMessageContaining("zero address");
  }

  @Test
  void roles_refuseAMissingHolder() {
    assertThatThrownBy(() -> new ContractSuite.Roles(A, null, A, B, A))
        .hasMessageContaining("anchorer");
  }

  @Test
  void plan_refusesNegativeDelays() {
    assertThatThrownBy(() -> new ContractSuite.Plan(ROLES, -1, 0))
        .hasMessageContaining("challengeWindowSeconds");
    assertThatThrownBy(() -> new ContractSuite.Plan(ROLES, 0, -1))
        .hasMessageContaining("refundDelaySeconds");
  }

  @Test
  void addresses_fillInOneContractAtATime_inDeploymentOrder() {
    Bytes32 tx = Bytes32.parse("0x" + "cd".repeat(32));
    ContractSuite.Addresses none = ContractSuite.Addresses.none();
    assertThat(none.isComplete()).isFalse();

    ContractSuite.Addresses one =
        none.with(ContractSuite.Contract.WORK_REGISTRY, new Deployment(A, 12, tx));
    assertThat(one.workRegistry()).isEqualTo(A);
    assertThat(one.deploymentBlock()).isEqualTo(12);
    assertThat(one.deploymentTx()).isEqualTo(tx);
    assertThat(one.of(ContractSuite.Contract.USAGE_ATTESTATIONS)).isNull();

    // a later contract's block does not replace the registry's, the start for reading events
    ContractSuite.Addresses all =
        one.with(ContractSuite.Contract.USAGE_ATTESTATIONS, new Deployment(B, 13, tx))
            .with(ContractSuite.Contract.REWARD_DISTRIBUTOR, new Deployment(A, 14, tx));
    assertThat(all.isComplete()).isTrue();
    assertThat(all.deploymentBlock()).isEqualTo(12);
    assertThat(all.of(ContractSuite.Contract.USAGE_ATTESTATIONS)).isEqualTo(B);
    assertThat(all.of(ContractSuite.Contract.REWARD_DISTRIBUTOR)).isEqualTo(A);
  }

  @Test
  void aRegistryWithoutItsTransaction_isRefused() {
    assertThatThrownBy(() -> new ContractSuite.Addresses(A, 1, null, null, null))
        .hasMessageContaining("deployment transaction");
  }
}
