package io.airm.localchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnvilBinaryTest {
  @Test
  void locate_missingAnvil_namesTheCommandThatInstallsIt(@TempDir Path root) {
    assertThatThrownBy(() -> AnvilBinary.locate(root))
        .isInstanceOf(LocalChainException.class)
        .hasMessageContaining("anvil is not installed at " + root.resolve(AnvilBinary.RELATIVE))
        .hasMessageContaining("npm ci");
  }

  @Test
  void devAccounts_areAnvilsTen() {
    assertThat(DevAccounts.count()).isEqualTo(10);
    assertThatThrownBy(() -> DevAccounts.key(10)).hasMessageContaining("0 to 9");
  }
}
