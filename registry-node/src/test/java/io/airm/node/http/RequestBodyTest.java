package io.airm.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
  private static final long LIMIT = 1_000_000;

  private static final RequestBody.Limit LIMIT_OF =
      new RequestBody.Limit(LIMIT, "http.max-attestation-bytes");

  @Test
  void read_acceptsABodyOfExactlyTheLimit_evenAboveTheGeneralJsonLimit() throws Exception {
    byte[] body = new byte[(int) LIMIT];
    assertThat(RequestBody.read(new ByteArrayInputStream(body), LIMIT, LIMIT_OF))
        .hasSize((int) LIMIT);
    assertThat(RequestBody.read(new ByteArrayInputStream(body), -1, LIMIT_OF)).hasSize((int) LIMIT);
  }

  @Test
  void read_declaredTooLarge_isRefusedOnceTheLimitIsPassed_namingTheSetting() {
    // the body is read up to the limit first, so that a client still sending gets the 413
    assertThatThrownBy(
            () ->
                RequestBody.read(
                    new ByteArrayInputStream(new byte[(int) LIMIT + 1]), LIMIT + 1, LIMIT_OF))
        .isInstanceOf(RegistryException.class)
        .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(ErrorKind.TOO_LARGE))
        .hasMessageContaining("http.max-attestation-bytes");
  }

  @Test
  void read_chunkedBodyOverTheLimit_isRefused() {
    byte[] body = new byte[(int) LIMIT + 1];
    assertThatThrownBy(() -> RequestBody.read(new ByteArrayInputStream(body), -1, LIMIT_OF))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("at most " + LIMIT + " here (http.max-attestation-bytes)");
  }
}
