package io.airm.localchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalChainOptionsTest {
  private static final Path DIR = Path.of("chain");
  private static final Path ANVIL = Path.of("anvil");

  @Test
  void theFourArgumentConstructor_keepsTheTenSecondChallengeWindow() {
    var options = new LocalChain.Options(DIR, ANVIL, Duration.ofSeconds(1), 0);
    assertThat(options.challengeWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.withChallengeWindow(Duration.ZERO).challengeWindow()).isZero();
    assertThat(options.withChallengeWindow(Duration.ZERO).blockTime())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aChallengeWindowThatIsNegativeOrNotWholeSeconds_isRefused() {
    for (Duration bad : new Duration[] {Duration.ofSeconds(-1), Duration.ofMillis(1500), null}) {
      assertThatThrownBy(() -> new LocalChain.Options(DIR, ANVIL, Duration.ofSeconds(1), 0, bad))
          .as("%s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("challengeWindow");
    }
  }
}
