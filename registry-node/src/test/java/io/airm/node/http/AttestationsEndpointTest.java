package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class AttestationsEndpointTest {
  private static final long LIMIT = 1_000_000;

  @Test
  void readLimited_acceptsABodyOfExactlyTheLimit_evenAboveTheGeneralJsonLimit() throws Exception {
    byte[] body = new byte[(int) LIMIT];
    assertThat(AttestationsEndpoint.readLimited(new ByteArrayInputStream(body), LIMIT, LIMIT))
        .hasSize((int) LIMIT);
    assertThat(AttestationsEndpoint.readLimited(new ByteArrayInputStream(body), -1, LIMIT))
        .hasSize((int) LIMIT);
  }

  @Test
  void readLimited_declaredTooLarge_isRefusedOnceTheLimitIsPassed_namingTheSetting() {
    // the body is read up to the limit first, so that a client still sending gets the 413
    assertThatThrownBy(
            () ->
                AttestationsEndpoint.readLimited(
                    new ByteArrayInputStream(new byte[(int) LIMIT + 1]), LIMIT + 1, LIMIT))
        .isInstanceOf(RegistryException.class)
        .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(ErrorKind.TOO_LARGE))
        .hasMessageContaining("http.max-attestation-bytes");
  }

  @Test
  void readLimited_chunkedBodyOverTheLimit_isRefused() {
    byte[] body = new byte[(int) LIMIT + 1];
    assertThatThrownBy(
            () -> AttestationsEndpoint.readLimited(new ByteArrayInputStream(body), -1, LIMIT))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("at most " + LIMIT + " here (http.max-attestation-bytes)");
  }
}
