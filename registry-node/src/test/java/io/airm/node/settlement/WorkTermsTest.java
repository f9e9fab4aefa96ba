package io.airm.node.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.eth.Address;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkTermsTest {
  static final Address CREATOR = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  static final String A = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
  static final String B = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
  static final byte[] TEXT = "A short essay.\n".getBytes(StandardCharsets.UTF_8);
  static final byte[] WITH_NUL = {'a', 0, 'b'};
  static final byte[] NOT_UTF8 = {(byte) 0xc3, (byte) 0x28};

  @Test
  void payees_withoutMetadata_areTheCreatorInFull() {
    WorkTerms terms = WorkTerms.of(Optional.empty(), CREATOR, TEXT);
    assertThat(terms.payees()).containsExactly(new WorkTerms.Payee(CREATOR, 10_000));
    assertThat(terms.credentials()).isEmpty();
  }

  @Test
  void payees_areTheCoCreatorsInTheirOrder() {
    WorkTerms terms =
        WorkTerms.of(
            Optional.of(
                "{\"coCreators\":[{\"account\":\""
                    + B
                    + "\",\"sharesBps\":7500,\"name\":\"Bea\"},{\"account\":\""
                    + A
                    + "\",\"sharesBps\":2500}]}"),
            CREATOR,
            TEXT);
    assertThat(terms.payees())
        .containsExactly(
            new WorkTerms.Payee(new Address(B), 7500), new WorkTerms.Payee(new Address(A), 2500));
  }

  @Test
  void payees_ofMetadataThatIsNotAJsonObject_areTheCreator() {
    for (String metadata : new String[] {"free text about the work", "[1,2]", "\"s\""}) {
      assertThat(WorkTerms.of(Optional.of(metadata), CREATOR, TEXT).payees())
          .containsExactly(new WorkTerms.Payee(CREATOR, 10_000));
      assertThatCode(() -> WorkTerms.validateMetadata(Optional.of(metadata)))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void credentials_areCopiedAsWritten() {
    WorkTerms terms =
        WorkTerms.of(
            Optional.of(
                "{\"credentials\":[{\"statement\":{\"claim\":\"PhD\"},\"signature\":\"0x1\"}]}"),
            CREATOR,
            TEXT);
    assertThat(terms.credentials()).hasSize(1);
    assertThat(terms.credentials().get(0).path("statement").path("claim").asText())
        .isEqualTo("PhD");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "shares short of 10000 | [{\"account\":\""
            + A
            + "\",\"sharesBps\":9999}] | shares must sum to 10000 bps, not 9999",
        "shares over 10000 | [{\"account\":\""
            + A
            + "\",\"sharesBps\":6000},{\"account\":\""
            + B
            + "\",\"sharesBps\":6000}] | not 12000",
        "a repeated account | [{\"account\":\""
            + A
            + "\",\"sharesBps\":5000},{\"account\":\""
            + A
            + "\",\"sharesBps\":5000}] | metadata.coCreators[1].account repeats "
            + A,
        "a zero share | [{\"account\":\""
            + A
            + "\",\"sharesBps\":10000},{\"account\":\""
            + B
            + "\",\"sharesBps\":0}] | metadata.coCreators[1].sharesBps must be between 1 and 10000",
        "a share as a string | [{\"account\":\""
            + A
            + "\",\"sharesBps\":\"10000\"}] | metadata.coCreators[0].sharesBps must be a non-negative integer",
        "a fractional share | [{\"account\":\""
            + A
            + "\",\"sharesBps\":10000.0}] | metadata.coCreators[0].sharesBps must be a non-negative integer",
        "a checksummed account | [{\"account\":\"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC\",\"sharesBps\":10000}] | metadata.coCreators[0].account must be 0x and 40 lower-case hex digits",
        "a short account | [{\"account\":\"0x3c44\",\"sharesBps\":10000}] | metadata.coCreators[0].account must be",
        "an empty list | [] | metadata.coCreators must be a non-empty array",
        "not a list | {} | metadata.coCreators must be a non-empty array",
        "an entry that is not an object | [1] | metadata.coCreators[0] must be a JSON object",
      })
  void validateMetadata_refusesBadCoCreators(String name, String coCreators, String message) {
    Optional<String> metadata = Optional.of("{\"coCreators\":" + coCreators + "}");
    assertThatThrownBy(() -> WorkTerms.validateMetadata(metadata))
        .isInstanceOf(SettlementFormatException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> WorkTerms.of(metadata, CREATOR, TEXT)).hasMessageContaining(message);
  }

  @Test
  void validateMetadata_refusesOtherMalformedTerms() {
    assertThatThrownBy(() -> WorkTerms.validateMetadata(Optional.of("{\"mediaType\":5}")))
        .hasMessageContaining("metadata.mediaType must be a string");
    assertThatThrownBy(() -> WorkTerms.validateMetadata(Optional.of("{\"credentials\":{}}")))
        .hasMessageContaining("metadata.credentials must be an array");
    assertThatThrownBy(
            () -> WorkTerms.validateMetadata(Optional.of("{\"credentials\":[{\"score\":0.5}]}")))
        .hasMessageContaining("metadata.credentials[0]")
        .hasMessageContaining("integers only");
    assertThatThrownBy(
            () ->
                WorkTerms.validateMetadata(
                    Optional.of(
                        "{\"coCreators\":[],\"coCreators\":[{\"account\":\"" + A + "\"}]}")))
        .hasMessageContaining("Duplicate field 'coCreators'");
    assertThatThrownBy(() -> WorkTerms.validateMetadata(Optional.of("{} trailing")))
        .hasMessageContaining("not acceptable JSON");
  }

  @Test
  void validateMetadata_acceptsNoneAndWellFormedTerms() {
    assertThatCode(() -> WorkTerms.validateMetadata(Optional.empty())).doesNotThrowAnyException();
    assertThatCode(
            () ->
                WorkTerms.validateMetadata(
                    Optional.of(
                        "{\"title\":\"x\",\"mediaType\":\"text/plain\",\"coCreators\":[{\"account\":\""
                            + A
                            + "\",\"sharesBps\":10000}]}")))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "mediaType {0}, content {1} -> {2}")
  @CsvSource({
    "text/markdown, utf8, TEXT",
    "text/plain, nul, TEXT",
    "text/plain, invalid, BINARY",
    "image/png, utf8, BINARY",
    "application/json, utf8, BINARY",
    "Text/Plain, utf8, BINARY",
    ", utf8, TEXT",
    ", empty, TEXT",
    ", nul, BINARY",
    ", invalid, BINARY",
  })
  void kind_followsTheMediaTypeThenTheContent(String mediaType, String content, String kind) {
    byte[] bytes =
        switch (content) {
          case "utf8" -> "Grüße, 世界".getBytes(StandardCharsets.UTF_8);
          case "nul" -> WITH_NUL;
          case "empty" -> new byte[0];
          default -> NOT_UTF8;
        };
    Optional<String> metadata =
        mediaType == null ? Optional.empty() : Optional.of("{\"mediaType\":\"" + mediaType + "\"}");
    assertThat(WorkTerms.of(metadata, CREATOR, bytes).kind())
        .isEqualTo(WorkTerms.Kind.valueOf(kind));
  }
}
