package io.airm.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a creator's works ({@code GET /v1/works?creator=}), newest (highest log index) first.
 *
 * @param creator the creator
 * @param works the works on this page
 * @param nextBefore the {@code before} that continues after this page, if more may follow
 */
public record WorkPage(Address creator, List<WorkRecord> works, OptionalLong nextBefore) {
  /** Copies the list. */
  public WorkPage {
    works = List.copyOf(works);
  }

  static WorkPage fromJson(JsonNode body) {
    List<WorkRecord> works = new ArrayList<>();
    Json.field(body, "works").forEach(w -> works.add(WorkRecord.fromJson(w)));
    return new WorkPage(
        Json.address(body, "creator"),
        works,
        body.has("nextBefore")
            ? OptionalLong.of(Json.longValue(body, "nextBefore"))
            : OptionalLong.empty());
  }
}
