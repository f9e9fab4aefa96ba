package io.airm.valuation.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.valuation.allocation.Payee;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One work as the valuation sees it.
 *
 * @param workId the registry's work id, 0x lower-case hex
 * @param logIndex its index in the registry's log (what "earlier" means)
 * @param creator the creator's address
 * @param kind {@code text} or {@code binary}
 * @param text the text of a text work
 * @param data the bytes of a binary work
 * @param payees who is paid for it, with shares summing to 10,000 bps
 * @param parents the works it cites or derives from (provenance claims)
 * @param signed whether its registration carries a valid creator signature
 * @param contentRetrievable whether its content can be fetched by CID
 * @param embedding its int8 embedding, if the attestation supplied one
 * @param label its class label for the KNN classifier, if influence is measured by KNN-Shapley
 * @param credentials signed credential statements about the creator, as given
 */
public record WorkInput(
    String workId,
    long logIndex,
    String creator,
    String kind,
    Optional<String> text,
    Optional<byte[]> data,
    List<Payee> payees,
    List<String> parents,
    boolean signed,
    boolean contentRetrievable,
    Optional<byte[]> embedding,
    OptionalInt label,
    List<JsonNode> credentials) {

  /** Whether this is a text work. */
  public boolean isText() {
    return "text".equals(kind);
  }
}
