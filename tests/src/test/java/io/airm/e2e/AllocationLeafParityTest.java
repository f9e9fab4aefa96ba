package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.chain.eth.Address;
import io.airm.chain.merkle.AllocationTree;
import io.airm.valuation.allocation.AllocationLeaf;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/** The valuation report's leaves are the leaves of the tree the chain verifies. */
class AllocationLeafParityTest {
  @Test
  void valuationLeaves_equalChainAdapterLeaves_forRandomClaims() {
    Random random = new Random(37);
    for (int i = 0; i < 200; i++) {
      byte[] account = new byte[20];
      random.nextBytes(account);
      String hex = Numeric.toHexString(account);
      long index = random.nextInt(1 << 20);
      BigInteger amount = new BigInteger(1 + random.nextInt(255), random);
      assertThat(AllocationLeaf.of(index, hex, amount).leafHash())
          .isEqualTo(
              AllocationTree.leafHash(new AllocationTree.Claim(index, Address.parse(hex), amount))
                  .hex());
    }
  }
}
